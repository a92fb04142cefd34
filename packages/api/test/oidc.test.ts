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
import { Accounts, oidcBinding } from "../src/services/Accounts.ts"
import { cookieFrom, type Harness, harness, PORTAL, send } from "./auth-helpers.ts"
import { engines, type TestDatabase } from "./engines.ts"

configure("error", false)

const CLIENT_ID = "smartfam-portal"
const CLIENT_SECRET = "a-client-secret-long-enough-for-hs256-and-friends"
const REDIRECT = "http://127.0.0.1:3000/api/v1/auth/oidc/callback"
/** The nonce the portal keeps in the browser that starts the login. */
const NONCE = "a-nonce-the-portal-keeps-in-this-browser-cookie"

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
    const start = await h.app.request(`/api/v1/auth/oidc/start?binding=${oidcBinding(NONCE)}`)
    expect(start.status).toBe(302)
    const state = cookieFrom(start, "smartfam_oidc")!
    const binding = cookieFrom(start, "smartfam_oidc_binding")!
    expect(state.attributes).toEqual(
      expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/api/v1/auth/oidc"])
    )
    const authorize = new URL(start.headers.get("location")!)
    expect(authorize.origin).toBe(provider.issuer)
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256")
    expect(authorize.searchParams.get("state")).toMatch(/.+/)
    const back = await browseProvider(authorize.href, subject)
    return h.app.request(`${back.pathname}${back.search}`, { headers: { cookie: `${state.pair}; ${binding.pair}` } })
  }
  const me = (cookie: string) => h.app.request("/api/v1/auth/me", { headers: { cookie } })
  /** Where the callback sent the browser: the portal's landing, with `code` or `errore`. */
  const landing = (res: Response) => {
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get("location")!)
    expect(`${to.origin}${to.pathname}`).toBe(`${PORTAL}/accedi/identita-digitale`)
    // The session is the portal's: the API's origin gets no cookie.
    expect(cookieFrom(res, "smartfam_session")).toBeUndefined()
    return to.searchParams
  }
  /** The portal's server exchanging the code for a session. */
  const exchange = (code: string, nonce = NONCE) => send(h, "POST", "/api/v1/auth/oidc/exchange", { token: code, nonce })
  /** The whole login: provider, callback, exchange; the session cookie's pair. */
  const sessionAs = async (subject: string) => {
    const code = landing(await loginAs(subject)).get("code")!
    const res = await exchange(code)
    expect(res.status).toBe(200)
    return cookieFrom(res, "smartfam_session")!
  }

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

  it("logs a new person in through the provider, creates a verified family account, hands the login to the portal", async () => {
    const res = await loginAs("RSSMRA80A01F205X")
    const params = landing(res)
    expect(params.get("code")).toMatch(/^[\w-]{40,}$/)
    // The state cookie is spent.
    expect(cookieFrom(res, "smartfam_oidc")?.attributes).toEqual(expect.arrayContaining(["Max-Age=0"]))
    const exchanged = await exchange(params.get("code")!)
    expect(exchanged.status).toBe(200)
    const session = cookieFrom(exchanged, "smartfam_session")!
    expect(session.attributes).toEqual(expect.arrayContaining(["HttpOnly", "Secure", "SameSite=Lax"]))
    const who = await me(session.pair)
    expect(who.status).toBe(200)
    const account = (await who.json()) as { id: string }
    expect(account).toMatchObject({
      email: "mario.rossi@spid.example",
      role: "family",
      emailVerified: true,
      displayName: "Mario Rossi"
    })
    // A code works once.
    const twice = await exchange(params.get("code")!)
    expect(twice.status).toBe(401)
    expect(await twice.json()).toMatchObject({ _tag: "Unauthorized" })

    // The same person again: the same account.
    expect(await (await me((await sessionAs("RSSMRA80A01F205X")).pair)).json()).toMatchObject({ id: account.id })
  })

  it("binds the code to the browser that started the login: another browser's nonce logs nobody in", async () => {
    const code = landing(await loginAs("RSSMRA80A01F205X")).get("code")!
    // Sent to a victim whose portal cookie holds another nonce (or none): refused, and the code not spent.
    expect((await exchange(code, "the-victims-own-nonce-from-another-login-attempt")).status).toBe(401)
    expect((await exchange(code)).status).toBe(200)
    // A login not started by the portal (no binding) is refused before the provider is asked.
    const unbound = await h.app.request("/api/v1/auth/oidc/start")
    expect(unbound.status).toBe(400)
    expect(await unbound.json()).toMatchObject({ _tag: "ValidationError", issues: [{ path: "binding" }] })
  })

  it("gives the portal two minutes to exchange a code, and refuses made-up ones", async () => {
    const code = landing(await loginAs("RSSMRA80A01F205X")).get("code")!
    h.clock.advance(3 * 60_000)
    try {
      expect((await exchange(code)).status).toBe(401)
    } finally {
      h.clock.advance(-3 * 60_000)
    }
    expect((await exchange("a-made-up-code-that-was-never-issued")).status).toBe(401)
    expect((await send(h, "POST", "/api/v1/auth/oidc/exchange", {})).status).toBe(400)
  })

  it("says whether the SPID/CIE login is offered", async () => {
    expect(await (await h.app.request("/api/v1/auth/oidc")).json()).toEqual({ enabled: true })
  })

  it("links the identity to an existing family account with the same email", async () => {
    const reg = await send(h, "POST", "/api/v1/auth/register", {
      email: "Lucia.Verdi@spid.example",
      password: "una-password-lunga"
    })
    const { id } = (await reg.json()) as { id: string }
    expect(await (await me((await sessionAs("VRDLCU85B41F205Y")).pair)).json()).toMatchObject({
      id,
      emailVerified: true
    })
  })

  it("refuses to take over a staff account with the same email, telling the portal why", async () => {
    await h.runtime.runPromise(
      Accounts.use((a) =>
        a.createStaff({
          email: "coordinamento.oidc@spid.example",
          password: "una-password-lunga",
          role: "coordinator"
        })
      )
    )
    const params = landing(await loginAs("BNCSTF70C10F205Z"))
    expect(params.get("errore")).toBe("oidc-email-taken")
    expect(params.get("code")).toBeNull()
  })

  it("refuses an identity without an email, telling the portal why", async () => {
    const params = landing(await loginAs("NOEMAIL00A01F205"))
    expect(params.get("errore")).toBe("oidc-no-email")
  })

  it("refuses a callback without the state cookie, with a forged one, or with a stale one", async () => {
    const start = await h.app.request(`/api/v1/auth/oidc/start?binding=${oidcBinding(NONCE)}`)
    const state = cookieFrom(start, "smartfam_oidc")!
    // The binding cookie goes along every time: only the state is wrong.
    const binding = cookieFrom(start, "smartfam_oidc_binding")!.pair
    const back = await browseProvider(start.headers.get("location")!, "RSSMRA80A01F205X")
    const path = `${back.pathname}${back.search}`
    const refused = (res: Response) => expect(landing(res).get("errore")).toBe("oidc-failed")

    refused(await h.app.request(path))
    const [payload] = state.value.split(".")
    refused(await h.app.request(path, { headers: { cookie: `smartfam_oidc=${payload}.AAAA; ${binding}` } }))
    // Another login's state does not fit this answer.
    const other = cookieFrom(await h.app.request(`/api/v1/auth/oidc/start?binding=${oidcBinding(NONCE)}`), "smartfam_oidc")!
    refused(await h.app.request(path, { headers: { cookie: `${other.pair}; ${binding}` } }))
    h.clock.advance(11 * 60_000)
    try {
      refused(await h.app.request(path, { headers: { cookie: `${state.pair}; ${binding}` } }))
    } finally {
      h.clock.advance(-11 * 60_000)
    }
    // The provider reporting an error is refused too.
    refused(await h.app.request(`/api/v1/auth/oidc/callback?error=access_denied&state=x`, { headers: { cookie: `${state.pair}; ${binding}` } }))
    // And the right state without the binding cookie is refused too.
    const fresh = await h.app.request(`/api/v1/auth/oidc/start?binding=${oidcBinding(NONCE)}`)
    const freshBack = await browseProvider(fresh.headers.get("location")!, "RSSMRA80A01F205X")
    refused(await h.app.request(`${freshBack.pathname}${freshBack.search}`, { headers: { cookie: cookieFrom(fresh, "smartfam_oidc")!.pair } }))
  })

  it("answers 404 with a clear body when OIDC is not configured", async () => {
    const plain = harness(db)
    try {
      expect(await (await plain.app.request("/api/v1/auth/oidc")).json()).toEqual({ enabled: false })
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
