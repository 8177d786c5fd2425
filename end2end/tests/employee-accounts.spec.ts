import { test, expect } from "@playwright/test";
import { createAccount } from "./admin-support";
import { logOnAsPostmaster, scan, waitForHydration } from "./support";

// Employee Accounts' filters and bulk actions, hydrated: two new accounts
// are found by search, ticked, and required to change their passwords
// after a confirmation that names them; then "Select all on this page"
// disables both.

test("a bulk password change on two accounts, then Select all on this page and Disable", async ({ page, baseURL }) => {
  await logOnAsPostmaster(page);
  await createAccount(page, baseURL!, "Bulk Alpha", "bulk.alpha");
  await createAccount(page, baseURL!, "Bulk Beta", "bulk.beta");

  await page.goto("/admin/accounts");
  await waitForHydration(page);
  await page.getByLabel("Search").fill("bulk");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("status")).toHaveText("Accounts matching: 2");
  await page.getByRole("checkbox", { name: "Select Bulk Alpha" }).check();
  await page.getByRole("checkbox", { name: "Select Bulk Beta" }).check();
  await page.getByRole("button", { name: "Require a password change at next logon" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Require a password change at next logon" })).toBeVisible();
  await expect(page.getByText("Selected accounts: 2")).toBeVisible();
  await expect(page.getByRole("cell", { name: "bulk.alpha@example.com" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "bulk.beta@example.com" })).toBeVisible();
  await scan(page, "bulk confirmation");
  await page.getByRole("button", { name: "Require a password change for the selected accounts" }).click();
  await expect(page.getByRole("status")).toHaveText("Done. The selected accounts now stand as below.");
  await expect(page.getByRole("row", { name: /Bulk Alpha/ })).toContainText("Must change password");
  await expect(page.getByRole("row", { name: /Bulk Beta/ })).toContainText("Must change password");

  // The list's Status filter finds them.
  await page.goto("/admin/accounts?q=bulk");
  await waitForHydration(page);
  await page.getByLabel("Status").selectOption({ label: "Must change password" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=must_change/);
  await expect(page.getByRole("status")).toHaveText("Accounts matching: 2");

  // "Select all on this page" ticks every row.
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(page.getByRole("checkbox", { name: "Select Bulk Alpha" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Select Bulk Beta" })).toBeChecked();
  await scan(page, "Employee Accounts, filtered and selected");
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Disable accounts" })).toBeVisible();
  await expect(page.getByText("Selected accounts: 2")).toBeVisible();
  await page.getByRole("button", { name: "Disable the selected accounts" }).click();
  await expect(page.getByRole("status")).toHaveText("Done. The selected accounts now stand as below.");
  await expect(page.getByRole("row", { name: /Bulk Alpha/ })).toContainText("Disabled");
});

test("员工账号: filters in Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logOnAsPostmaster(page, "zh-CN");
  await page.goto("/admin/accounts");
  await waitForHydration(page);
  await page.getByLabel("状态").selectOption({ label: "已停用" });
  await page.getByLabel("找回方式").selectOption({ label: "无" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=disabled&recovery=none/);
  await expect(page.getByRole("status")).toHaveText("匹配的账号：2 个");
  await expect(page.getByRole("button", { name: "下次登录时要求修改密码" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "全选本页" })).toBeVisible();
  await scan(page, "员工账号, 已筛选");
  await context.close();
});
