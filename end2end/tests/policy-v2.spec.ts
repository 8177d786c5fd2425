import { test, expect, Browser, Page } from "@playwright/test";
import { logOn, waitForHydration, scan } from "./support";

// Password policy v2 as people meet it, in both languages: a common password
// turns its line red while it is typed, a preset chosen on the Password
// Policy page changes the checklist an employee sees, a reused password is
// refused with its sentence, and a refusal by rules changed while the page
// was open says so and shows the current rules. Zhao Liu keeps his password
// and example.org its standard preset: later files rely on both.

const TEXT = {
  en: {
    change: "Change password",
    changeButton: "Change Password",
    current: "Current password",
    newPassword: "New password",
    confirm: "Confirm password",
    common: "Not a commonly used password",
    reused: "You used this password before",
    preset: "Policy preset",
    nist: "NIST SP 800-63B",
    standard: "Standard (8-64, 3 of 4 kinds)",
    history: "Remember previous passwords",
    saveRules: "Save password rules",
    rulesSaved: "Password rules saved.",
    fifteen: "At least 15 characters",
    eight: "At least 8 characters",
    changed: "The password policy changed while this page was open; the checklist now shows the current rules.",
  },
  "zh-CN": {
    change: "修改密码",
    changeButton: "修改密码",
    current: "当前密码",
    newPassword: "新密码",
    confirm: "确认密码",
    common: "不是常见密码",
    reused: "该密码近期已使用过",
    preset: "密码策略模板",
    nist: "NIST SP 800-63B",
    standard: "标准",
    history: "记住的历史密码个数",
    saveRules: "保存密码规则",
    rulesSaved: "密码规则已保存",
    fifteen: "至少 15 个字符",
    eight: "至少 8 个字符",
    changed: "此页面打开期间密码策略已更改；检查清单现在显示当前规则。",
  },
} as const;
type Lang = keyof typeof TEXT;

async function pageIn(browser: Browser, lang: Lang): Promise<Page> {
  const context = await browser.newContext({ locale: lang });
  return context.newPage();
}

/** Zhao Liu's Security settings, hydrated. */
async function zhaoSettings(browser: Browser, lang: Lang): Promise<Page> {
  const page = await pageIn(browser, lang);
  await logOn(page, "zhao.liu@example.org", "Employee#2026", lang);
  await expect(page).toHaveURL(/\/mail$/);
  await page.goto("/settings/security");
  await waitForHydration(page);
  return page;
}

/** The example.org postmaster chooses a preset on the Password Policy page. */
async function choosePreset(browser: Browser, lang: Lang, preset: "nist" | "standard"): Promise<void> {
  const t = TEXT[lang];
  const page = await pageIn(browser, lang);
  await logOn(page, "postmaster@example.org", "Harbor#Lights2026", lang);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/policy");
  await page.getByLabel(t.preset).selectOption({ label: t[preset] });
  await expect(page.getByLabel(t.history)).toHaveValue("5");
  await page.getByRole("button", { name: t.saveRules }).click();
  await expect(page.getByRole("status").filter({ hasText: t.rulesSaved })).toBeVisible();
  if (preset === "nist") await scan(page, `${t.preset} (${lang})`);
  await page.context().close();
}

for (const lang of ["en", "zh-CN"] as Lang[]) {
  const t = TEXT[lang];

  test(`a common password turns its line red while it is typed (${lang})`, async ({ browser }) => {
    const page = await zhaoSettings(browser, lang);
    const section = page.getByRole("region", { name: t.change });
    const line = page.locator('[data-rule="common_password"]');
    await expect(line).toContainText(t.common);
    await section.getByLabel(t.newPassword, { exact: true }).pressSequentially("Abcd1234");
    await expect(line).toHaveAttribute("data-state", "failed");
    // One more character and it is no longer on the list.
    await section.getByLabel(t.newPassword, { exact: true }).pressSequentially("#Kite");
    await expect(line).toHaveAttribute("data-state", "met");
    await page.context().close();
  });

  test(`a reused password is refused with its sentence (${lang})`, async ({ browser }) => {
    const page = await zhaoSettings(browser, lang);
    const section = page.getByRole("region", { name: t.change });
    await section.getByLabel(t.current).fill("Employee#2026");
    await section.getByLabel(t.newPassword, { exact: true }).fill("Employee#2026");
    await section.getByLabel(t.confirm).fill("Employee#2026");
    await section.getByRole("button", { name: t.changeButton }).click();
    await expect(page.locator('[data-rule="reused_password"]')).toHaveAttribute("data-state", "failed");
    await expect(page.locator('[data-rule="reused_password"]')).toContainText(t.reused);
    await page.context().close();
  });

  test(`a preset chosen on the Password Policy page changes the employee's checklist (${lang})`, async ({ browser }) => {
    await choosePreset(browser, lang, "nist");
    try {
      const page = await zhaoSettings(browser, lang);
      await expect(page.locator('[data-rule="too_short"]')).toContainText(t.fifteen);
      await expect(page.locator('[data-rule="too_few_classes"]')).toHaveCount(0);
      const section = page.getByRole("region", { name: t.change });
      await section.getByLabel(t.newPassword, { exact: true }).fill("lanterns over the quiet pond");
      await expect(page.locator('[data-rule][data-state="failed"]')).toHaveCount(0);
      await page.context().close();
    } finally {
      await choosePreset(browser, lang, "standard");
    }
  });
}

test("a refusal by rules changed while the page was open says so and shows the current rules", async ({ browser }) => {
  const t = TEXT.en;
  const page = await zhaoSettings(browser, "en");
  const section = page.getByRole("region", { name: t.change });
  await expect(page.locator('[data-rule="too_short"]')).toContainText(t.eight);
  await section.getByLabel(t.current).fill("Employee#2026");
  await section.getByLabel(t.newPassword, { exact: true }).fill("Quiet#Pond2026");
  await section.getByLabel(t.confirm).fill("Quiet#Pond2026");
  await expect(page.locator('[data-rule][data-state="failed"]')).toHaveCount(0);
  await choosePreset(browser, "en", "nist");
  try {
    await section.getByRole("button", { name: t.changeButton }).click();
    await expect(page.getByRole("alert")).toContainText(t.changed);
    const short = page.locator('[data-rule="too_short"]');
    await expect(short).toHaveAttribute("data-state", "failed");
    await expect(short).toContainText(t.fifteen);
    // Typing again is judged by the current rules, in the browser.
    await section.getByLabel(t.newPassword, { exact: true }).fill("Quiet#Pond2027");
    await expect(short).toHaveAttribute("data-state", "failed");
    await expect(page.locator('[data-rule="too_few_classes"]')).toHaveCount(0);
    await page.context().close();
  } finally {
    await choosePreset(browser, "en", "standard");
  }
});

test("Create Account explains a preset changed while it was open and follows the current rules", async ({ browser }) => {
  const t = TEXT.en;
  const page = await pageIn(browser, "en");
  await logOn(page, "postmaster@example.org", "Harbor#Lights2026", "en");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/accounts/new");
  await waitForHydration(page);
  await page.getByLabel("Display name").fill("Qian Ba");
  await page.getByLabel("Address").fill("qian.ba");
  await page.getByLabel(t.newPassword, { exact: true }).fill("Quiet#Pond2026");
  await page.getByLabel(t.confirm).fill("Quiet#Pond2026");
  await expect(page.locator('[data-rule="common_password"]')).toHaveAttribute("data-state", "met");
  await expect(page.locator('[data-rule][data-state="failed"]')).toHaveCount(0);
  await choosePreset(browser, "en", "nist");
  try {
    await page.getByRole("button", { name: "Create Account" }).click();
    await expect(page.getByRole("alert")).toContainText(t.changed);
    const short = page.locator('[data-rule="too_short"]');
    await expect(short).toHaveAttribute("data-state", "failed");
    await expect(short).toContainText(t.fifteen);
    // The next keystrokes are judged by the current rules.
    await page.getByLabel(t.newPassword, { exact: true }).fill("Quiet#Pond2027");
    await expect(short).toHaveAttribute("data-state", "failed");
    await expect(page.locator('[data-rule="too_few_classes"]')).toHaveCount(0);
    await page.context().close();
  } finally {
    await choosePreset(browser, "en", "standard");
  }
});
