import { test, expect } from "@playwright/test";
import { logOn, scan, waitForHydration } from "./support";
import { nextCode, outbox } from "./forgot-support";

// The three scenarios in Simplified Chinese, by the Chinese names of the
// glossary, with the pages scanned by axe-core as they go. (This file runs
// last of the JavaScript files: it changes the example.org postmaster's
// password, which earlier files log on with.)

test("场景一: the example.org postmaster resets Zhao Liu's password, in Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logOn(page, "postmaster@example.org", "Harbor#Lights2026", "zh-CN");
  await expect(page).toHaveURL(/\/admin$/);
  // Zhao Liu chooses the demo password again at the end: the domain
  // remembers only the current password from now on.
  await page.goto("/admin/policy");
  await page.getByLabel("记住的历史密码个数").fill("1");
  await page.getByRole("button", { name: "保存密码规则" }).click();
  await expect(page.getByRole("status").filter({ hasText: "密码规则已保存" })).toBeVisible();
  await page.goto("/admin");
  await page.getByRole("link", { name: "部门与用户" }).click();
  await page.getByRole("link", { name: "员工账号" }).click();
  await expect(page.getByRole("heading", { name: "员工账号" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("columnheader", { name: "姓名" })).toBeVisible();
  await page.getByRole("table").getByRole("link", { name: "Zhao Liu" }).click();
  await expect(page.getByRole("heading", { name: "编辑账号" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "重置密码" }).click();
  const newPassword = page.getByLabel("新密码");
  await newPassword.fill("Zhaoliu#2026x");
  await expect(page.locator('[data-rule="contains_account"]')).toHaveAttribute("data-state", "failed");
  await expect(page.locator('[data-rule="contains_account"] .requirement')).toHaveText("不包含你的邮箱地址或账号名");
  await scan(page, "编辑账号, 重置密码 with a failed checklist");
  await newPassword.fill("Quiet#Bamboo77");
  await page.getByLabel("确认密码").fill("Quiet#Bamboo77");
  await expect(page.getByLabel("下次登录时要求修改密码")).toBeChecked();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "密码已于" })).toBeVisible();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await logOn(page, "zhao.liu@example.org", "Employee#2026", "zh-CN");
  await expect(page.getByRole("alert")).toHaveText("邮箱地址或密码错误。");
  await scan(page, "登录, refused");
  await logOn(page, "zhao.liu@example.org", "Quiet#Bamboo77", "zh-CN");
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
  await waitForHydration(page);
  // The password the postmaster gave is remembered: not again.
  await page.getByLabel("新密码").fill("Quiet#Bamboo77");
  await page.getByLabel("确认密码").fill("Quiet#Bamboo77");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator('[data-rule="reused_password"]')).toContainText("该密码近期已使用过");
  // Zhao Liu chooses the demo password again: the no-JavaScript files,
  // which run after this one, log on with it.
  await page.getByLabel("新密码").fill("Employee#2026");
  await page.getByLabel("确认密码").fill("Employee#2026");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await expect(page.getByText(/你的密码已于 .* 被管理员重置。/)).toBeVisible();
  await scan(page, "/mail with the notice");
  await context.close();
});

test("忘记密码: the example.org postmaster resets the password by SMS, in Chinese", async ({ page, request }) => {
  const before = await outbox(request);
  await page.goto("/login");
  await waitForHydration(page);
  // The control sits in the page's footer, as wide as its choices.
  const control = page.getByRole("contentinfo").getByLabel("Language");
  await expect(control).toBeVisible();
  const box = await control.boundingBox();
  expect(box!.width).toBeLessThan(240);
  // The explicit choice, kept in a cookie.
  await page.getByLabel("Language").selectOption("zh-CN");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await expect(page.getByLabel("语言")).toHaveValue("zh-CN");

  await page.getByRole("link", { name: "忘记密码" }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await scan(page, "/forgot");
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
  await scan(page, "/forgot/method");
  await page.getByLabel("通过安全手机接收短信验证码").check();
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page).toHaveURL(/\/forgot\/sms$/);
  await expect(page.getByRole("button", { name: "重新发送" })).toBeDisabled();
  await scan(page, "/forgot/sms");

  // The SMS is in the language the flow is read in.
  const code = await nextCode(request, "+8613900139000", before);
  const sms = (await outbox(request)).find((m) => m.to === "+8613900139000" && m.text.includes(code))!;
  expect(sms.text).toBe(`你的邮箱密码重置验证码为 ${code}，10 分钟内有效。请勿告诉任何人。`);

  await page.getByLabel("短信验证码").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByRole("alert")).toContainText("短信验证码错误。");
  await scan(page, "/forgot/sms, wrong code");
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
  await scan(page, "/forgot/done");
  // The reset notice to the secure phone is in the language the account
  // used last, this flow's.
  await expect
    .poll(async () => (await outbox(request)).filter((m) => m.to === "+8613900139000").map((m) => m.text))
    .toContainEqual(expect.stringMatching(/^邮箱密码已通过忘记密码重置。非本人操作请点：http:\/\/\S+\/r\/[A-Za-z0-9]{16}$/));
  await page.getByRole("link", { name: "返回登录" }).click();

  await page.getByLabel("邮箱地址").fill("postmaster@example.org");
  await page.getByLabel("密码", { exact: true }).fill("Lantern#Night2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("场景三: the cloud account owner resets the example.org postmaster's password, in Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/console/login");
  await waitForHydration(page);
  await page.getByLabel("账号名").fill("owner2");
  await page.getByLabel("密码", { exact: true }).fill("Console#2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "邮件服务" })).toBeVisible();
  for (const column of ["域名", "管理员", "账号数", "状态"]) {
    await expect(page.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  const row = page.getByRole("row").filter({ hasText: "example.org" });
  await row.getByRole("link", { name: "管理" }).click();
  await expect(page.getByText("postmaster@example.org").first()).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "重置密码" }).click();
  await page.getByLabel("新密码").fill("Tide#Bamboo55");
  await page.getByLabel("确认密码").fill("Tide#Bamboo55");
  await expect(page.getByLabel("下次登录时要求修改密码")).toBeChecked();
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").filter({ hasText: "管理员密码已于" })).toBeVisible();
  await scan(page, "管理, after the reset");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/console\/login$/);

  await logOn(page, "postmaster@example.org", "Tide#Bamboo55", "zh-CN");
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
  await context.close();
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
