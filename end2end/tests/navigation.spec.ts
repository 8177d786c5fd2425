import { test, expect } from "@playwright/test";
import { waitForHydration } from "./support";

test("a link the network fails says so, and Try again follows it", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.route("**/forgot", (route) => route.abort("internetdisconnected"));
  await page.getByRole("link", { name: "Forgot Password" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The page could not be loaded." });
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(page).toHaveURL(/\/login$/);
  await page.unroute("**/forgot");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await expect(page.getByRole("heading", { name: "Forgot Password" })).toBeVisible();
});

test("a form the network fails says so and keeps what was typed", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.route("**/api/log_on", (route) => route.abort("internetdisconnected"));
  await page.getByLabel("Email address").fill("zhao.liu@example.org");
  await page.getByLabel("Password", { exact: true }).fill("Employee#2026");
  await page.getByRole("button", { name: "Log On" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The page could not be loaded." });
  await expect(alert).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("zhao.liu@example.org");
  await page.unroute("**/api/log_on");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toHaveCount(0);
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/mail$/);
});
