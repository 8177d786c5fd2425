import { Page, expect } from "@playwright/test";

/** Resolves once the WASM has hydrated the page (the app marks <body>). */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}
