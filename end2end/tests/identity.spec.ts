import { test, expect, Page } from "@playwright/test";
import { logOn, waitForHydration } from "./support";

test("an employee logs on to the mailbox and logs out", async ({ page }) => {
  await logOn(page, "zhao.liu@example.org", "Employee#2026");
  await expect(page).toHaveURL(/\/mail$/);
  await expect(page.getByRole("heading", { name: "Hello, Zhao Liu" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Security settings" })).toBeVisible();
  await page.getByRole("button", { name: "Log Out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/mail");
  await expect(page).toHaveURL(/\/login$/);
});

test("a postmaster logs on to domain management and logs out", async ({ page }) => {
  await logOn(page, "postmaster@example.org", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByText("example.org").first()).toBeVisible();
  await page.getByRole("button", { name: "Log Out" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("a console owner logs on to Email Services and logs out", async ({ page }) => {
  await page.goto("/console/login");
  await waitForHydration(page);
  await page.getByLabel("Account name").fill("owner2");
  await page.getByLabel("Password", { exact: true }).fill("Console#2026");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole("heading", { name: "Email Services" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "example.org", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "example.com", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Log Out" }).click();
  await expect(page).toHaveURL(/\/console\/login$/);
});

test("a wrong password says so and logs nobody on", async ({ page }) => {
  await logOn(page, "zhao.liu@example.org", "Wrong#Password1");
  await expect(page.getByRole("alert")).toHaveText("The email address or password is incorrect.");
  // The focus moves to the refusal, so it is read out first; and again
  // after the next refusal, although the page looks the same.
  await expect(page.getByRole("alert")).toBeFocused();
  await page.getByLabel("Password", { exact: true }).fill("Wrong#Password2");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page.getByRole("alert")).toBeFocused();
  // Still the logon page (the refusal travels in its query).
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("from the logon page to domain management and back, without a full page load", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  // A full page load would start a new document and lose this mark.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const sameDocument = () => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
  const documentsLoaded: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documentsLoaded.push(request.url());
  });
  await page.getByLabel("Email address").fill("postmaster@example.org");
  await page.getByLabel("Password", { exact: true }).fill("Harbor#Lights2026");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "DEPTs & Users" }).click();
  await page.getByRole("link", { name: "Employee Accounts" }).click();
  await expect(page).toHaveURL(/\/admin\/accounts$/);
  await expect(page.getByRole("link", { name: "Zhao Liu" })).toBeVisible();
  await page.getByRole("button", { name: "Log Out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Log On" })).toBeVisible();
  expect(await sameDocument()).toBe(true);
  expect(documentsLoaded).toEqual([]);
});
