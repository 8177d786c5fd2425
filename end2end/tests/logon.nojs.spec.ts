import { test, expect } from "@playwright/test";

// Without JavaScript every form is a plain HTML form posting to the same
// server function; the server answers with redirects and rendered pages.
test.describe("without JavaScript", () => {
  test("an employee logs on, sees the mailbox and logs out", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email address").fill("zhao.liu@example.org");
    await page.getByLabel("Password", { exact: true }).fill("Employee#2026");
    await page.getByRole("button", { name: "Log On" }).click();
    await expect(page).toHaveURL(/\/mail$/);
    await expect(page.getByRole("heading", { name: "Hello, Zhao Liu" })).toBeVisible();
    await page.getByRole("button", { name: "Log Out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a wrong password is reported on the logon page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email address").fill("zhao.liu@example.org");
    await page.getByLabel("Password", { exact: true }).fill("Wrong#Password2");
    await page.getByRole("button", { name: "Log On" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("alert")).toHaveText("The email address or password is incorrect.");
    await expect(page.getByRole("alert")).toBeFocused();
  });
});
