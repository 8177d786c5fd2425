import { test, expect } from "@playwright/test";
import { saveAGoodPassword, swapOnTheWire } from "./verdict-support";

test("without JavaScript, the rules the server refused are red on the page it answers with", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill("zhao.liu@example.org");
  await page.getByLabel("Password", { exact: true }).fill("Employee#2026");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await page.goto("/settings/security");
  await swapOnTheWire(page);
  await saveAGoodPassword(page);
});
