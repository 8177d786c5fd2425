import { Page, expect } from "@playwright/test";

/**
 * Resolves once the WASM has hydrated the first page's islands (the app
 * marks <body>). Pages the islands router patches in keep the mark and
 * hydrate their islands as they arrive.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}
