import { Page, expect } from "@playwright/test";

/**
 * Resolves once the WASM has hydrated the first page's islands (the app
 * marks <body>). Pages the islands router patches in keep the mark and
 * hydrate their islands as they arrive.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

/** The logon page, hydrated: signs `email` on with `password`. */
export async function logOn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log On" }).click();
}
