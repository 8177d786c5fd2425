import { test, expect, Page } from "@playwright/test";
import { logOn, waitForHydration } from "./support";

// Scenario 1: the postmaster resets an employee's password from domain
// management, by the names the help article uses.

test("the postmaster resets Wang Wu's password, who must then choose a new one", async ({ page }) => {
  await logOn(page, "postmaster@example.com", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);

  await page.getByRole("link", { name: "DEPTs & Users" }).click();
  await page.getByRole("link", { name: "Employee Accounts" }).click();
  await expect(page.getByRole("heading", { name: "Employee Accounts" })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Name" })).toBeVisible();
  await table.getByRole("link", { name: "Wang Wu" }).click();

  await expect(page.getByRole("heading", { name: "Edit Account" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Reset Password" }).click();

  // The live checklist judges with this employee's address and the
  // domain's keywords, on every keystroke.
  const newPassword = page.getByLabel("New password");
  await newPassword.fill("Example#2026");
  await expect(page.locator('[data-rule="contains_keyword"]')).toHaveAttribute("data-state", "failed");
  await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "met");
  await newPassword.fill("Wangwu#2026x");
  await expect(page.locator('[data-rule="contains_account"]')).toHaveAttribute("data-state", "failed");
  await newPassword.fill("Quiet#Harbor77");
  await expect(page.locator('[data-rule="contains_account"]')).toHaveAttribute("data-state", "met");
  await expect(page.locator('[data-rule="contains_keyword"]')).toHaveAttribute("data-state", "met");
  await page.getByLabel("Confirm password").fill("Quiet#Harbor77");
  await expect(page.locator('[data-rule="mismatch"]')).toHaveAttribute("data-state", "met");

  const mustChange = page.getByLabel("Require a password change at next logon");
  await expect(mustChange).toBeChecked();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password reset" })).toBeVisible();

  await page.getByRole("button", { name: "Log Out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The old password no longer works; the new one leads to Change Password.
  await logOn(page, "wang.wu@example.com", "Employee#2026");
  await expect(page.getByRole("alert")).toHaveText("The email address or password is incorrect.");
  await logOn(page, "wang.wu@example.com", "Quiet#Harbor77");
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "Change Password" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("New password").fill("Own#Secret2027");
  await page.getByLabel("Confirm password").fill("Own#Secret2027");
  await page.getByRole("button", { name: "Save" }).click();
  // Wang Wu has no recovery method: asked to set one up, he skips for now.
  await expect(page).toHaveURL(/\/settings\/recovery$/);
  await expect(page.getByRole("heading", { name: "Set up account recovery" })).toBeVisible();
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/mail$/);
  // The newest notice is this reset's (keyboard.spec.ts reset Wang Wu too).
  await expect(page.getByText(/Your password was reset by your administrator on/).first()).toBeVisible();
});

test("the password policy page shows which keyword blocks a password", async ({ page }) => {
  await logOn(page, "postmaster@example.com", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "Password Policy" }).click();
  await expect(page.getByRole("heading", { name: "Password Policy" })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByLabel("Weak password keywords")).toHaveValue(/alibaba/);
  await page.getByLabel("Password to test").fill("A1ibaba#2024");
  await expect(page.getByTestId("keyword-checker")).toContainText('"alibaba"');
  await expect(page.getByLabel("SMS verification code")).toBeChecked();
  await expect(page.getByLabel("Security questions")).toBeChecked();
});

test("a keyword list with a look-alike duplicate is refused, naming both", async ({ page }) => {
  await logOn(page, "postmaster@example.com", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/policy");
  await waitForHydration(page);
  const keywords = page.getByLabel("Weak password keywords");
  await keywords.fill("example\nalibaba\npassword\n123456\nqwerty\np@ssw0rd");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("p@ssw0rd");
  await expect(page.getByRole("alert")).toContainText("password");
});

test("the postmaster of example.org cannot open an example.com account", async ({ page }) => {
  await logOn(page, "postmaster@example.com", "Harbor#Lights2026");
  await page.getByRole("link", { name: "Employee Accounts" }).click();
  const href = await page.getByRole("link", { name: "Li Si" }).getAttribute("href");
  await page.getByRole("button", { name: "Log Out" }).click();
  await logOn(page, "postmaster@example.org", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(href!);
  await expect(page.getByRole("alert")).toHaveText("You are not allowed to do that.");
});
