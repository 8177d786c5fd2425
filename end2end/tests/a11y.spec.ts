import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { logOn, waitForHydration } from "./support";
import { showImage, startForgot } from "./forgot-support";

// Every page of the four roles, error states included, scanned by axe-core
// with the WCAG 2.0 and 2.1 A and AA rules: no violation on any of them.
// (This file runs first: it changes nothing the later files rely on,
// apart from Li Si's password, which they reset themselves.)

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function scan(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`,
  );
  expect(found, `${what}: WCAG A/AA violations`).toEqual([]);
}

test("anonymous pages: logon, console logon, not found, refusals", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await scan(page, "/login");
  await logOn(page, "zhao.liu@example.org", "Wrong#Password3");
  await expect(page.getByRole("alert")).toBeVisible();
  await scan(page, "/login, refused");

  await page.goto("/console/login");
  await waitForHydration(page);
  await scan(page, "/console/login");
  await page.getByLabel("Account name").fill("owner2");
  await page.getByLabel("Password", { exact: true }).fill("Wrong#Password3");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await scan(page, "/console/login, refused");

  await page.goto("/no-such-page");
  await scan(page, "not found");
});

test("Forgot Password, every step and its errors", async ({ page, request }) => {
  await page.goto("/forgot");
  await waitForHydration(page);
  await showImage(page);
  await scan(page, "/forgot");
  await page.getByLabel("Email address").fill("li.si@example.com");
  await page.getByLabel("Verification code").fill("WRONG1");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await scan(page, "/forgot, wrong image code");

  await page.goto("/forgot?expired=1");
  await expect(page.getByRole("status")).toBeVisible();
  await scan(page, "/forgot, expired flow");

  // The SMS step, with the example.com postmaster's phone.
  await startForgot(page, request, "postmaster@example.com");
  await scan(page, "/forgot/method");
  await page.getByLabel("Receive an SMS verification code on your secure mobile").check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/forgot\/sms$/);
  await scan(page, "/forgot/sms");
  await page.getByLabel("SMS verification code").fill("000000");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await scan(page, "/forgot/sms, wrong code");

  // The questions step, then a new password: Li Si.
  const li = await page.context().browser()!.newContext();
  const second = await li.newPage();
  await startForgot(second, request, "li.si@example.com");
  await second.getByLabel("Questions").check();
  await second.getByRole("button", { name: "Next" }).click();
  await expect(second).toHaveURL(/\/forgot\/questions$/);
  await scan(second, "/forgot/questions");
  await second.getByLabel("What city were you born in?").fill("Beijing");
  await second.getByLabel("What was the name of your first school?").fill("Xixi Primary");
  await second.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
  await second.getByRole("button", { name: "Next" }).click();
  await expect(second.getByRole("alert")).toBeVisible();
  await scan(second, "/forgot/questions, wrong answers");
  await second.getByLabel("What city were you born in?").fill("Hangzhou");
  await second.getByRole("button", { name: "Next" }).click();
  await expect(second).toHaveURL(/\/forgot\/new-password$/);
  await scan(second, "/forgot/new-password");
  await second.getByLabel("New password").fill("short");
  await expect(second.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "failed");
  await scan(second, "/forgot/new-password, failed checklist");
  await second.getByLabel("New password").fill("Lantern#Axe2026");
  await second.getByLabel("Confirm password").fill("Lantern#Axe2026");
  await second.getByRole("button", { name: "Submit" }).click();
  await expect(second).toHaveURL(/\/forgot\/done$/);
  await scan(second, "/forgot/done");
  await li.close();
});

test("an employee's pages: mailbox, security settings, a refusal", async ({ page }) => {
  await logOn(page, "zhang.san@example.com", "Employee#2026");
  await expect(page).toHaveURL(/\/mail$/);
  await scan(page, "/mail");
  await page.goto("/settings/security");
  await waitForHydration(page);
  await scan(page, "/settings/security");
  const phone = page.getByRole("region", { name: "Secure mobile phone" });
  await phone.getByLabel("Mobile number").fill("+8613900139009");
  await phone.getByLabel("Current password").fill("Wrong#Current1");
  await phone.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await scan(page, "/settings/security, wrong current password");
});

test("the forced password change", async ({ page }) => {
  // Li Si's password was set by the postmaster: she must change it.
  await logOn(page, "postmaster@example.com", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/accounts?q=li.si");
  await page.getByRole("link", { name: "Li Si" }).click();
  await expect(page.getByRole("heading", { name: "Edit Account" })).toBeVisible();
  await page.getByRole("button", { name: "Reset Password" }).click();
  await page.getByLabel("New password").fill("Harbour#Kite2026");
  await page.getByLabel("Confirm password").fill("Harbour#Kite2026");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await page.getByRole("button", { name: "Log Out" }).click();

  await logOn(page, "li.si@example.com", "Harbour#Kite2026");
  await expect(page).toHaveURL(/\/change-password$/);
  await scan(page, "/change-password");
  await page.getByLabel("New password").fill("weak");
  await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "failed");
  await scan(page, "/change-password, failed checklist");
});

test("a postmaster's pages", async ({ page }) => {
  await logOn(page, "postmaster@example.com", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);
  await scan(page, "/admin");
  for (const path of ["/admin/accounts", "/admin/accounts/new", "/admin/departments", "/admin/policy", "/admin/audit"]) {
    await page.goto(path);
    await waitForHydration(page);
    await scan(page, path);
  }
  await page.goto("/admin/accounts");
  await page.getByRole("link", { name: "Wang Wu" }).click();
  await expect(page.getByRole("heading", { name: "Edit Account" })).toBeVisible();
  await scan(page, "Edit Account");
  await page.getByRole("button", { name: "Reset Password" }).click();
  await expect(page.getByRole("heading", { name: "Reset Password" })).toBeVisible();
  await page.getByLabel("New password").fill("x");
  await scan(page, "Edit Account, Reset Password with a failed checklist");
});

test("a console owner's pages", async ({ page }) => {
  await page.goto("/console/login");
  await waitForHydration(page);
  await page.getByLabel("Account name").fill("owner");
  await page.getByLabel("Password", { exact: true }).fill("Console#2026");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await scan(page, "/console");
  await page.getByRole("link", { name: "Manage" }).first().click();
  await expect(page).toHaveURL(/\/console\/domains\//);
  await scan(page, "Manage");
  await page.getByRole("button", { name: "Reset Password" }).click();
  await page.getByLabel("New password").fill("x");
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
  await scan(page, "/dev/policy");
});
