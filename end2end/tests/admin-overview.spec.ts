import { test, expect, Page } from "@playwright/test";
import { logOnAsPostmaster, scan } from "./support";

// The Overview a postmaster lands on: recovery readiness as a chart with
// its table, 30 days of resets and lockouts, and the counts that need
// attention, each linking to the filtered list. The figures are the demo
// data's (this spec runs before any other changes example.com's accounts).

/** The readiness table's figure for `method`. */
function readiness(page: Page, method: string) {
  return page.getByRole("row", { name: method, exact: false }).getByRole("cell").first();
}

test("Overview: the figures match the demo data and link to their lists", async ({ page }) => {
  await logOnAsPostmaster(page);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recovery readiness" })).toBeVisible();
  // Zhang San has both, the postmaster a phone, Li Si questions, Wang Wu none.
  for (const method of ["SMS and questions", "SMS only", "Questions only", "None"]) {
    await expect(readiness(page, method)).toHaveText("1");
  }
  await expect(page.getByRole("img", { name: /1 with SMS and questions, 1 with SMS only/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Resets and lockouts, last 30 days" })).toBeVisible();
  await expect(page.getByRole("img", { name: /In the last 30 days: \d+ self-service resets/ })).toBeVisible();
  await scan(page, "Overview");

  await page.getByRole("link", { name: "Show the employees with no recovery method (1)" }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\?recovery=none$/);
  await expect(page.getByLabel("Recovery methods")).toHaveValue("none");
  await expect(page.getByRole("status")).toHaveText("Accounts matching: 1");
  await expect(page.getByRole("link", { name: "Wang Wu" })).toBeVisible();
  await scan(page, "Employee Accounts, no recovery method");

  // Each count is the total of the list it links to.
  for (const [card, status] of [
    ["Locked now", "locked"],
    ["Must change password", "must_change"],
  ]) {
    await page.goto("/admin");
    const figure = await page.getByRole("link", { name: card }).locator(".figure").innerText();
    await page.getByRole("link", { name: card }).click();
    await expect(page).toHaveURL(new RegExp(`status=${status}$`));
    await expect(page.getByLabel("Status")).toHaveValue(status);
    await expect(page.getByRole("status")).toHaveText(
      figure === "0" ? "No accounts match." : `Accounts matching: ${figure}`,
    );
  }
});

test("概览: in Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logOnAsPostmaster(page, "zh-CN");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "概览" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "找回准备情况" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "近30天重置与锁定" })).toBeVisible();
  await expect(page.getByRole("link", { name: "当前锁定" })).toBeVisible();
  await expect(page.getByRole("link", { name: "需修改密码" })).toBeVisible();
  await expect(readiness(page, "仅密保问题")).toHaveText("1");
  await scan(page, "概览");
  await context.close();
});
