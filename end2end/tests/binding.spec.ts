import { test, expect, APIRequestContext, Page } from "@playwright/test";
import { waitForHydration } from "./support";

// Security settings: binding a secure mobile phone (SMS code) and security
// questions, the recovery methods Forgot Password uses.
//
// The account is Zhao Liu (example.org, phone +8613900139001, no questions):
// Wang Wu must keep "nothing bound" for forgot.spec.ts ("No recovery
// method"), and Zhang San and Li Si belong to the Forgot Password specs.
// Nothing here changes Zhao Liu's password, so the logon specs that use the
// account pass in any order.

const ACCOUNT = "zhao.liu@example.org";
const PASSWORD = "Employee#2026";
const OLD_PHONE = "+8613900139001";
const NEW_PHONE = "+8613800138002";

type Sms = { to: string; text: string; at: string };

async function outbox(request: APIRequestContext): Promise<Sms[]> {
  const response = await request.get("/dev/outbox");
  expect(response.status()).toBe(200);
  return response.json();
}

/** Waits for an SMS to `to` that was not in `before`; its 6-digit code. */
async function nextCode(request: APIRequestContext, to: string, before: Sms[]): Promise<string> {
  const seen = new Set(before.map((m) => `${m.at}|${m.to}|${m.text}`));
  let code = "";
  await expect
    .poll(async () => {
      const fresh = (await outbox(request)).find(
        (m) => m.to === to && !seen.has(`${m.at}|${m.to}|${m.text}`),
      );
      code = fresh?.text.match(/\b(\d{6})\b/)?.[1] ?? "";
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

async function logOn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log On" }).click();
  await expect(page).toHaveURL(/\/mail$/);
}

function section(page: Page, heading: string) {
  return page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });
}

test("an employee binds a new secure mobile phone with the SMS code, then sets 3 security questions", async ({
  page,
  request,
}) => {
  await logOn(page, ACCOUNT, PASSWORD);
  await page.goto("/settings/security");
  await waitForHydration(page);

  // Secure mobile phone: the current number masked; a code to the new one.
  const phone = section(page, "Secure mobile phone");
  await expect(phone.getByTestId("bound-phone")).toHaveText("+86 139****9001");
  const before = await outbox(request);
  await phone.getByLabel("Mobile number").fill("+86 138 0013 8002");
  await phone.getByLabel("Current password").fill(PASSWORD);
  await phone.getByRole("button", { name: "Send code" }).click();
  await expect(phone.getByRole("status")).toHaveText(
    "We sent a verification code to +86 138****8002. It expires in 10 minutes.",
  );
  const code = await nextCode(request, NEW_PHONE, before);
  await phone.getByLabel("Verification code").fill(code);
  await phone.getByRole("button", { name: "Bind phone" }).click();
  await expect(phone.getByRole("status")).toHaveText("Secure mobile phone bound.");
  await expect(phone.getByTestId("bound-phone")).toHaveText("+86 138****8002");
  // The number that was replaced hears about it.
  await expect
    .poll(async () =>
      (await outbox(request)).some(
        (m) =>
          m.to === OLD_PHONE &&
          /^The secure phone of your mail account was changed\. If this wasn't you, open http:\/\/\S+\/r\/[A-Za-z0-9]{16}$/.test(
            m.text,
          ),
      ),
    )
    .toBe(true);

  // Security questions: two from the list and one of our own.
  const questions = section(page, "Security questions");
  await expect(questions.getByText("No security questions are set.")).toBeVisible();
  const own = questions.getByLabel("Your own question 2");
  await questions.getByLabel("Question 1", { exact: true }).selectOption("What city were you born in?");
  await questions.getByLabel("Answer 1", { exact: true }).fill("Harbin");
  await expect(own).toBeHidden();
  await questions.getByLabel("Question 2", { exact: true }).selectOption("Write my own question…");
  await expect(own).toBeVisible();
  await own.fill("Who was my childhood hero?");
  await questions.getByLabel("Answer 2", { exact: true }).fill("Ada Lovelace");
  await questions.getByLabel("Question 3", { exact: true }).selectOption("What is your favourite book?");
  await questions.getByLabel("Answer 3", { exact: true }).fill("Dream of the Red Chamber");
  await questions.getByLabel("Current password").fill(PASSWORD);
  await questions.getByRole("button", { name: "Save questions" }).click();
  await expect(questions.getByRole("status")).toHaveText("Security questions saved.");
  const listed = [
    "What city were you born in?",
    "Who was my childhood hero?",
    "What is your favourite book?",
  ];
  await expect(questions.getByTestId("bound-questions").getByRole("listitem")).toHaveText(listed);

  // As the server renders the page afresh: the phone and questions, never an answer.
  await page.goto("/settings/security");
  await waitForHydration(page);
  await expect(section(page, "Secure mobile phone").getByTestId("bound-phone")).toHaveText("+86 138****8002");
  await expect(
    section(page, "Security questions").getByTestId("bound-questions").getByRole("listitem"),
  ).toHaveText(listed);
  await expect(page.getByText("Harbin")).toHaveCount(0);
  await expect(page.getByText("Ada Lovelace")).toHaveCount(0);
});

test("a wrong current password sends no code and says so", async ({ page, request }) => {
  await logOn(page, ACCOUNT, PASSWORD);
  await page.goto("/settings/security");
  await waitForHydration(page);
  const phone = section(page, "Secure mobile phone");
  const before = (await outbox(request)).length;
  await phone.getByLabel("Mobile number").fill("+86 138 0013 8005");
  await phone.getByLabel("Current password").fill("Wrong#Password3");
  await phone.getByRole("button", { name: "Send code" }).click();
  await expect(phone.getByRole("alert")).toHaveText("The current password is incorrect.");
  expect((await outbox(request)).length).toBe(before);

  await phone.getByLabel("Mobile number").fill("12345");
  await phone.getByLabel("Current password").fill(PASSWORD);
  await phone.getByRole("button", { name: "Send code" }).click();
  await expect(phone.getByRole("alert")).toHaveText(
    "That is not a valid mobile number. Enter it with the country code, like +86 138 0013 8000.",
  );
});
