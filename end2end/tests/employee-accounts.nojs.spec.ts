import { test, expect } from "@playwright/test";
import { logOnAsPostmaster } from "./support";
import { createAccount } from "./admin-support";

// Without JavaScript, a bulk action is plain forms: the list's GET form
// carries the pressed button and "Select all on this page", and the
// confirmation is a POST that comes back to it.

test.describe("without JavaScript", () => {
  test("Select all on this page, Disable, confirm", async ({ page, baseURL }) => {
    await logOnAsPostmaster(page);
    await createAccount(page, baseURL!, "Nojs Gamma", "nojs.gamma");
    await createAccount(page, baseURL!, "Nojs Delta", "nojs.delta");
    await page.goto("/admin/accounts?q=nojs");
    await expect(page.getByRole("status")).toHaveText("Accounts matching: 2");
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Disable accounts" })).toBeVisible();
    await expect(page.getByText("Selected accounts: 2")).toBeVisible();
    await page.getByRole("button", { name: "Disable the selected accounts" }).click();
    await expect(page.getByRole("status")).toHaveText("Done. The selected accounts now stand as below.");
    await page.goto("/admin/accounts?q=nojs&status=disabled");
    await expect(page.getByRole("status")).toHaveText("Accounts matching: 2");
  });
});
