/**
 * The OIDC login against a real provider (oidc-provider) on 127.0.0.1: the full authorization-code flow
 * with PKCE, the provider's own login and consent pages driven with fetch, then our callback.
 */
import http from "node:http"
import type { AddressInfo } from "node:net"
import { Option, Redacted } from "effect"
import Provider from "oidc-provider"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { configure } from "../src/http/log.ts"
import { Accounts } from "../src/services/Accounts.ts"
import { cookieFrom, type Harness, harness, PORTAL, send } from "./auth-helpers.ts"
import { engines, type TestDatabase } from "./engines.ts"

configure("error", false)

const CLIENT_ID = "smartfam-portal"
const CLIENT_SECRET = "a-client-secret-long-enough-for-hs256-and-friends"
const REDIRECT = "http://127.0.0.1:3000/api/v1/auth/oidc/callback"

/** The people the test provider knows: its subject → claims. */
const people: Record<string, { email?: string; given_name: string; family_name: string }> = {
  RSSMRA80A01F205X: { email: "mario.rossi@spid.example", given_name: "Mario", family_name: "Rossi" },
  VRDLCU85B41F205Y: { email: "lucia.verdi@spid.example", given_name: "Lucia", family_name: "Verdi" },
  BNCSTF70C10F205Z: {
    email: "coordinamento.oidc@spid.example",
    given_name: "Stefano",
    family_name: "Bianchi"
  },
  NOEMAIL00A01F205: { given_name: "Senza", family_name: "Email" }
}

/** Starts oidc-provider on a free port of 127.0.0.1 with one confidential client and dev interactions. */
const startProvider = async () => {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT],
        grant_types: ["authorization_code"],
        response_types: ["code"]
      }
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name"]
    },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const p = people[sub]
        return {
          sub,
          ...(p?.email === undefined ? {} : { email: p.email, email_verified: true }),
          given_name: p?.given_name,
          family_name: p?.family_name
        }
      }
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["test-cookie-key"] },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60
    }
  })
  server.on("request", provider.callback())
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/**
 * Plays the browser at the provider: follows redirects with the provider's cookies, signs in as `subject`
 * on the login page and accepts the consent page, until the provider redirects to our callback.
 */
const browseProvider = async (authorizeUrl: string, subject: string): Promise<URL> => {
  const jar = new Map<string, string>()
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";")
      const i = pair.indexOf("=")
      jar.set(pair.slice(0, i), pair.slice(i + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ")
  let url = authorizeUrl
  let init: RequestInit = {}
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: cookie() }
    })
    remember(res)
    init = {}
    const location = res.headers.get("location")
    if (location !== null) {
      const next = new URL(location, url)
      if (next.href.startsWith(REDIRECT)) return next
      url = next.href
      continue
    }
    const html = await res.text()
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`)
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1]
    const prompt = html.match(/name="prompt" value="([^"]+)"/)?.[1]
    if (action === undefined || prompt === undefined) throw new Error(`no form on ${url}`)
    const form = new URLSearchParams(
      prompt === "login" ? { prompt, login: subject, password: "any" } : { prompt }
    )
    url = new URL(action, url).href
    init = {
      method: "POST",
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" }
    }
  }
  throw new Error("the provider never redirected back")
}

describe.each(engines)("OIDC login on %s", (_name, open) => {
  let db: TestDatabase
  let provider: Awaited<ReturnType<typeof startProvider>>
  let h: Harness

  /** GET /oidc/start → the provider as `subject` → our callback with the state cookie. */
  const loginAs = async (subject: string) => {
    const start = await h.app.request("/api/v1/auth/oidc/start")
    expect(start.status).toBe(302)
    const state = cookieFrom(start, "smartfam_oidc")!
    expect(state.attributes).toEqual(
      expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/api/v1/auth/oidc"])
    )
    const authorize = new URL(start.headers.get("location")!)
    expect(authorize.origin).toBe(provider.issuer)
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256")
    expect(authorize.searchParams.get("state")).toMatch(/.+/)
    const back = await browseProvider(authorize.href, subject)
    return h.app.request(`${back.pathname}${back.search}`, { headers: { cookie: state.pair } })
  }
  const me = (cookie: string) => h.app.request("/api/v1/auth/me", { headers: { cookie } })

  beforeAll(async () => {
    db = await open()
    provider = await startProvider()
    h = harness(db, {
      oidc: Option.some({
        issuer: provider.issuer,
        clientId: CLIENT_ID,
        clientSecret: Redacted.make(CLIENT_SECRET),
        redirectUri: REDIRECT
      })
    })
  })
  afterAll(async () => {
    await h.close()
    await provider.close()
    await db.drop()
  })

  it("logs a new person in through the provider, creates a verified family account, lands on the portal", async () => {
    const res = await loginAs("RSSMRA80A01F205X")
    expect(res.status).toBe(302)
    expect(res.headers.get("location")).toBe(`${PORTAL}/`)
    const session = cookieFrom(res, "smartfam_session")!
    expect(session.attributes).toEqual(expect.arrayContaining(["HttpOnly", "Secure", "SameSite=Lax"]))
    // The state cookie is spent.
    expect(cookieFrom(res, "smartfam_oidc")?.attributes).toEqual(expect.arrayContaining(["Max-Age=0"]))
    const who = await me(session.pair)
    expect(who.status).toBe(200)
    const account = (await who.json()) as { id: string }
    expect(account).toMatchObject({
      email: "mario.rossi@spid.example",
      role: "family",
      emailVerified: true,
      displayName: "Mario Rossi"
    })

    // The same person again: the same account.
    const again = await loginAs("RSSMRA80A01F205X")
    expect(again.status).toBe(302)
    expect(await (await me(cookieFrom(again, "smartfam_session")!.pair)).json()).toMatchObject({
      id: account.id
    })
  })

  it("links the identity to an existing family account with the same email", async () => {
    const reg = await send(h, "POST", "/api/v1/auth/register", {
      email: "Lucia.Verdi@spid.example",
      password: "una-password-lunga"
    })
    const { id } = (await reg.json()) as { id: string }
    const res = await loginAs("VRDLCU85B41F205Y")
    expect(res.status).toBe(302)
    expect(await (await me(cookieFrom(res, "smartfam_session")!.pair)).json()).toMatchObject({
      id,
      emailVerified: true
    })
  })

  it("refuses to take over a staff account with the same email (409)", async () => {
    await h.runtime.runPromise(
      Accounts.use((a) =>
        a.createStaff({
          email: "coordinamento.oidc@spid.example",
          password: "una-password-lunga",
          role: "coordinator"
        })
      )
    )
    const res = await loginAs("BNCSTF70C10F205Z")
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ _tag: "Conflict", code: "oidc-email-taken" })
    expect(cookieFrom(res, "smartfam_session")).toBeUndefined()
  })

  it("refuses an identity without an email (401)", async () => {
    const res = await loginAs("NOEMAIL00A01F205")
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({
      _tag: "Unauthorized",
      message: expect.stringContaining("email")
    })
  })

  it("refuses a callback without the state cookie, with a forged one, or with a stale one", async () => {
    const start = await h.app.request("/api/v1/auth/oidc/start")
    const state = cookieFrom(start, "smartfam_oidc")!
    const back = await browseProvider(start.headers.get("location")!, "RSSMRA80A01F205X")
    const path = `${back.pathname}${back.search}`

    const missing = await h.app.request(path)
    expect(missing.status).toBe(401)
    expect(await missing.json()).toMatchObject({ _tag: "Unauthorized" })
    const [payload] = state.value.split(".")
    const forged = await h.app.request(path, { headers: { cookie: `smartfam_oidc=${payload}.AAAA` } })
    expect(forged.status).toBe(401)
    // Another login's state does not fit this answer.
    const other = cookieFrom(await h.app.request("/api/v1/auth/oidc/start"), "smartfam_oidc")!
    expect((await h.app.request(path, { headers: { cookie: other.pair } })).status).toBe(401)
    h.clock.advance(11 * 60_000)
    try {
      expect((await h.app.request(path, { headers: { cookie: state.pair } })).status).toBe(401)
    } finally {
      h.clock.advance(-11 * 60_000)
    }
    // The provider reporting an error is a 401 too.
    expect(
      (
        await h.app.request(`/api/v1/auth/oidc/callback?error=access_denied&state=x`, {
          headers: { cookie: state.pair }
        })
      ).status
    ).toBe(401)
  })

  it("answers 404 with a clear body when OIDC is not configured", async () => {
    const plain = harness(db)
    try {
      for (const path of ["/api/v1/auth/oidc/start", "/api/v1/auth/oidc/callback?code=x&state=y"]) {
        const res = await plain.app.request(path)
        expect(res.status).toBe(404)
        expect(await res.json()).toMatchObject({
          _tag: "NotFound",
          message: expect.stringContaining("OIDC_ISSUER")
        })
      }
    } finally {
      await plain.close()
    }
  })
})
