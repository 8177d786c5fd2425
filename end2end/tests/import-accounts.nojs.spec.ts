import { test, expect } from "@playwright/test";
import { logOnAsPostmaster } from "./support";
import { importFile } from "./admin-support";

// Without JavaScript, Import accounts is two plain forms: the multipart
// upload, then "Import" on the preview.

test.describe("without JavaScript", () => {
  test("a file with one bad row is previewed and imported", async ({ page }) => {
    await logOnAsPostmaster(page);
    await page.goto("/admin/accounts/import");
    await importFile(page, "name,address,department\nNojs Imp,nojs.imp,\nNojs Imp,nojs.imp,\n");
    await expect(page.getByRole("status")).toHaveText("1 of 2 rows can be imported; rows with a problem are left out.");
    await expect(page.getByRole("row", { name: /The same address is on line 2/ })).toBeVisible();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Accounts imported: 1.");
  });
});
