import { test, expect } from "@playwright/test";
import { waitForHydration } from "./support";

test.describe("logon page", () => {
  test("is rendered on the server with the form", async ({ request }) => {
    const response = await request.get("/login");
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain('for="login-email"');
    expect(html).toContain("Log On");
    expect(html).toContain("Forgot Password");
  });

  test("shows and hides the password once the WASM has hydrated", async ({ page }) => {
    await page.goto("/login");
    await waitForHydration(page);
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("Harbor#Lights2026");
    await expect(password).toHaveAttribute("type", "password");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(password).toHaveAttribute("type", "text");
    await expect(password).toHaveValue("Harbor#Lights2026");
    await page.getByRole("button", { name: "Hide" }).click();
    await expect(password).toHaveAttribute("type", "password");
  });

  test("has the labelled fields, the Log On button and the Forgot Password link", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByLabel("Email address")).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Log On" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Forgot Password" })).toBeVisible();
  });
});

test.describe("what a first visit downloads", () => {
  test("the built files are named by their content, sent compressed and cached for a year", async ({ request }) => {
    const page = await request.get("/login", { headers: { "accept-encoding": "br" } });
    expect(page.headers()["content-encoding"]).toBe("br");
    expect(page.headers()["cache-control"]).toBe("no-store");
    const html = await page.text();
    const files = [...new Set(html.match(/\/pkg\/recovery\.[A-Za-z0-9_-]{22}\.(?:js|wasm|css)/g) ?? [])];
    expect(files.map((f) => f.split(".").pop()).sort()).toEqual(["css", "js", "wasm"]);
    for (const file of files) {
      for (const encoding of ["br", "gzip"]) {
        const asset = await request.get(file, { headers: { "accept-encoding": encoding } });
        expect(asset.status(), file).toBe(200);
        expect(asset.headers()["content-encoding"], file).toBe(encoding);
        expect(asset.headers()["cache-control"], file).toBe("public, max-age=31536000, immutable");
      }
    }
  });
});
