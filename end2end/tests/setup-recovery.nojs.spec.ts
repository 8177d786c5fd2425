import { test, expect } from "@playwright/test";
import { logOnAsPostmaster } from "./support";

// Without JavaScript, "Set up account recovery" after logon is plain
// forms: "Skip for now" goes on to the mailbox, and saving security
// questions comes back to the page, which then lets the person continue.

test.describe("without JavaScript", () => {
  test("a new employee skips the recovery setup, then sets up questions", async ({ page, baseURL }) => {
    // The postmaster creates Qian Qi (no recovery method, no forced change).
    await logOnAsPostmaster(page);
    const created = await page.request.post("/api/create_account", {
      form: {
        display_name: "Qian Qi",
        local_part: "qian.qi",
        department: "",
        new_password: "Lotus#Bridge2026",
        confirm_password: "Lotus#Bridge2026",
      },
      headers: { origin: baseURL! },
    });
    expect(created.ok()).toBe(true);
    await page.getByRole("button", { name: "Log Out" }).click();

    const logOn = async () => {
      await page.goto("/login");
      await page.getByLabel("Email address").fill("qian.qi@example.com");
      await page.getByLabel("Password", { exact: true }).fill("Lotus#Bridge2026");
      await page.getByRole("button", { name: "Log On" }).click();
      await expect(page).toHaveURL(/\/settings\/recovery$/);
      await expect(page.getByRole("heading", { name: "Set up account recovery" })).toBeVisible();
    };
    await logOn();
    await expect(page.getByText("You can skip this 3 more times; after that, setting it up is required.")).toBeVisible();
    await page.getByRole("button", { name: "Skip for now" }).click();
    await expect(page).toHaveURL(/\/mail$/);

    await logOn();
    await expect(page.getByText("You can skip this 2 more times; after that, setting it up is required.")).toBeVisible();
    const questions = page.locator("section", {
      has: page.getByRole("heading", { name: "Security questions", exact: true }),
    });
    await questions.getByLabel("Question 1", { exact: true }).selectOption("What city were you born in?");
    await questions.getByLabel("Answer 1", { exact: true }).fill("Ningbo");
    await questions.getByLabel("Question 2", { exact: true }).selectOption("What was the name of your first pet?");
    await questions.getByLabel("Answer 2", { exact: true }).fill("Tofu");
    await questions.getByLabel("Question 3", { exact: true }).selectOption("What is your favourite book?");
    await questions.getByLabel("Answer 3", { exact: true }).fill("Camel Xiangzi");
    await questions.getByLabel("Current password").fill("Lotus#Bridge2026");
    await questions.getByRole("button", { name: "Save questions" }).click();
    await expect(page).toHaveURL(/\/settings\/recovery\?questions_saved=1$/);
    await expect(page.getByText("Your account can now be recovered with Forgot Password.")).toBeVisible();
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/mail$/);
  });
});
