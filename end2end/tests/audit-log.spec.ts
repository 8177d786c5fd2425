import { test, expect, Page } from "@playwright/test";
import * as fs from "fs";
import { logOnAsPostmaster, scan } from "./support";

// The Audit Log's filters and "Export CSV", in both languages: the file
// downloaded is what the filters select, UTF-8 with a byte-order mark.

/** The records of a CSV file without quoted fields, after its mark. */
async function downloaded(page: Page, link: string): Promise<string[][]> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: link }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("audit-log.csv");
  const text = fs.readFileSync((await file.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

test("Audit Log: filter by action and account, then Export CSV", async ({ page }) => {
  await logOnAsPostmaster(page);
  await page.goto("/admin/audit");
  await page.getByLabel("Action").selectOption("logon");
  await page.getByLabel("Account").fill("postmaster@example.com");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/event=logon&account=postmaster%40example\.com/);
  const cells = page.getByRole("table").getByRole("row").nth(1).getByRole("cell");
  await expect(cells.nth(2)).toHaveText("logon");
  await scan(page, "Audit Log, filtered");

  const records = await downloaded(page, "Export CSV");
  expect(records[0]).toEqual(["Time (UTC)", "Actor", "Action", "Target", "Client address", "Detail"]);
  expect(records.length).toBeGreaterThan(1);
  for (const record of records.slice(1)) {
    expect(record[2]).toBe("logon");
    expect([record[1], record[3]]).toContain("postmaster@example.com");
  }
});

test("审计日志: 筛选与导出 CSV, in Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await logOnAsPostmaster(page, "zh-CN");
  await page.goto("/admin/audit?event=logon");
  await expect(page.getByLabel("操作")).toHaveValue("logon");
  await page.getByLabel("从").fill("2020-01-01");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/from=2020-01-01/);
  await scan(page, "审计日志, 已筛选");
  const records = await downloaded(page, "导出 CSV");
  expect(records[0][0]).toBe("时间（UTC）");
  for (const record of records.slice(1)) {
    expect(record[2]).toBe("登录");
  }
  await context.close();
});
