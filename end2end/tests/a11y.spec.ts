import { test, expect } from "@playwright/test";
import { Lang, NAMES, logOn, scan, waitForHydration } from "./support";
import { showImage, startForgot } from "./forgot-support";

// Every page of the four roles, error states included, scanned by axe-core
// with the WCAG 2.0 and 2.1 A and AA rules, in English and in Chinese (the
// browser asks for zh-CN by Accept-Language): no violation on any of them.
// (This file runs first: it changes nothing the later files rely on,
// apart from Li Si's password, which they reset themselves. The Forgot
// Password SMS step is scanned here in English and, in Chinese, by
// zh-scenarios.spec.ts: one account's codes are 60 s apart.)

for (const lang of Object.keys(NAMES) as Lang[]) {
  const t = NAMES[lang];

  test.describe(`in ${lang}`, () => {
    test.use({ locale: lang });

    test("anonymous pages: logon, console logon, not found, refusals", async ({ page }) => {
      await page.goto("/login");
      await waitForHydration(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await scan(page, "/login");
      await logOn(page, "zhao.liu@example.org", "Wrong#Password3", lang);
      await expect(page.getByRole("alert")).toBeVisible();
      await scan(page, "/login, refused");

      await page.goto("/console/login");
      await waitForHydration(page);
      await scan(page, "/console/login");
      await page.getByLabel(t.accountName).fill("owner2");
      await page.getByLabel(t.password, { exact: true }).fill("Wrong#Password3");
      await page.getByRole("button", { name: t.logOn }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await scan(page, "/console/login, refused");

      await page.goto("/no-such-page");
      await scan(page, "not found");
    });

    test("Forgot Password, every step and its errors", async ({ page, request }) => {
      await page.goto("/forgot");
      await waitForHydration(page);
      await showImage(page, lang);
      await scan(page, "/forgot");
      await page.getByLabel(t.email).fill("li.si@example.com");
      await page.getByLabel(t.captcha).fill("WRONG1");
      await page.getByRole("button", { name: t.next }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await scan(page, "/forgot, wrong image code");

      await page.goto("/forgot?expired=1");
      await expect(page.getByRole("status")).toBeVisible();
      await scan(page, "/forgot, expired flow");

      if (lang === "en") {
        // The SMS step, with the example.com postmaster's phone.
        await startForgot(page, request, "postmaster@example.com", lang);
        await scan(page, "/forgot/method");
        await page.getByLabel(t.bySms).check();
        await page.getByRole("button", { name: t.next }).click();
        await expect(page).toHaveURL(/\/forgot\/sms$/);
        await scan(page, "/forgot/sms");
        await page.getByLabel(t.smsCode).fill("000000");
        await page.getByRole("button", { name: t.next }).click();
        await expect(page.getByRole("alert")).toBeVisible();
        await scan(page, "/forgot/sms, wrong code");
      }

      // The questions step, then a new password: Li Si.
      const li = await page.context().browser()!.newContext({ locale: lang });
      const second = await li.newPage();
      await startForgot(second, request, "li.si@example.com", lang);
      await scan(second, "/forgot/method");
      await second.getByLabel(t.byQuestions).check();
      await second.getByRole("button", { name: t.next }).click();
      await expect(second).toHaveURL(/\/forgot\/questions$/);
      await scan(second, "/forgot/questions");
      await second.getByLabel("What city were you born in?").fill("Beijing");
      await second.getByLabel("What was the name of your first school?").fill("Xixi Primary");
      await second.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
      await second.getByRole("button", { name: t.next }).click();
      await expect(second.getByRole("alert")).toBeVisible();
      await scan(second, "/forgot/questions, wrong answers");
      await second.getByLabel("What city were you born in?").fill("Hangzhou");
      await second.getByRole("button", { name: t.next }).click();
      await expect(second).toHaveURL(/\/forgot\/new-password$/);
      await scan(second, "/forgot/new-password");
      await second.getByLabel(t.newPassword).fill("short");
      await expect(second.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "failed");
      await scan(second, "/forgot/new-password, failed checklist");
      await second.getByLabel(t.newPassword).fill(`Lantern#Axe2026${lang === "en" ? "e" : "z"}`);
      await second.getByLabel(t.confirmPassword).fill(`Lantern#Axe2026${lang === "en" ? "e" : "z"}`);
      await second.getByRole("button", { name: t.submit }).click();
      await expect(second).toHaveURL(/\/forgot\/done$/);
      await scan(second, "/forgot/done");
      await li.close();
    });

    test("an employee's pages: mailbox, security settings, a refusal", async ({ page }) => {
      await logOn(page, "zhang.san@example.com", "Employee#2026", lang);
      await expect(page).toHaveURL(/\/mail$/);
      await scan(page, "/mail");
      await page.goto("/settings/security");
      await waitForHydration(page);
      await scan(page, "/settings/security");
      const phone = page.getByRole("region", { name: t.securePhone });
      await phone.getByLabel(t.mobileNumber).fill("+8613900139009");
      await phone.getByLabel(t.currentPassword).fill("Wrong#Current1");
      await phone.getByRole("button", { name: t.sendCode }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await scan(page, "/settings/security, wrong current password");
    });

    test("the forced password change", async ({ page }) => {
      // Li Si's password was set by the postmaster: she must change it.
      await logOn(page, "postmaster@example.com", "Harbor#Lights2026", lang);
      await expect(page).toHaveURL(/\/admin$/);
      await page.goto("/admin/accounts?q=li.si");
      await page.getByRole("link", { name: "Li Si" }).click();
      await expect(page.getByRole("heading", { name: t.editAccount })).toBeVisible();
      await page.getByRole("button", { name: t.resetPassword }).click();
      await page.getByLabel(t.newPassword).fill(`Harbour#Kite2026${lang === "en" ? "e" : "z"}`);
      await page.getByLabel(t.confirmPassword).fill(`Harbour#Kite2026${lang === "en" ? "e" : "z"}`);
      await page.getByRole("button", { name: t.save }).click();
      await expect(page.getByRole("status")).toBeVisible();
      await page.getByRole("button", { name: t.logOut }).click();

      await logOn(page, "li.si@example.com", `Harbour#Kite2026${lang === "en" ? "e" : "z"}`, lang);
      await expect(page).toHaveURL(/\/change-password$/);
      await scan(page, "/change-password");
      await page.getByLabel(t.newPassword).fill("weak");
      await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "failed");
      await scan(page, "/change-password, failed checklist");
    });

    test("a postmaster's pages", async ({ page }) => {
      await logOn(page, "postmaster@example.com", "Harbor#Lights2026", lang);
      await expect(page).toHaveURL(/\/admin$/);
      await scan(page, "/admin");
      for (const path of ["/admin/accounts", "/admin/accounts/new", "/admin/departments", "/admin/policy", "/admin/audit"]) {
        await page.goto(path);
        await waitForHydration(page);
        await scan(page, path);
      }
      await page.goto("/admin/accounts");
      await page.getByRole("link", { name: "Wang Wu" }).click();
      await expect(page.getByRole("heading", { name: t.editAccount })).toBeVisible();
      await scan(page, "Edit Account");
      await page.getByRole("button", { name: t.resetPassword }).click();
      await expect(page.getByRole("heading", { name: t.resetPassword })).toBeVisible();
      await page.getByLabel(t.newPassword).fill("x");
      await scan(page, "Edit Account, Reset Password with a failed checklist");
    });

    test("a console owner's pages", async ({ page }) => {
      await page.goto("/console/login");
      await waitForHydration(page);
      await page.getByLabel(t.accountName).fill("owner");
      await page.getByLabel(t.password, { exact: true }).fill("Console#2026");
      await page.getByRole("button", { name: t.logOn }).click();
      await expect(page).toHaveURL(/\/console$/);
      await scan(page, "/console");
      await page.getByRole("link", { name: t.manage }).first().click();
      await expect(page).toHaveURL(/\/console\/domains\//);
      await scan(page, "Manage");
      await page.getByRole("button", { name: t.resetPassword }).click();
      await page.getByLabel(t.newPassword).fill("x");
      await scan(page, "Manage, Reset Password with a failed checklist");
      for (const path of ["/console/domains/new", "/console/settings"]) {
        await page.goto(path);
        await waitForHydration(page);
        await scan(page, path);
      }
    });

    test("the development policy page", async ({ page }) => {
      await page.goto("/dev/policy");
      await waitForHydration(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await scan(page, "/dev/policy");
    });
  });
}
