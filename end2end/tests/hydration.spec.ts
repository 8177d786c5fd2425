import { test, expect } from "@playwright/test";
import { waitForHydration } from "./support";

test.describe("logon page", () => {
  test("is rendered on the server with the form", async ({ request }) => {
    const response = await request.get("/login");
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain('for="login-email"');
    expect(html).toContain("Log On");
    expect(html).toContain("Forgot Password");
  });

  test("shows and hides the password once the WASM has hydrated", async ({ page }) => {
    await page.goto("/login");
    await waitForHydration(page);
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("Harbor#Lights2026");
    await expect(password).toHaveAttribute("type", "password");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(password).toHaveAttribute("type", "text");
    await expect(password).toHaveValue("Harbor#Lights2026");
    await page.getByRole("button", { name: "Hide" }).click();
    await expect(password).toHaveAttribute("type", "password");
  });

  test("has the labelled fields, the Log On button and the Forgot Password link", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByLabel("Email address")).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Log On" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Forgot Password" })).toBeVisible();
  });
});
