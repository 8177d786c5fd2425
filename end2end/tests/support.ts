import { Page, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/**
 * Resolves once the WASM has hydrated the first page's islands (the app
 * marks <body>). Pages the islands router patches in keep the mark and
 * hydrate their islands as they arrive.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

/** The visible names tests find controls by, in each language. */
export const NAMES = {
  en: {
    email: "Email address",
    password: "Password",
    logOn: "Log On",
    logOut: "Log Out",
    accountName: "Account name",
    forgot: "Forgot Password",
    captcha: "Verification code",
    image: /Verification image/,
    refresh: "Refresh",
    selectRefresh: "Select Refresh to show the verification image.",
    next: "Next",
    bySms: "Receive an SMS verification code on your secure mobile",
    byQuestions: "Questions",
    smsCode: "SMS verification code",
    resend: "Resend",
    newPassword: "New password",
    confirmPassword: "Confirm password",
    currentPassword: "Current password",
    submit: "Submit",
    save: "Save",
    done: "Reset succeeded",
    backToLogOn: "Back to Log On",
    employeeAccounts: "Employee Accounts",
    editAccount: "Edit Account",
    resetPassword: "Reset Password",
    createAccount: "Create Account",
    mustChange: "Require a password change at next logon",
    emailServices: "Email Services",
    manage: "Manage",
    securePhone: "Secure mobile phone",
    mobileNumber: "Mobile number",
    sendCode: "Send code",
    language: "Language",
  },
  "zh-CN": {
    email: "邮箱地址",
    password: "密码",
    logOn: "登录",
    logOut: "退出登录",
    accountName: "账号名",
    forgot: "忘记密码",
    captcha: "验证码",
    image: /验证图片/,
    refresh: "换一张",
    selectRefresh: "请点击“换一张”显示验证图片。",
    next: "下一步",
    bySms: "通过安全手机接收短信验证码",
    byQuestions: "密保问题",
    smsCode: "短信验证码",
    resend: "重新发送",
    newPassword: "新密码",
    confirmPassword: "确认密码",
    currentPassword: "当前密码",
    submit: "提交",
    save: "保存",
    done: "重置成功",
    backToLogOn: "返回登录",
    employeeAccounts: "员工账号",
    editAccount: "编辑账号",
    resetPassword: "重置密码",
    createAccount: "新建账号",
    mustChange: "下次登录时要求修改密码",
    emailServices: "邮件服务",
    manage: "管理",
    securePhone: "安全手机",
    mobileNumber: "手机号码",
    sendCode: "发送验证码",
    language: "语言",
  },
} as const;

export type Lang = keyof typeof NAMES;

/** The logon page, hydrated: signs `email` on with `password`. */
export async function logOn(page: Page, email: string, password: string, lang: Lang = "en"): Promise<void> {
  const t = NAMES[lang];
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel(t.email).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.logOn }).click();
}

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe-core with the WCAG 2.0 and 2.1 A and AA rules: no violation. */
export async function scan(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`,
  );
  expect(found, `${what}: WCAG A/AA violations`).toEqual([]);
}

/** The passwords postmaster@example.com may have when a spec starts: the
 * demo one, the one scenario3.spec.ts gives it (with a change required),
 * and the one that change makes here. */
const POSTMASTER_PASSWORDS = ["Harbor#Lights2026", "Tide#Lantern55", "Beacon#Harbor2040"];

/**
 * Signs postmaster@example.com on in `page` whatever earlier specs did to
 * its password (completing a required change), without waiting for
 * hydration, so it works with and without JavaScript.
 */
export async function logOnAsPostmaster(page: Page, lang: Lang = "en"): Promise<void> {
  const t = NAMES[lang];
  const names = {
    en: { overview: "Overview", changePassword: "Change Password" },
    "zh-CN": { overview: "概览", changePassword: "修改密码" },
  }[lang];
  for (const password of POSTMASTER_PASSWORDS) {
    await page.goto("/login");
    await page.getByLabel(t.email).fill("postmaster@example.com");
    await page.getByLabel(t.password, { exact: true }).fill(password);
    await page.getByRole("button", { name: t.logOn }).click();
    const admin = page.getByRole("link", { name: names.overview });
    const change = page.getByRole("heading", { name: names.changePassword });
    const refused = page.getByRole("alert");
    await expect(admin.or(change).or(refused)).toBeVisible();
    if (await refused.isVisible()) continue;
    if (await change.isVisible()) {
      await page.getByLabel(t.newPassword).fill("Beacon#Harbor2040");
      await page.getByLabel(t.confirmPassword).fill("Beacon#Harbor2040");
      await page.getByRole("button", { name: t.save }).click();
    }
    await expect(page).toHaveURL(/\/admin$/);
    return;
  }
  throw new Error("postmaster@example.com has none of the known passwords");
}
