import { test, expect, Page } from "@playwright/test";
import { logOn, waitForHydration } from "./support";
import { captchaAnswer } from "./forgot-support";

// Forms used by keyboard alone: Tab visits every control in reading order
// (nothing skipped, nothing out of order), and Enter and the arrow keys
// operate them. Li Si resets her password by Forgot Password this way.

/** What Tab reaches from where the focus is, `count` presses on. */
async function tabOrder(page: Page, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press("Tab");
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return "(body)";
        const labels = (el as HTMLInputElement).labels;
        const label = el.getAttribute("aria-label") ?? (labels?.length ? labels[0].textContent : el.textContent) ?? "";
        return `${el.tagName.toLowerCase()}:${label.trim()}`;
      }),
    );
  }
  return seen;
}

const FOOTER = ["select:Language", "button:Change"];

test("the logon form in reading order, sent with Enter", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  expect(await tabOrder(page, 7)).toEqual([
    "input:Email address",
    "input:Password",
    "button:Show",
    "button:Log On",
    "a:Forgot Password",
    ...FOOTER,
  ]);
  // From the top again: type, Tab, type, Enter.
  await page.goto("/login");
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  await page.keyboard.type("zhang.san@example.com");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Wrong#Password9");
  await page.keyboard.press("Enter");
  // Refused: the focus is on the error, and Tab goes on into the form.
  await expect(page.getByRole("alert")).toBeFocused();
  expect(await tabOrder(page, 1)).toEqual(["input:Email address"]);
});

test("Li Si resets her password by Forgot Password with the keyboard alone", async ({ page, request }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await tabOrder(page, 5);
  await expect(page.getByRole("link", { name: "Forgot Password" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/forgot$/);
  // The new page starts at its heading, as a screen reader announces it.
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  const answer = await captchaAnswer(page, request);
  // Reading the image's answer may have selected Refresh (when the image
  // was not there yet): walk the page from its heading again.
  await page.getByRole("heading", { level: 1 }).focus();
  expect(await tabOrder(page, 7)).toEqual([
    "input:Email address",
    "button:Refresh",
    "input:Verification code",
    "button:Next",
    "a:Back to Log On",
    ...FOOTER,
  ]);
  await page.getByLabel("Email address").focus();
  await page.keyboard.type("li.si@example.com");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type(answer);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/forgot\/method$/);

  // One radio group, one Tab stop; the arrow keys choose.
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  const order = await tabOrder(page, 2);
  expect(order[0]).toMatch(/^input:Questions$/);
  expect(order[1]).toBe("button:Next");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/forgot\/questions$/);
  // The new page announces itself first: its heading has the focus.
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  expect(await tabOrder(page, 4)).toEqual([
    "input:What city were you born in?",
    "input:What was the name of your first school?",
    "input:What is your favourite book?",
    "button:Next",
  ]);
  await page.getByLabel("What city were you born in?").focus();
  for (const answer of ["Hangzhou", "Xixi Primary", "Dream of the Red Chamber"]) {
    await page.keyboard.type(answer);
    await page.keyboard.press("Tab");
  }
  await expect(page.getByRole("button", { name: "Next" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/forgot\/new-password$/);

  await waitForHydration(page);
  expect(await tabOrder(page, 5)).toEqual([
    "input:New password",
    "button:Show",
    "input:Confirm password",
    "button:Show",
    "button:Submit",
  ]);
  await page.getByLabel("New password").focus();
  await page.keyboard.type("Keyboard#Lotus2026");
  await page.keyboard.press("Tab");
  // Show, by Space: the password is shown, and hidden again.
  await page.keyboard.press("Space");
  await expect(page.getByLabel("New password")).toHaveAttribute("type", "text");
  await page.keyboard.press("Space");
  await expect(page.getByLabel("New password")).toHaveAttribute("type", "password");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keyboard#Lotus2026");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/forgot\/done$/);
  await expect(page.getByRole("heading", { name: "Reset succeeded" })).toBeVisible();
  await tabOrder(page, 1);
  await expect(page.getByRole("link", { name: "Back to Log On" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login$/);
});

test("the postmaster resets a password with the keyboard alone", async ({ page }) => {
  await logOn(page, "postmaster@example.com", "Harbor#Lights2026");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/accounts?q=wang.wu");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Wang Wu" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Edit Account" })).toBeFocused();
  expect(await tabOrder(page, 2)).toEqual(["button:Disable Account", "button:Reset Password"]);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Reset Password" })).toBeVisible();
  expect(await tabOrder(page, 6)).toEqual([
    "input:New password",
    "button:Show",
    "input:Confirm password",
    "button:Show",
    "input:Require a password change at next logon",
    "button:Save",
  ]);
  await page.getByLabel("New password").focus();
  await page.keyboard.type("Keyboard#Reed2026");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keyboard#Reed2026");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  // Space toggles the checkbox, as it should; it is left checked.
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Require a password change at next logon")).not.toBeChecked();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Require a password change at next logon")).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Password reset" })).toBeVisible();
});
