import { test, expect, Page } from "@playwright/test";
import { logOn, logOnAsPostmaster, scan, waitForHydration } from "./support";
import { outbox, startForgot } from "./forgot-support";

// "This wasn't me": after a postmaster reset, the SMS to Zhang San's
// secure phone carries a link; its button locks Zhang San out of the web
// and Forgot Password, and the postmaster sees the account as Reported.
// The postmaster's Reset Password ends it at the end.
//
// Runs after the Forgot Password and scenario specs that use Zhang San;
// none after it does.

const ZHANG = "zhang.san@example.com";
const ZHANG_PHONE = "+8613800138001";
const RESET_TO = "Ridge#Lantern2040";

/** Scenario 1 for Zhang San, with no change required at next logon. */
async function postmasterResetsZhang(page: Page, password: string) {
  await logOnAsPostmaster(page);
  await page.goto("/admin/accounts?q=zhang.san");
  await page.getByRole("table").getByRole("link", { name: "Zhang San" }).click();
  await expect(page.getByRole("heading", { name: "Edit Account" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Reset Password" }).click();
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByLabel("Require a password change at next logon").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password reset" })).toBeVisible();
}

test("不是我本人操作 / This wasn't me locks Zhang San out and shows up for the postmaster", async ({
  page,
  browser,
  request,
}) => {
  const before = new Set((await outbox(request)).map((m) => `${m.at}|${m.text}`));
  await postmasterResetsZhang(page, RESET_TO);
  // The reset notice, in the language Zhang San last used on the web.
  let link = "";
  await expect
    .poll(async () => {
      const sms = (await outbox(request)).find((m) => m.to === ZHANG_PHONE && !before.has(`${m.at}|${m.text}`));
      link = sms?.text.match(/https?:\/\/\S+\/r\/[A-Za-z0-9]{16}/)?.[0] ?? "";
      return /^(Your administrator reset your mail password\.|管理员已重置你的邮箱密码。)/.test(sms?.text ?? "") && link !== "";
    })
    .toBe(true);
  const path = new URL(link).pathname;

  // Zhang San opens the link on his phone, in Chinese.
  const phone = await browser.newContext({ locale: "zh-CN" });
  const mobile = await phone.newPage();
  await mobile.goto(path);
  await expect(mobile.getByRole("heading", { name: "这是你本人的操作吗？" })).toBeVisible();
  await expect(mobile.getByTestId("what-happened")).toContainText("管理员已于");
  await scan(mobile, "这是你本人的操作吗");
  await mobile.getByRole("button", { name: "不是我本人操作" }).click();
  await expect(mobile.getByRole("status")).toContainText("你的账号已锁定");
  await expect(mobile.getByRole("heading", { name: "接下来怎么做" })).toBeVisible();
  await scan(mobile, "举报之后");
  // Pressing it again, from the link, changes nothing and says so.
  await mobile.goto(path);
  await expect(mobile.getByRole("alert")).toHaveText(/此链接已使用过/);
  await phone.close();

  // Whoever has the new password cannot log on, nor reset it.
  const other = await browser.newContext();
  const intruder = await other.newPage();
  await logOn(intruder, ZHANG, RESET_TO);
  await expect(intruder.getByRole("alert")).toContainText(
    "This account is locked because its holder reported a change they did not make.",
  );
  await startForgot(intruder, request, ZHANG);
  await expect(intruder.getByRole("alert")).toContainText("No recovery method");
  await other.close();

  // The postmaster was told, and sees the account as Reported.
  await expect
    .poll(async () =>
      (await outbox(request)).some(
        (m) => m.to === "+8613800138000" && m.text.startsWith("An employee reported a change they did not make"),
      ),
    )
    .toBe(true);
  await page.goto("/admin/accounts?q=zhang.san");
  const row = page.getByRole("row", { name: /Zhang San/ });
  await expect(row.getByRole("cell", { name: "Reported", exact: true })).toBeVisible();

  // Reset Password ends it.
  await page.getByRole("table").getByRole("link", { name: "Zhang San" }).click();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Reset Password" }).click();
  await page.getByLabel("New password").fill("Settled#Harbor2041");
  await page.getByLabel("Confirm password").fill("Settled#Harbor2041");
  await page.getByLabel("Require a password change at next logon").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password reset" })).toBeVisible();
  await page.goto("/admin/accounts?q=zhang.san");
  await expect(page.getByRole("row", { name: /Zhang San/ }).getByRole("cell", { name: "Enabled", exact: true })).toBeVisible();
});
