import { test, expect, APIRequestContext } from "@playwright/test";
import { logOn, scan, waitForHydration } from "./support";
import { startForgot } from "./forgot-support";

// "Unlock account": strangers' wrong guesses lock an account for
// unfamiliar browsers; its holder proves the account theirs in Forgot
// Password and unlocks it, keeping the password.

/** Five wrong guesses from a stranger (no device cookie). */
async function strangersLockOut(request: APIRequestContext, baseURL: string, email: string) {
  for (let n = 0; n < 5; n++) {
    const response = await request.post("/api/log_on", {
      form: { email, password: `Guess#${n}Word2026` },
      headers: { origin: baseURL },
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
  }
}

test("Li Si unlocks the account with her security questions", async ({ page, request, baseURL }) => {
  await strangersLockOut(request, baseURL!, "li.si@example.com");
  await logOn(page, "li.si@example.com", "Whatever#Word2026");
  await expect(page.getByRole("alert")).toContainText("Too many failed logons");

  await startForgot(page, request, "li.si@example.com");
  await expect(page.getByText("unlock the account and keep your current one")).toBeVisible();
  await page.getByLabel("Questions").check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/forgot\/questions$/);
  await page.getByLabel("What city were you born in?").fill("Hangzhou");
  await page.getByLabel("What was the name of your first school?").fill("Xixi Primary");
  await page.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/forgot\/new-password$/);
  await waitForHydration(page);
  // Typed into the new-password form, then changed her mind: the unlock
  // form is its own.
  await page.getByLabel("New password").fill("Half#Typed2026");
  await expect(page.getByRole("heading", { name: "Keep your current password" })).toBeVisible();
  await scan(page, "the verified page with Unlock account");
  await page.getByRole("button", { name: "Unlock account" }).click();
  await expect(page.getByRole("heading", { name: "Account unlocked" })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: "Your account is unlocked. Log on with your current password." }),
  ).toBeVisible();
  await scan(page, "Account unlocked");

  // The lock is gone: a logon is judged again (her password is whatever
  // the earlier files left it at, so a wrong one shows it).
  await page.getByRole("link", { name: "Back to Log On" }).click();
  await logOn(page, "li.si@example.com", "Whatever#Word2026");
  await expect(page.getByRole("alert")).toHaveText("The email address or password is incorrect.");
});

test("解锁账号: Li Si unlocks the account by her questions, in Chinese", async ({ browser, request, baseURL }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await strangersLockOut(request, baseURL!, "li.si@example.com");
  await logOn(page, "li.si@example.com", "Whatever#Word2026", "zh-CN");
  await expect(page.getByRole("alert")).toContainText("登录失败次数过多");
  await startForgot(page, request, "li.si@example.com", "zh-CN");
  await expect(page.getByText("解锁账号并继续使用当前密码")).toBeVisible();
  await page.getByLabel("密保问题").check();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page).toHaveURL(/\/forgot\/questions$/);
  // Questions she chose stay as she chose them (English here).
  await page.getByLabel("What city were you born in?").fill("Hangzhou");
  await page.getByLabel("What was the name of your first school?").fill("Xixi Primary");
  await page.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page).toHaveURL(/\/forgot\/new-password$/);
  await expect(page.getByRole("heading", { name: "保留当前密码" })).toBeVisible();
  await page.getByRole("button", { name: "解锁账号" }).click();
  await expect(page.getByRole("heading", { name: "账号已解锁" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "你的账号已解锁。请用当前密码登录。" })).toBeVisible();
  await scan(page, "账号已解锁");

  await logOn(page, "li.si@example.com", "Whatever#Word2026", "zh-CN");
  await expect(page.getByRole("alert")).toHaveText("邮箱地址或密码错误。");
  await context.close();
});
