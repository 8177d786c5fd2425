import { test, expect, Page } from "@playwright/test";
import { waitForHydration } from "./support";

// Scenario 3: the postmaster forgot their password; the cloud account
// owner resets it from the Email Console.

async function consoleLogOn(page: Page, name: string, password: string) {
  await page.goto("/console/login");
  await waitForHydration(page);
  await page.getByLabel("Account name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log On" }).click();
}

test("the owner resets the postmaster's password, who must then choose a new one", async ({ page }) => {
  await consoleLogOn(page, "owner", "Console#2026");
  await expect(page.getByRole("heading", { name: "Email Services" })).toBeVisible();
  for (const column of ["Domain", "Postmaster", "Accounts", "Status"]) {
    await expect(page.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  const row = page.getByRole("row").filter({ hasText: "example.com" });
  await row.getByRole("link", { name: "Manage" }).click();
  await expect(page.getByText("postmaster@example.com").first()).toBeVisible();
  await waitForHydration(page);

  await page.getByRole("button", { name: "Reset Password" }).click();
  await page.getByLabel("New password").fill("Postmaster#2026");
  await expect(page.locator('[data-rule="contains_account"]')).toHaveAttribute("data-state", "failed");
  await page.getByLabel("New password").fill("Tide#Lantern55");
  await expect(page.locator('[data-rule="contains_account"]')).toHaveAttribute("data-state", "met");
  await page.getByLabel("Confirm password").fill("Tide#Lantern55");
  await expect(page.getByLabel("Require a password change at next logon")).toBeChecked();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "password reset" })).toBeVisible();
  await page.getByRole("button", { name: "Log Out" }).click();
  await expect(page).toHaveURL(/\/console\/login$/);

  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email address").fill("postmaster@example.com");
  await page.getByLabel("Password", { exact: true }).fill("Tide#Lantern55");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "Change Password" })).toBeVisible();
});

test("owner2 sees only example.org and cannot manage example.com", async ({ page }) => {
  await consoleLogOn(page, "owner", "Console#2026");
  const href = await page
    .getByRole("row")
    .filter({ hasText: "example.com" })
    .getByRole("link", { name: "Manage" })
    .getAttribute("href");
  await page.getByRole("button", { name: "Log Out" }).click();
  await expect(page).toHaveURL(/\/console\/login$/);
  await consoleLogOn(page, "owner2", "Console#2026");
  // Wait for the owner's page, so the session exists before going on.
  await expect(page.getByRole("cell", { name: "example.org", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "example.com", exact: true })).toHaveCount(0);
  await page.goto(href!);
  await expect(page.getByRole("alert")).toHaveText("You are not allowed to do that.");
});
