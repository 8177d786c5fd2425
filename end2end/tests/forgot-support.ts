import { APIRequestContext, Page, expect } from "@playwright/test";
import { Lang, NAMES } from "./support";

/**
 * Makes sure the first step shows its image. Loading /forgot creates
 * nothing: the browser asks for its image at once (an island), and without
 * JavaScript the person selects Refresh.
 */
export async function showImage(page: Page, lang: Lang = "en") {
  const t = NAMES[lang];
  const image = page.getByRole("img", { name: t.image });
  const hint = page.getByText(t.selectRefresh);
  await expect(image.or(hint)).toBeVisible();
  if ((await image.count()) === 0) {
    await page.getByRole("button", { name: t.refresh }).click();
  }
  await expect(image).toBeVisible();
}

/** The answer of the captcha the page shows (demo mode's /dev/captcha). */
export async function captchaAnswer(page: Page, request: APIRequestContext, lang: Lang = "en"): Promise<string> {
  await showImage(page, lang);
  const src = await page.getByRole("img", { name: NAMES[lang].image }).getAttribute("src");
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
export async function startForgot(page: Page, request: APIRequestContext, email: string, lang: Lang = "en") {
  const t = NAMES[lang];
  await page.goto("/login");
  await page.getByRole("link", { name: t.forgot }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await showImage(page, lang);
  await page.getByLabel(t.email).fill(email);
  await page.getByLabel(t.captcha).fill(await captchaAnswer(page, request, lang));
  await page.getByRole("button", { name: t.next }).click();
  await expect(page).toHaveURL(/\/forgot\/method$/);
}
