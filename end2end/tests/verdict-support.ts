import { expect, Page } from "@playwright/test";

// The checklist shows the server's verdict, not only the browser's: a
// password the browser judged good is swapped for "password" on the wire,
// so only the server sees what fails.

/** Rewrites the change-password post so the server gets "password". */
export async function swapOnTheWire(page: Page): Promise<void> {
  await page.route("**/api/change_password*", async (route) => {
    const form = new URLSearchParams(route.request().postData() ?? "");
    form.set("new_password", "password");
    form.set("confirm_password", "password");
    await route.continue({ postData: form.toString() });
  });
}

export async function saveAGoodPassword(page: Page): Promise<void> {
  const section = page.getByRole("region", { name: "Change password" });
  await section.getByLabel("Current password").fill("Employee#2026");
  await section.getByLabel("New password", { exact: true }).fill("Quiet#River88x");
  await section.getByLabel("Confirm password").fill("Quiet#River88x");
  await expect(page.locator('[data-rule][data-state="failed"]')).toHaveCount(0);
  await section.getByRole("button", { name: "Change Password" }).click();
  await expect(page.getByRole("alert")).toContainText("does not meet the password policy");
  // The rules the server failed are red, in the browser's own words
  // ("password" is also one of the most common passwords).
  const refused = page.locator('[data-rule="too_few_classes"]');
  await expect(refused).toHaveAttribute("data-state", "failed");
  await expect(page.locator('[data-rule="common_password"]')).toHaveAttribute("data-state", "failed");
  await expect(page.locator('[data-rule][data-state="failed"]')).toHaveCount(2);
}

