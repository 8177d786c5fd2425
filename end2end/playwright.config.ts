import { defineConfig, devices } from "@playwright/test";
import * as path from "path";

// The release server, started fresh for every run: a new SQLite file, demo
// mode on (demo data, /dev/* pages), on its own port.
const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const siteRoot = process.env.LEPTOS_SITE_ROOT ?? path.join(root, "target", "site");
const dbDir = path.join(targetDir, "e2e");

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The suite shares one server and its demo data; tests that change an
  // account must not race each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "hydrated", use: { ...chromium }, testIgnore: /.*\.nojs\.spec\.ts/ },
    {
      name: "no-javascript",
      use: { ...chromium, javaScriptEnabled: false },
      testMatch: /.*\.nojs\.spec\.ts/,
    },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: [
          `rm -rf "${dbDir}" && mkdir -p "${dbDir}" &&`,
          `"${path.join(targetDir, "release", "server")}"`,
          `--demo --bind 127.0.0.1:${port}`,
          // The password fingerprints' key, fixed: a wrong password taken
          // for a repeat of another (one in 819) happens always or never.
          `--mail-auth-key e2e-fingerprint-key`,
          `--database-url "sqlite://${dbDir}/e2e.db"`,
          `--site-root "${siteRoot}"`,
        ].join(" "),
        url: `${baseURL}/readyz`,
        timeout: 60_000,
        reuseExistingServer: false,
        stdout: "ignore",
        stderr: "pipe",
      },
});
