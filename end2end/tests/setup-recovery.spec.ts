import { test, expect, Page } from "@playwright/test";
import { logOn, scan, waitForHydration } from "./support";

// Setup at logon: Wang Wu (no recovery method in the demo data) is asked
// to set one up after each logon and may skip; then he sets up his
// security questions from that page.
//
// Runs after scenario1.spec.ts, which left Wang Wu's password as
// "Own#Secret2027" (and used one of his three skips); forgot.spec.ts, which
// needs him with nothing bound, runs before this file.

const WANG = "wang.wu@example.com";
const PASSWORD = "Own#Secret2027";

function section(page: Page, heading: string) {
  return page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });
}

test("设置账号找回方式: Wang Wu is asked after logon, in Chinese, and skips for now", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logOn(page, WANG, PASSWORD, "zh-CN");
  await expect(page).toHaveURL(/\/settings\/recovery$/);
  await expect(page.getByRole("heading", { name: "设置账号找回方式" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "安全手机", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "密保问题", exact: true })).toBeVisible();
  await expect(page.getByText(/你还可以跳过 \d 次/)).toBeVisible();
  await scan(page, "设置账号找回方式");
  await page.getByRole("button", { name: "暂时跳过" }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await context.close();
});

test("Set up account recovery: Wang Wu sets up his security questions after logon", async ({ page }) => {
  await logOn(page, WANG, PASSWORD);
  await expect(page).toHaveURL(/\/settings\/recovery$/);
  await expect(page.getByRole("heading", { name: "Set up account recovery" })).toBeVisible();
  await scan(page, "Set up account recovery");
  await waitForHydration(page);
  const questions = section(page, "Security questions");
  await questions.getByLabel("Question 1", { exact: true }).selectOption("What city were you born in?");
  await questions.getByLabel("Answer 1", { exact: true }).fill("Suzhou");
  await questions.getByLabel("Question 2", { exact: true }).selectOption("What was the name of your first pet?");
  await questions.getByLabel("Answer 2", { exact: true }).fill("Mochi");
  await questions.getByLabel("Question 3", { exact: true }).selectOption("What is your favourite book?");
  await questions.getByLabel("Answer 3", { exact: true }).fill("Fortress Besieged");
  await questions.getByLabel("Current password").fill(PASSWORD);
  await questions.getByRole("button", { name: "Save questions" }).click();
  // Back on the same page: done, nothing left to skip.
  await expect(page).toHaveURL(/\/settings\/recovery\?questions_saved=1$/);
  await expect(questions.getByRole("status")).toHaveText("Security questions saved.");
  await expect(page.getByText("Your account can now be recovered with Forgot Password.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Skip for now" })).toHaveCount(0);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/mail$/);

  // The next logon goes straight to the mailbox.
  await page.getByRole("button", { name: "Log Out" }).click();
  await logOn(page, WANG, PASSWORD);
  await expect(page).toHaveURL(/\/mail$/);
  // Nothing is due for reconfirmation yet (the due page is checked by the
  // API tests, which move the clock); the page says so and leads home.
  await page.goto("/settings/confirm-recovery");
  await expect(page.getByRole("heading", { name: "Confirm your recovery information" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Your recovery information is confirmed.");
  await scan(page, "Confirm your recovery information");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/mail$/);
});
