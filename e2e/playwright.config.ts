import os from "node:os"
import path from "node:path"
import { defineConfig } from "@playwright/test"

// Debian's chromium, never a downloaded browser (see README, e2e). The flags keep it off the closed network.
const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const ports = { api: 4100, portal: 4101, admin: 4102, oidc: 4103 }
// Decided once in the runner and inherited by the workers (which evaluate this file again).
process.env["SMARTFAM_E2E_DIR"] ??= path.join(os.tmpdir(), `smartfam-e2e-${process.pid}`)
const dataDir = process.env["SMARTFAM_E2E_DIR"]
/** Where the API writes its emails during the run: the tests read the verification links there. */
export const outboxDir = path.join(dataDir, "outbox")

export const urls = {
  portal: `http://127.0.0.1:${ports.portal}`,
  admin: `http://127.0.0.1:${ports.admin}`,
  api: `http://127.0.0.1:${ports.api}`,
  oidc: `http://127.0.0.1:${ports.oidc}`
}
/** The API's OIDC client at the stand-in SPID/CIE gateway (oidc-provider.ts). */
const oidc = {
  OIDC_CLIENT_ID: "smartfam-e2e",
  OIDC_CLIENT_SECRET: "e2e-client-secret-long-enough-for-hs256",
  OIDC_REDIRECT_URI: `${urls.api}/api/v1/auth/oidc/callback`
}

export default defineConfig({
  testDir: "tests",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env["CI"] ? [["list"]] : [["list"]],
  timeout: 60_000,
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run"
      ]
    },
    trace: "retain-on-failure"
  },
  webServer: [
    {
      command: "node oidc-provider.ts",
      url: `${urls.oidc}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { PORT: String(ports.oidc), ...oidc }
    },
    {
      command: "node ../scripts/demo.mjs",
      url: `${urls.portal}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        SMARTFAM_API_PORT: String(ports.api),
        SMARTFAM_PORTAL_PORT: String(ports.portal),
        SMARTFAM_ADMIN_PORT: String(ports.admin),
        SMARTFAM_SQLITE_PATH: path.join(dataDir, "smartfam.db"),
        SMARTFAM_OUTBOX_DIR: outboxDir,
        SMARTFAM_CLOCK: "2023-06-05T08:00:00+02:00",
        LOG_LEVEL: "warn",
        OIDC_ISSUER: urls.oidc,
        ...oidc
      }
    }
  ]
})
