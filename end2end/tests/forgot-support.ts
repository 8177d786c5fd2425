import { APIRequestContext, Page, expect } from "@playwright/test";

/**
 * Makes sure the first step shows its image. Loading /forgot creates
 * nothing: the browser asks for its image at once (an island), and without
 * JavaScript the person selects Refresh.
 */
export async function showImage(page: Page) {
  const image = page.getByRole("img", { name: /Verification image/ });
  const hint = page.getByText("Select Refresh to show the verification image.");
  await expect(image.or(hint)).toBeVisible();
  if ((await image.count()) === 0) {
    await page.getByRole("button", { name: "Refresh" }).click();
  }
  await expect(image).toBeVisible();
}

/** The answer of the captcha the page shows (demo mode's /dev/captcha). */
export async function captchaAnswer(page: Page, request: APIRequestContext): Promise<string> {
  await showImage(page);
  const src = await page.getByRole("img", { name: /Verification image/ }).getAttribute("src");
  expect(src).toBeTruthy();
  const id = src!.split("/").pop()!;
  const response = await request.get(`/dev/captcha/${id}`);
  expect(response.status()).toBe(200);
  return (await response.text()).trim();
}

type Sms = { to: string; text: string; at: string };

export async function outbox(request: APIRequestContext): Promise<Sms[]> {
  const response = await request.get("/dev/outbox");
  expect(response.status()).toBe(200);
  return response.json();
}

/** Waits for an SMS to `to` that was not in `before`; its 6-digit code. */
export async function nextCode(request: APIRequestContext, to: string, before: Sms[]): Promise<string> {
  const seen = new Set(before.map((m) => `${m.at}|${m.text}`));
  let code = "";
  await expect
    .poll(async () => {
      const fresh = (await outbox(request)).find((m) => m.to === to && !seen.has(`${m.at}|${m.text}`));
      code = fresh?.text.match(/\b(\d{6})\b/)?.[1] ?? "";
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

/** Logon page > Forgot Password > address and image code > Next. */
export async function startForgot(page: Page, request: APIRequestContext, email: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot Password" }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await showImage(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Verification code").fill(await captchaAnswer(page, request));
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/forgot\/method$/);
}
