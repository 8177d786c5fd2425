import { test, expect } from "@playwright/test";
import { waitForHydration } from "./support";
import { nextCode, outbox } from "./forgot-support";

// The scenarios in Simplified Chinese, by the Chinese names of the
// glossary. (This file runs last: it changes the example.org postmaster's
// password, which earlier files log on with.)

test("忘记密码: the example.org postmaster resets the password by SMS, in Chinese", async ({ page, request }) => {
  const before = await outbox(request);
  await page.goto("/login");
  await waitForHydration(page);
  // The explicit choice, kept in a cookie.
  await page.getByLabel("Language").selectOption("zh-CN");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(page.getByLabel("语言")).toHaveValue("zh-CN");

  await page.getByRole("link", { name: "忘记密码" }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  const image = page.getByRole("img", { name: /验证图片/ });
  await expect(image.or(page.getByText("请点击“换一张”显示验证图片。"))).toBeVisible();
  if ((await image.count()) === 0) await page.getByRole("button", { name: "换一张" }).click();
  await expect(image).toBeVisible();
  const src = await image.getAttribute("src");
  const answer = (await (await request.get(`/dev/captcha/${src!.split("/").pop()}`)).text()).trim();
  await page.getByLabel("邮箱地址").fill("postmaster@example.org");
  await page.getByLabel("验证码").fill(answer);
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page).toHaveURL(/\/forgot\/method$/);
  await page.getByLabel("通过安全手机接收短信验证码").check();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page).toHaveURL(/\/forgot\/sms$/);
  await expect(page.getByRole("button", { name: "重新发送" })).toBeDisabled();

  // The SMS is in the language the flow is read in.
  const code = await nextCode(request, "+8613900139000", before);
  const sms = (await outbox(request)).find((m) => m.to === "+8613900139000" && m.text.includes(code))!;
  expect(sms.text).toBe(`你的邮箱密码重置验证码为 ${code}，10 分钟内有效。请勿告诉任何人。`);

  await page.getByLabel("短信验证码").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByRole("alert")).toContainText("短信验证码错误。");
  await page.getByLabel("短信验证码").fill(code);
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page).toHaveURL(/\/forgot\/new-password$/);
  const newPassword = page.getByLabel("新密码");
  await newPassword.fill("short");
  await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "failed");
  await expect(page.locator('[data-rule="too_short"] .requirement')).toHaveText("至少 8 个字符");
  await newPassword.fill("Lantern#Night2026");
  await page.getByLabel("确认密码").fill("Lantern#Night2026");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page).toHaveURL(/\/forgot\/done$/);
  await expect(page.getByRole("heading", { name: "重置成功" })).toBeVisible();
  await page.getByRole("link", { name: "返回登录" }).click();

  await page.getByLabel("邮箱地址").fill("postmaster@example.org");
  await page.getByLabel("密码", { exact: true }).fill("Lantern#Night2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("Accept-Language picks Chinese when nothing was chosen, and the choice beats it", async ({ browser }) => {
  const chinese = await browser.newContext({ locale: "zh-CN" });
  const page = await chinese.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
  await page.getByLabel("语言").selectOption("en");
  await page.getByRole("button", { name: "切换" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Log On" })).toBeVisible();
  await chinese.close();
});
