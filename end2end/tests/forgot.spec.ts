import { test, expect, Page } from "@playwright/test";
import { logOn, waitForHydration } from "./support";
import { captchaAnswer, nextCode, outbox, startForgot } from "./forgot-support";

// Scenario 2: Forgot Password, by the names the help article uses.

const NO_METHOD =
  "No recovery method is available for this account. Contact your email administrator (postmaster).";

async function setNewPassword(page: Page, password: string) {
  await expect(page).toHaveURL(/\/forgot\/new-password$/);
  await waitForHydration(page);
  const field = page.getByLabel("New password");
  // The live checklist judges with this account's address and keywords.
  await field.fill("Example#2026x");
  await expect(page.locator('[data-rule="contains_keyword"]')).toHaveAttribute("data-state", "failed");
  await field.fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await expect(page.locator('[data-rule="contains_keyword"]')).toHaveAttribute("data-state", "met");
  await expect(page.locator('[data-rule="mismatch"]')).toHaveAttribute("data-state", "met");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { name: "Reset succeeded" })).toBeVisible();
  await page.getByRole("link", { name: "Back to Log On" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test("Zhang San resets the password with an SMS code while the resend button counts down", async ({
  page,
  request,
}) => {
  const before = await outbox(request);
  await startForgot(page, request, "zhang.san@example.com");
  await waitForHydration(page);
  const sms = page.getByLabel("Receive an SMS verification code on your secure mobile");
  await expect(sms).toBeChecked();
  await expect(page.getByText("+86 138****8001")).toBeVisible();
  await expect(page.getByLabel("Questions")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page).toHaveURL(/\/forgot\/sms$/);
  await waitForHydration(page);
  const resend = page.getByRole("button", { name: /^Resend/ });
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^Resend \(\d+ s\)$/);
  const first = Number((await resend.textContent())!.match(/\d+/)![0]);
  // A screen reader hears the wait in steps of 10 s, not every second.
  const announcement = page.getByTestId("resend-announcement");
  await expect(announcement).toHaveText(/^You can request a new code in (60|50) seconds\.$/);
  await expect(announcement).toHaveAttribute("aria-live", "polite");
  // The countdown ticks in the browser.
  await expect
    .poll(async () => Number((await resend.textContent())!.match(/\d+/)?.[0] ?? 0), { timeout: 5_000 })
    .toBeLessThan(first);

  const code = await nextCode(request, "+8613800138001", before);
  const wrong = code === "000000" ? "111111" : "000000";
  await page.getByLabel("SMS verification code").fill(wrong);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toContainText("The SMS verification code is incorrect. 4 more tries");
  await page.getByLabel("SMS verification code").fill(code);
  await page.getByRole("button", { name: "Next" }).click();

  await setNewPassword(page, "Meadow#Lark2026");
  const notices = await outbox(request);
  expect(notices[0].to).toBe("+8613800138001");
  expect(notices[0].text).toMatch(/^Your mail password was reset with Forgot Password\. If this wasn't you, open http:\/\/\S+\/r\/[A-Za-z0-9]{16}$/);

  // No automatic logon; the new password works on the logon page.
  await logOn(page, "zhang.san@example.com", "Meadow#Lark2026");
  await expect(page).toHaveURL(/\/mail$/);
});

test("Li Si resets the password by answering the security questions", async ({ page, request }) => {
  await startForgot(page, request, "li.si@example.com");
  await waitForHydration(page);
  await expect(page.getByLabel("Receive an SMS verification code on your secure mobile")).toHaveCount(0);
  await page.getByLabel("Questions").check();
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page).toHaveURL(/\/forgot\/questions$/);
  await waitForHydration(page);
  await page.getByLabel("What city were you born in?").fill("Shanghai");
  await page.getByLabel("What was the name of your first school?").fill("Xixi Primary");
  await page.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toHaveText("One or more answers are incorrect.");
  await page.getByLabel("What city were you born in?").fill(" hangzhou ");
  await page.getByRole("button", { name: "Next" }).click();

  await setNewPassword(page, "Orchard#Bloom2026");
  await logOn(page, "li.si@example.com", "Orchard#Bloom2026");
  await expect(page).toHaveURL(/\/mail$/);
});

test("an unknown address and Wang Wu (nothing bound) reach the same page", async ({ page, request }) => {
  const texts: string[] = [];
  for (const email of ["nobody@example.com", "wang.wu@example.com"]) {
    await startForgot(page, request, email);
    await expect(page.getByRole("alert")).toHaveText(NO_METHOD);
    texts.push(await page.locator("main").innerText());
  }
  expect(texts[0]).toBe(texts[1]);
});

test("a wrong image code shows a new image, and Refresh does too", async ({ page, request }) => {
  await page.goto("/forgot");
  await waitForHydration(page);
  const image = page.getByRole("img", { name: /Verification image/ });
  const first = await image.getAttribute("src");
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(image).not.toHaveAttribute("src", first!);
  const second = await image.getAttribute("src");

  await page.getByLabel("Email address").fill("zhang.san@example.com");
  await page.getByLabel("Verification code").fill("WRONG");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toContainText("does not match the image");
  await expect(image).not.toHaveAttribute("src", second!);
  // The typed address is kept; the new image's code passes.
  await expect(page.getByLabel("Email address")).toHaveValue("zhang.san@example.com");
  await page.getByLabel("Verification code").fill(await captchaAnswer(page, request));
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/forgot\/method$/);
});
