import { test, expect } from "@playwright/test";
import { logOn, waitForHydration } from "./support";
import { saveAGoodPassword, swapOnTheWire } from "./verdict-support";

// The checklist shows the server's verdict, not only the browser's (see
// verdict-support.ts).

test("a rule the server refused turns red after the islands router's patch", async ({ page }) => {
  await logOn(page, "zhao.liu@example.org", "Employee#2026");
  await expect(page).toHaveURL(/\/mail$/);
  await page.goto("/settings/security");
  await waitForHydration(page);
  await swapOnTheWire(page);
  await saveAGoodPassword(page);
  // Typing again is a new candidate: the browser judges it afresh.
  await page.getByLabel("New password", { exact: true }).fill("Quiet#River88y");
  await expect(page.locator('[data-rule="too_few_classes"]')).toHaveAttribute("data-state", "met");
  // The same refusal a second time turns it red again.
  await saveAGoodPassword(page);
});
