import { Effect, Option, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import * as Config from "../src/config.ts"

const load = (env: Record<string, string>) => Effect.runSync(Config.load(env))
const failure = (env: Record<string, string>) => {
  const exit = Effect.runSyncExit(Config.load(env))
  expect(exit._tag).toBe("Failure")
  return String(exit._tag === "Failure" ? exit.cause : "")
}

describe("accounts configuration", () => {
  it("has working defaults for sessions, links and the outbox", () => {
    const c = load({})
    expect(c.sessionDays).toBe(30)
    expect(c.portalUrl).toBe("http://127.0.0.1:3001")
    expect(c.outboxDir).toBe("./data/outbox")
    expect(Option.isNone(c.smtpUrl)).toBe(true)
    expect(Option.isNone(c.oidc)).toBe(true)
  })

  it.each([
    [{}, false],
    [{ HOST: "localhost" }, false],
    [{ HOST: "0.0.0.0" }, true],
    [{ HOST: "10.0.0.5" }, true],
    [{ HOST: "0.0.0.0", SMARTFAM_COOKIE_SECURE: "false" }, false],
    [{ SMARTFAM_COOKIE_SECURE: "true" }, true]
  ])("cookies are Secure except on loopback, unless told: %j → %s", (env, secure) => {
    expect(load(env).cookieSecure).toBe(secure)
  })

  it("drops a trailing slash from the portal URL and keeps the SMTP URL redacted", () => {
    const c = load({
      SMARTFAM_PORTAL_URL: "https://famiglie.smartfam.example/",
      SMTP_URL: "smtp://user:secret@mail.example:587"
    })
    expect(c.portalUrl).toBe("https://famiglie.smartfam.example")
    expect(String(Option.getOrThrow(c.smtpUrl))).not.toContain("secret")
  })

  it.each([
    [{ SMARTFAM_SESSION_DAYS: "0" }, "SMARTFAM_SESSION_DAYS"],
    [{ SMARTFAM_SESSION_DAYS: "many" }, "SMARTFAM_SESSION_DAYS"],
    [{ SMARTFAM_COOKIE_SECURE: "maybe" }, "SMARTFAM_COOKIE_SECURE"],
    [{ SMARTFAM_PORTAL_URL: "portal" }, "SMARTFAM_PORTAL_URL"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL"],
    [{ OIDC_ISSUER: "ftp://idp" }, "OIDC_ISSUER"],
    [{ OIDC_ISSUER: "https://idp.example" }, "OIDC_CLIENT_ID"],
    [
      { OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "x", OIDC_CLIENT_SECRET: "s" },
      "OIDC_REDIRECT_URI"
    ]
  ])("rejects %j naming the variable", (env, name) => {
    expect(failure(env)).toContain(name)
  })

  it("enables OIDC when the issuer and its client are configured, keeping the secret redacted", () => {
    const c = load({
      OIDC_ISSUER: "https://idp.example/",
      OIDC_CLIENT_ID: "smartfam",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_REDIRECT_URI: "https://api.smartfam.example/api/v1/auth/oidc/callback"
    })
    const oidc = Option.getOrThrow(c.oidc)
    expect(oidc).toMatchObject({
      issuer: "https://idp.example/",
      clientId: "smartfam",
      redirectUri: "https://api.smartfam.example/api/v1/auth/oidc/callback"
    })
    expect(String(oidc.clientSecret)).not.toContain("s3cret")
    expect(Redacted.value(oidc.clientSecret)).toBe("s3cret")
  })
})
