import { test, expect } from "@playwright/test";
import { startForgot } from "./forgot-support";

// Without JavaScript, "Unlock account" is a plain form posting to its
// server function, which answers with the next page.
test.describe("without JavaScript", () => {
  test("Li Si unlocks the account with her questions", async ({ page, request, baseURL }) => {
    for (let n = 0; n < 5; n++) {
      await request.post("/api/log_on", {
        form: { email: "li.si@example.com", password: `Guess#${n}NoScript26` },
        headers: { origin: baseURL! },
      });
    }
    await startForgot(page, request, "li.si@example.com");
    await page.getByLabel("Questions").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("What city were you born in?").fill("Hangzhou");
    await page.getByLabel("What was the name of your first school?").fill("Xixi Primary");
    await page.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/forgot\/new-password$/);
    await page.getByRole("button", { name: "Unlock account" }).click();
    await expect(page).toHaveURL(/\/forgot\/unlocked$/);
    await expect(page.getByRole("heading", { name: "Account unlocked" })).toBeVisible();

    // Logons are judged again: a wrong password says so, not "locked".
    await page.getByRole("link", { name: "Back to Log On" }).click();
    await page.getByLabel("Email address").fill("li.si@example.com");
    await page.getByLabel("Password", { exact: true }).fill("Whatever#Word2026");
    await page.getByRole("button", { name: "Log On" }).click();
    await expect(page.getByRole("alert")).toHaveText("The email address or password is incorrect.");
  });
});
