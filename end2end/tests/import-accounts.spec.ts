import { test, expect } from "@playwright/test";
import { importFile } from "./admin-support";
import { logOnAsPostmaster, scan } from "./support";

// Import accounts, hydrated: a CSV file with one bad row is previewed row
// by row, then "Import" writes the good rows, which Employee Accounts
// then lists. The upload is a plain multipart form (the islands router
// would lose the file), so it works the same without JavaScript.

test("Import accounts: a file with one bad row, previewed, then imported", async ({ page }) => {
  await logOnAsPostmaster(page);
  await page.goto("/admin/accounts");
  await page.getByRole("link", { name: "Import accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import accounts" })).toBeVisible();
  await scan(page, "Import accounts");
  await importFile(
    page,
    "name,address,department,phone\nImp One,imp.one,Sales,\nImp Two,imp.two@example.com,,+86 138 0013 8555\nImp Bad,imp.bad@elsewhere.org,,\n",
  );
  await expect(page).toHaveURL(/\/admin\/accounts\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("status")).toHaveText("2 of 3 rows can be imported; rows with a problem are left out.");
  const bad = page.getByRole("row", { name: /Imp Bad/ });
  await expect(bad).toContainText("The address is not in @example.com.");
  await expect(page.getByRole("row", { name: /Imp Two/ })).toContainText("+8613800138555");
  await scan(page, "Import preview");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Accounts imported: 2.");

  await page.goto("/admin/accounts?q=imp.");
  await expect(page.getByRole("status")).toHaveText("Accounts matching: 2");
  await expect(page.getByRole("row", { name: /Imp One/ })).toContainText("Must change password");
});

test("导入账号: a refused file says why, in Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logOnAsPostmaster(page, "zh-CN");
  await page.goto("/admin/accounts/import");
  await expect(page.getByRole("heading", { level: 1, name: "导入账号" })).toBeVisible();
  await importFile(page, "email,password\nx,y\n", { choose: "CSV 文件", upload: "上传并预览" });
  await expect(page.getByRole("alert")).toHaveText(
    "第一行必须是列名：name、address、department，以及可选的 phone。",
  );
  await scan(page, "导入账号, 已拒绝");
  await context.close();
});
