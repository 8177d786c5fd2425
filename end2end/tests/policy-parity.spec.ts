import { test, expect, Page } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";
import { waitForHydration } from "./support";

// The shared vectors, typed into /dev/policy: the WASM checklist must fail
// exactly the rules the vector expects (docs/policy.md), with no server request.
const vectorsPath = path.resolve(__dirname, "../../app/tests/data/policy-vectors.jsonl");
type Vector = {
  password: string;
  account: string;
  keywords: string[];
  confirmation?: string;
  preset?: string;
  expected: string[];
};
const vectors: Vector[] = fs
  .readFileSync(vectorsPath, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line));

async function failedRules(page: Page): Promise<string[]> {
  const rules = await page
    .locator('[data-rule][data-state="failed"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-rule") ?? ""));
  return rules.sort();
}

test("the browser checklist gives every shared vector its expected verdict", async ({ page }) => {
  expect(vectors.length).toBeGreaterThanOrEqual(40);
  let serverRequests = 0;
  page.on("request", (request) => {
    if (request.url().includes("/api/")) serverRequests += 1;
  });
  await page.goto("/dev/policy");
  await waitForHydration(page);
  // The common-password list is fetched once; every vector is judged with it.
  await expect(page.getByTestId("common-list")).toContainText("entries");
  for (const [index, vector] of vectors.entries()) {
    await page.getByLabel("Policy preset").selectOption(vector.preset ?? "standard");
    await page.getByLabel("Account").fill(vector.account);
    await page.getByLabel("Keywords").fill(vector.keywords.join("\n"));
    await page.getByLabel("Password", { exact: true }).fill(vector.password);
    await page.getByLabel("Confirm password").fill(vector.confirmation ?? "");
    let expected = [...vector.expected];
    let actual = await failedRules(page);
    if (vector.confirmation === undefined) {
      expected = expected.filter((code) => code !== "mismatch");
      actual = actual.filter((code) => code !== "mismatch");
    }
    expect(actual, `vector ${index + 1}: ${JSON.stringify(vector)}`).toEqual(expected.sort());
  }
  expect(serverRequests, "the checklist never asks the server").toBe(0);
  expect(vectors.filter((v) => v.preset).length, "vectors for the other presets").toBeGreaterThanOrEqual(10);
  expect(vectors.filter((v) => v.expected.includes("common_password")).length).toBeGreaterThanOrEqual(8);
});

test("every checklist line shows its state to tests and assistive technology", async ({ page }) => {
  await page.goto("/dev/policy");
  await waitForHydration(page);
  const list = page.getByRole("list", { name: "Password requirements" });
  await expect(list).toHaveAttribute("aria-live", "polite");
  await page.getByLabel("Password", { exact: true }).fill("Example#2026");
  await expect(page.locator('[data-rule="contains_keyword"]')).toHaveAttribute("data-state", "failed");
  await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute("data-state", "met");
  await expect(page.locator('[data-rule="contains_keyword"]')).toContainText("example");
  await page.getByLabel("Password", { exact: true }).fill("Quiet#River88");
  await expect(page.locator('[data-rule="contains_keyword"]')).toHaveAttribute("data-state", "met");
});

// Not a timed assertion: the mean is printed for the benchmark report.
test("benchmark: the check in WASM, 64 characters against 1000 keywords and the common-password list", async ({ page }) => {
  const words = [
    "example", "alibaba", "password", "qwerty", "welcome", "letmein", "dragon", "monkey",
    "sunshine", "princess", "football", "baseball", "shadow", "master", "hunter", "summer",
    "winter", "spring", "autumn", "hangzhou", "beijing", "shanghai", "company", "office",
    "support", "service", "finance", "account", "marketing", "engineering", "mailbox",
    "cloudmail", "enterprise", "taobao", "tmall", "dingtalk", "aliyun", "xixi", "westlake",
    "internationaltradedepartment",
  ];
  const keywords: string[] = [];
  for (let suffix = 0; keywords.length < 1000; suffix++) {
    for (const word of words) {
      if (keywords.length === 1000) break;
      keywords.push(suffix === 0 ? word : `${word}${suffix}`);
    }
  }
  await page.goto("/dev/policy");
  await waitForHydration(page);
  await expect(page.getByTestId("common-list")).toContainText("entries");
  await page.getByLabel("Account").fill("zhang.san@example.com");
  await page.getByLabel("Keywords").fill(keywords.join("\n"));
  await page
    .getByLabel("Password", { exact: true })
    .fill("Tq7#vR2!mK9@xW4$hN6^jB3&zP5*cF8%fD1?gS0+yH7=uE2~wQ4-kJ9_rT6.nM3x");
  await expect(page.locator('[data-rule][data-state="failed"]')).toHaveCount(1); // only mismatch
  await page.getByLabel("Runs").fill("2000");
  await page.getByRole("button", { name: "Run benchmark" }).click();
  const output = page.getByTestId("bench-mean");
  await expect(output).not.toHaveText("-");
  const mean = Number(await output.textContent());
  expect(mean).toBeGreaterThan(0);
  console.log(`BENCH wasm policy check (64 chars, 1000 keywords, common list loaded): ${mean.toFixed(2)} µs mean over 2000 runs`);
});
