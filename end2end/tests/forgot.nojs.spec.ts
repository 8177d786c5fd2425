import { test, expect } from "@playwright/test";
import { showImage, startForgot } from "./forgot-support";

// Without JavaScript, Forgot Password is a series of plain HTML forms
// posting to the same server functions.
test.describe("without JavaScript", () => {
  test("Li Si resets the password by the security questions", async ({ page, request }) => {
    await startForgot(page, request, "li.si@example.com");
    await page.getByLabel("Questions").check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/forgot\/questions$/);
    await page.getByLabel("What city were you born in?").fill("Hangzhou");
    await page.getByLabel("What was the name of your first school?").fill("Xixi Primary");
    await page.getByLabel("What is your favourite book?").fill("Wrong Book");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/forgot\/questions/);
    await expect(page.getByRole("alert")).toHaveText("One or more answers are incorrect.");
    await page.getByLabel("What city were you born in?").fill("Hangzhou");
    await page.getByLabel("What was the name of your first school?").fill("Xixi Primary");
    await page.getByLabel("What is your favourite book?").fill("Dream of the Red Chamber");
    await page.getByRole("button", { name: "Next" }).click();

    await expect(page).toHaveURL(/\/forgot\/new-password$/);
    await page.getByLabel("New password").fill("Quiet#Brook2027");
    await page.getByLabel("Confirm password").fill("Quiet#Brook2027");
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByRole("heading", { name: "Reset succeeded" })).toBeVisible();

    await page.getByRole("link", { name: "Back to Log On" }).click();
    await page.getByLabel("Email address").fill("li.si@example.com");
    await page.getByLabel("Password", { exact: true }).fill("Quiet#Brook2027");
    await page.getByRole("button", { name: "Log On" }).click();
    await expect(page).toHaveURL(/\/mail$/);
  });

  test("a wrong image code comes back with a new image", async ({ page, request }) => {
    await page.goto("/forgot");
    // A GET makes nothing: the first image comes with the first POST.
    await expect(page.getByRole("img", { name: /Verification image/ })).toHaveCount(0);
    await showImage(page);
    const first = await page.getByRole("img", { name: /Verification image/ }).getAttribute("src");
    await page.getByLabel("Email address").fill("nobody@example.com");
    await page.getByLabel("Verification code").fill("WRONG");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("alert")).toContainText("does not match the image");
    const second = await page.getByRole("img", { name: /Verification image/ }).getAttribute("src");
    expect(second).not.toBe(first);
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page).toHaveURL(/\/forgot$/);
    const third = await page.getByRole("img", { name: /Verification image/ }).getAttribute("src");
    expect(third).not.toBe(second);
  });
});
