import { test, expect, Page } from "@playwright/test";
import { waitForHydration } from "./support";

// A phone on a slow network: 150 ms of latency, 200 kB/s each way. The
// person types as soon as the fields are there, long before the WASM has
// arrived; nothing the page does once it wakes may erase what was typed.

async function slowNetwork(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: 200 * 1024,
    uploadThroughput: 200 * 1024,
  });
}

test("Forgot Password keeps the address typed while the first image is on its way", async ({ page }) => {
  await slowNetwork(page);
  await page.goto("/forgot", { waitUntil: "commit" });
  const address = page.getByLabel("Email address");
  await address.pressSequentially("zhang.san@example.com");
  // What a person waits for: the image, then a quiet page.
  await expect(page.getByRole("img", { name: /^Verification image/ })).toBeVisible();
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  await expect(address).toHaveValue("zhang.san@example.com");
  // "Refresh" brings a new image and keeps the address too.
  const image = page.getByRole("img", { name: /^Verification image/ });
  const first = await image.getAttribute("src");
  await page.getByLabel("Verification code").fill("ABCD");
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(image).not.toHaveAttribute("src", first ?? "");
  await expect(address).toHaveValue("zhang.san@example.com");
  // The characters typed for the old image are gone with it.
  await expect(page.getByLabel("Verification code")).toHaveValue("");
});

test("the logon page keeps what was typed before it woke, and the logon works", async ({ page }) => {
  await slowNetwork(page);
  await page.goto("/login", { waitUntil: "commit" });
  await page.getByLabel("Email address").pressSequentially("zhao.liu@example.org");
  await page.getByLabel("Password", { exact: true }).pressSequentially("Employee#2026");
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  await expect(page.getByLabel("Email address")).toHaveValue("zhao.liu@example.org");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("Employee#2026");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/mail$/);
});

test("a new password typed before the page woke is judged by the checklist", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email address").fill("zhao.liu@example.org");
  await page.getByLabel("Password", { exact: true }).fill("Employee#2026");
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/mail$/);
  await slowNetwork(page);
  await page.goto("/settings/security", { waitUntil: "commit" });
  const section = page.getByRole("region", { name: "Change password" });
  await section.getByLabel("New password", { exact: true }).pressSequentially("short");
  await waitForHydration(page);
  await expect(section.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "failed");
  await expect(section.getByLabel("New password", { exact: true })).toHaveValue("short");
});
