import { expect, Page } from "@playwright/test";

/** Creates an account in example.com as the signed-in postmaster. */
export async function createAccount(page: Page, baseURL: string, name: string, local: string) {
  const created = await page.request.post("/api/create_account", {
    form: {
      display_name: name,
      local_part: local,
      department: "",
      new_password: "Lotus#Bridge2026",
      confirm_password: "Lotus#Bridge2026",
    },
    headers: { origin: baseURL },
  });
  expect(created.ok()).toBe(true);
}

/** Chooses `csv` as Import accounts' file and uploads it. */
export async function importFile(page: Page, csv: string, names = { choose: "CSV file", upload: "Upload and preview" }) {
  await page.getByLabel(names.choose).setInputFiles({
    name: "accounts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await page.getByRole("button", { name: names.upload }).click();
}
