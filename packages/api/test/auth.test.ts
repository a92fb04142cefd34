import crypto from "node:crypto"
import { Effect } from "effect"
import { Hono } from "hono"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_PASSWORD, demoAccounts, seedAccounts } from "../src/db/demoAccounts.ts"
import { requireAccount, requireVerified, session } from "../src/http/auth.ts"
import type { AppEnv } from "../src/http/env.ts"
import { configure } from "../src/http/log.ts"
import { Accounts } from "../src/services/Accounts.ts"
import { Database } from "../src/services/Database.ts"
import {
  cookieFrom,
  emailsTo,
  type Harness,
  harness,
  PORTAL,
  send,
  START,
  tokenFromLastEmail
} from "./auth-helpers.ts"
import { engines, type TestDatabase } from "./engines.ts"

configure("error", false)

const DAY = 86_400_000
const PASSWORD = "una-password-lunga"

describe.each(engines)("accounts and sessions on %s", (_name, open) => {
  let db: TestDatabase
  let h: Harness
  let n = 0
  /** A fresh address per test, so tests do not depend on each other's accounts. */
  const email = (label: string) => `${label}.${++n}@famiglie.example`

  /** Registers, verifies from the emailed link, logs in: returns the session cookie pair. */
  const verifiedFamily = async (address: string, password = PASSWORD) => {
    expect((await send(h, "POST", "/api/v1/auth/register", { email: address, password })).status).toBe(201)
    const token = tokenFromLastEmail(h.outbox, address, "verifica-email")
    expect((await send(h, "POST", "/api/v1/auth/verify-email", { token })).status).toBe(200)
    return login(address, password)
  }
  const login = async (address: string, password = PASSWORD) => {
    const res = await send(h, "POST", "/api/v1/auth/login", { email: address, password })
    expect(res.status).toBe(200)
    return cookieFrom(res, "smartfam_session")!.pair
  }
  const me = (cookie?: string) => send(h, "GET", "/api/v1/auth/me", undefined, cookie)
  const rows = <A>(f: (kysely: Database["Service"]["kysely"]) => Promise<A>) =>
    h.runtime.runPromise(Database.use(({ kysely }) => Effect.promise(() => f(kysely))))

  beforeAll(async () => {
    db = await open()
    h = harness(db)
  })
  afterAll(async () => {
    await h.close()
    await db.drop()
  })

  it("registers, emails a link (Italian first), verifies, logs in and answers me", async () => {
    const address = email("anna")
    const reg = await send(h, "POST", "/api/v1/auth/register", {
      email: address,
      password: PASSWORD,
      displayName: "Anna Verdi"
    })
    expect(reg.status).toBe(201)
    const account = (await reg.json()) as Record<string, unknown>
    expect(account).toMatchObject({
      email: address,
      role: "family",
      emailVerified: false,
      partnerId: null,
      displayName: "Anna Verdi"
    })
    expect(account).not.toHaveProperty("password_hash")

    const [mail] = emailsTo(h.outbox, address)
    expect(mail?.subject).toContain("Conferma il tuo indirizzo email")
    expect(mail!.text.indexOf("Per confermare")).toBeLessThan(mail!.text.indexOf("To confirm"))
    expect(mail!.text).toContain(`${PORTAL}/verifica-email?token=`)
    const token = tokenFromLastEmail(h.outbox, address, "verifica-email")
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const verified = await send(h, "POST", "/api/v1/auth/verify-email", { token })
    expect(verified.status).toBe(200)
    expect(await verified.json()).toMatchObject({ email: address, emailVerified: true })
    // A link works once.
    const again = await send(h, "POST", "/api/v1/auth/verify-email", { token })
    expect(again.status).toBe(401)
    expect(await again.json()).toMatchObject({
      _tag: "Unauthorized",
      message: expect.stringContaining("Collegamento non valido")
    })

    const res = await send(h, "POST", "/api/v1/auth/login", { email: address, password: PASSWORD })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { account: { id: string }; expiresAt: string }
    expect(body.account.id).toBe(account["id"])
    expect(body.expiresAt).toBe(new Date(START.getTime() + 30 * DAY).toISOString())
    const cookie = cookieFrom(res, "smartfam_session")!
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(["HttpOnly", "Secure", "SameSite=Lax", "Path=/"])
    )

    const who = await me(cookie.pair)
    expect(who.status).toBe(200)
    expect(await who.json()).toMatchObject({
      id: account["id"],
      email: address,
      role: "family",
      emailVerified: true
    })
    // The apps' server code may send the token as a bearer instead of the cookie.
    const bearer = await h.app.request("/api/v1/auth/me", {
      headers: { authorization: `Bearer ${cookie.value}` }
    })
    expect(bearer.status).toBe(200)
  })

  it("stores only hashes: argon2id for passwords, SHA-256 for session tokens", async () => {
    const address = email("hash")
    const cookie = await verifiedFamily(address)
    const token = cookie.split("=")[1]!
    const account = await rows((k) =>
      k.selectFrom("accounts").selectAll().where("email", "=", address).executeTakeFirstOrThrow()
    )
    expect(account.password_hash).toMatch(/^\$argon2id\$/)
    const sessions = await rows((k) =>
      k.selectFrom("auth_sessions").selectAll().where("account_id", "=", account.id).execute()
    )
    expect(sessions.map((s) => s.id)).toEqual([crypto.createHash("sha256").update(token).digest("hex")])
  })

  it("lower-cases the email, so any case logs in and a second case is a duplicate", async () => {
    const address = email("Mario.Rossi")
    const reg = await send(h, "POST", "/api/v1/auth/register", {
      email: address.toUpperCase(),
      password: PASSWORD
    })
    expect(reg.status).toBe(201)
    expect(((await reg.json()) as { email: string }).email).toBe(address.toLowerCase())
    await login(address)
    const dup = await send(h, "POST", "/api/v1/auth/register", {
      email: address,
      password: "un'altra-password"
    })
    expect(dup.status).toBe(409)
    expect(await dup.json()).toMatchObject({
      _tag: "Conflict",
      code: "email-taken",
      message: expect.stringContaining("Esiste già")
    })
  })

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const address = email("wrong")
    await verifiedFamily(address)
    const wrong = await send(h, "POST", "/api/v1/auth/login", {
      email: address,
      password: "password-sbagliata"
    })
    const unknown = await send(h, "POST", "/api/v1/auth/login", {
      email: email("nobody"),
      password: PASSWORD
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const body = await wrong.json()
    expect(body).toEqual({
      _tag: "Unauthorized",
      message: "Email o password non corretti (wrong email or password)"
    })
    expect(await unknown.json()).toEqual(body)
    expect(cookieFrom(wrong, "smartfam_session")).toBeUndefined()
  })

  it("answers me without a session, or with a made-up one, with 401", async () => {
    expect((await me()).status).toBe(401)
    const res = await me("smartfam_session=not-a-real-token")
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({
      _tag: "Unauthorized",
      message: expect.stringContaining("Accesso richiesto")
    })
  })

  describe("bad bodies get a structured 400 with field paths", () => {
    const issuesOf = async (res: Response) => {
      expect(res.status).toBe(400)
      const body = (await res.json()) as {
        _tag: string
        message: string
        issues: Array<{ path: string; message: string }>
      }
      expect(body._tag).toBe("ValidationError")
      expect(body.message).toMatch(/^Dati non validi/)
      return body.issues
    }

    it("missing fields", async () => {
      const issues = await issuesOf(await send(h, "POST", "/api/v1/auth/register", {}))
      expect(issues.map((i) => i.path).sort()).toEqual(["email", "password"])
    })
    it("wrong types", async () => {
      const issues = await issuesOf(
        await send(h, "POST", "/api/v1/auth/login", { email: 42, password: true })
      )
      expect(issues.map((i) => i.path).sort()).toEqual(["email", "password"])
    })
    it("a password under the policy, with the reason in Italian", async () => {
      const issues = await issuesOf(
        await send(h, "POST", "/api/v1/auth/register", { email: email("short"), password: "corta" })
      )
      expect(issues).toEqual([
        { path: "password", message: "La password deve avere almeno 10 caratteri (at least 10 characters)" }
      ])
    })
    it("values too long", async () => {
      const issues = await issuesOf(
        await send(h, "POST", "/api/v1/auth/register", {
          email: `${"a".repeat(250)}@x.example`,
          password: PASSWORD,
          displayName: "x".repeat(101)
        })
      )
      expect(issues.map((i) => i.path).sort()).toEqual(["displayName", "email"])
    })
    it("a malformed email and a body that is not an object", async () => {
      expect(
        (
          await issuesOf(
            await send(h, "POST", "/api/v1/auth/password-reset/request", { email: "not-an-email" })
          )
        ).map((i) => i.path)
      ).toEqual(["email"])
      expect(
        (await issuesOf(await send(h, "POST", "/api/v1/auth/verify-email", []))).map((i) => i.path)
      ).toEqual([""])
      expect(
        (await issuesOf(await send(h, "POST", "/api/v1/auth/password-reset/confirm", { token: "" })))
          .map((i) => i.path)
          .sort()
      ).toEqual(["password", "token"])
    })
    it("malformed JSON is a 400 BadRequest, not a 500", async () => {
      const res = await send(h, "POST", "/api/v1/auth/login", '{"email": "a@b.it", ')
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({
        _tag: "BadRequest",
        message: expect.stringContaining("Richiesta non valida")
      })
    })
    it("a body that is not declared JSON is a structured 4xx", async () => {
      const res = await h.app.request("/api/v1/auth/login", { method: "POST", body: "email=a@b.it&password=x", headers: { "content-type": "application/x-www-form-urlencoded" } })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(await res.json()).toMatchObject({ _tag: expect.any(String), message: expect.any(String) })
    })
    it("a body over the limit is a 413", async () => {
      const res = await send(h, "POST", "/api/v1/auth/register", {
        email: email("big"),
        password: "x".repeat(5000)
      })
      expect(res.status).toBe(413)
      expect(await res.json()).toMatchObject({ _tag: "PayloadTooLarge" })
    })
  })

  it("lets an unverified family log in, and sends a new link on request", async () => {
    const address = email("unverified")
    await send(h, "POST", "/api/v1/auth/register", { email: address, password: PASSWORD })
    const cookie = await login(address)
    expect(await (await me(cookie)).json()).toMatchObject({ emailVerified: false })
    const first = tokenFromLastEmail(h.outbox, address, "verifica-email")
    const resend = await send(h, "POST", "/api/v1/auth/verify-email/resend", undefined, cookie)
    expect(resend.status).toBe(202)
    expect(emailsTo(h.outbox, address)).toHaveLength(2)
    const second = tokenFromLastEmail(h.outbox, address, "verifica-email")
    expect(second).not.toBe(first)
    expect((await send(h, "POST", "/api/v1/auth/verify-email", { token: second })).status).toBe(200)
    expect(await (await me(cookie)).json()).toMatchObject({ emailVerified: true })
    // Once verified, asking again sends nothing.
    await send(h, "POST", "/api/v1/auth/verify-email/resend", undefined, cookie)
    expect(emailsTo(h.outbox, address)).toHaveLength(2)
  })

  it("expires a verification link after 48 hours", async () => {
    const address = email("late")
    await send(h, "POST", "/api/v1/auth/register", { email: address, password: PASSWORD })
    const token = tokenFromLastEmail(h.outbox, address, "verifica-email")
    h.clock.advance(48 * 3_600_000 + 1)
    try {
      expect((await send(h, "POST", "/api/v1/auth/verify-email", { token })).status).toBe(401)
    } finally {
      h.clock.set(START)
    }
  })

  it("logs out: the session ends and the cookie is cleared", async () => {
    const address = email("logout")
    const cookie = await verifiedFamily(address)
    const res = await send(h, "POST", "/api/v1/auth/logout", undefined, cookie)
    expect(res.status).toBe(204)
    expect(cookieFrom(res, "smartfam_session")?.attributes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Max-Age=0$/)])
    )
    expect((await me(cookie)).status).toBe(401)
    // Logging out without a session is fine too.
    expect((await send(h, "POST", "/api/v1/auth/logout")).status).toBe(204)
  })

  it("resets a password from the emailed link and closes every other session", async () => {
    const address = email("reset")
    const laptop = await verifiedFamily(address)
    const phone = await login(address)

    const unknown = await send(h, "POST", "/api/v1/auth/password-reset/request", { email: email("ghost") })
    const known = await send(h, "POST", "/api/v1/auth/password-reset/request", {
      email: address.toUpperCase()
    })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(await unknown.json()).toEqual(await known.json())

    const mail = emailsTo(h.outbox, address).at(-1)!
    expect(mail.subject).toContain("Reimposta la password")
    expect(mail.text.indexOf("Per scegliere")).toBeLessThan(mail.text.indexOf("To choose"))
    const token = tokenFromLastEmail(h.outbox, address, "reimposta-password")

    // A password under the policy is refused without spending the link.
    const short = await send(h, "POST", "/api/v1/auth/password-reset/confirm", { token, password: "corta" })
    expect(short.status).toBe(400)
    const done = await send(h, "POST", "/api/v1/auth/password-reset/confirm", {
      token,
      password: "una-nuova-password"
    })
    expect(done.status).toBe(200)
    expect(await done.json()).toMatchObject({ email: address })

    expect((await me(laptop)).status).toBe(401)
    expect((await me(phone)).status).toBe(401)
    expect((await send(h, "POST", "/api/v1/auth/login", { email: address, password: PASSWORD })).status).toBe(
      401
    )
    await login(address, "una-nuova-password")
    expect(
      (await send(h, "POST", "/api/v1/auth/password-reset/confirm", { token, password: "ancora-un-altra" }))
        .status
    ).toBe(401)
  })

  it("expires a reset link after an hour", async () => {
    const address = email("slow")
    await verifiedFamily(address)
    await send(h, "POST", "/api/v1/auth/password-reset/request", { email: address })
    const token = tokenFromLastEmail(h.outbox, address, "reimposta-password")
    h.clock.advance(3_600_000 + 1)
    try {
      expect(
        (
          await send(h, "POST", "/api/v1/auth/password-reset/confirm", {
            token,
            password: "una-nuova-password"
          })
        ).status
      ).toBe(401)
    } finally {
      h.clock.set(START)
    }
  })

  it("ends a session after 30 days (manual clock)", async () => {
    const cookie = await verifiedFamily(email("old"))
    try {
      h.clock.advance(30 * DAY - 1_000)
      expect((await me(cookie)).status).toBe(200)
      h.clock.advance(1_000)
      expect((await me(cookie)).status).toBe(401)
    } finally {
      h.clock.set(START)
    }
  })

  it("limits login attempts per email, registered or not, with 429 and Retry-After, until the window ends", async () => {
    const address = email("guess")
    await verifiedFamily(address)
    const unknown = email("nobody")
    try {
      for (let i = 0; i < 9; i++) {
        expect((await send(h, "POST", "/api/v1/auth/login", { email: address, password: `wrong-${i}-password` })).status).toBe(401)
        expect((await send(h, "POST", "/api/v1/auth/login", { email: unknown, password: `wrong-${i}-password` })).status).toBe(401)
      }
      // The 11th try (verifiedFamily logged in once) is refused even with the right password, and an
      // unknown address gets the same answer: a 429 tells nothing about who is registered.
      expect((await send(h, "POST", "/api/v1/auth/login", { email: unknown, password: "wrong-again-pw" })).status).toBe(401)
      for (const who of [address.toUpperCase(), unknown]) {
        const res = await send(h, "POST", "/api/v1/auth/login", { email: who, password: PASSWORD })
        expect(res.status).toBe(429)
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0)
        expect(await res.json()).toMatchObject({ _tag: "TooManyRequests", message: expect.stringMatching(/^Troppi tentativi/) })
      }
      // Other addresses are not affected; the next window lets the family in.
      expect((await send(h, "POST", "/api/v1/auth/login", { email: email("other"), password: PASSWORD })).status).toBe(401)
      h.clock.advance(15 * 60_000)
      expect((await send(h, "POST", "/api/v1/auth/login", { email: address, password: PASSWORD })).status).toBe(200)
    } finally {
      h.clock.set(START)
    }
  })

  it("sends at most three reset emails an hour to one address", async () => {
    const address = email("bombed")
    await verifiedFamily(address)
    const before = emailsTo(h.outbox, address).length
    for (let i = 0; i < 3; i++) expect((await send(h, "POST", "/api/v1/auth/password-reset/request", { email: address })).status).toBe(202)
    const refused = await send(h, "POST", "/api/v1/auth/password-reset/request", { email: address })
    expect(refused.status).toBe(429)
    expect(emailsTo(h.outbox, address).length).toBe(before + 3)
    const rows = await h.runtime.runPromise(Database.use(({ kysely }) => Effect.promise(() => kysely.selectFrom("rate_limits").select("key").execute())))
    expect(rows.some((r) => r.key.includes(address) || r.key.includes("bombed"))).toBe(false)
  })

  it("housekeeping deletes expired sessions and links, and keeps live ones", async () => {
    const cookie = await verifiedFamily(email("tidy"))
    const sessions = () => rows((k) => k.selectFrom("auth_sessions").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).then((r) => Number(r.n))
    const tokens = () => rows((k) => k.selectFrom("email_tokens").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).then((r) => Number(r.n))
    try {
      const live = await sessions()
      // A day on, only links have expired (reset links last an hour): every session stays.
      await h.runtime.runPromise(Accounts.use((a) => a.purgeExpired(new Date(START.getTime() + DAY))))
      expect(await sessions()).toBe(live)
      expect((await me(cookie)).status).toBe(200)
      // 31 days on, every session of this suite and every link has expired.
      h.clock.advance(31 * DAY)
      const removed = await h.runtime.runPromise(Accounts.use((a) => a.purgeExpired(new Date(START.getTime() + 31 * DAY))))
      expect(removed).toBeGreaterThanOrEqual(live)
      expect(await sessions()).toBe(0)
      expect(await tokens()).toBe(0)
      expect((await me(cookie)).status).toBe(401)
    } finally {
      h.clock.set(START)
    }
  })

  describe("role guards", () => {
    /** A small app behind the same session middleware, with a staff-only and a verified-only route. */
    const guarded = () =>
      new Hono<AppEnv>()
        .use(async (c, next) => {
          c.set("run", (effect) => h.runtime.runPromise(Effect.result(effect)))
          await next()
        })
        .use(session())
        .get("/staff", requireAccount("operator", "coordinator", "comune", "admin"), (c) =>
          c.json({ ok: true })
        )
        .get("/book", requireAccount("family"), requireVerified(), (c) => c.json({ ok: true }))
    const get = (path: string, cookie?: string) =>
      guarded().request(path, cookie === undefined ? {} : { headers: { cookie } })

    it("refuses a family on a staff-only route with 403, lets staff in, and asks strangers to log in", async () => {
      const family = await verifiedFamily(email("family"))
      const forbidden = await get("/staff", family)
      expect(forbidden.status).toBe(403)
      expect(await forbidden.json()).toMatchObject({
        _tag: "Forbidden",
        message: expect.stringContaining("Non hai i permessi")
      })
      expect((await get("/staff")).status).toBe(401)

      const staff = email("coordinatrice")
      await h.runtime.runPromise(
        Accounts.use((a) => a.createStaff({ email: staff, password: PASSWORD, role: "coordinator" }))
      )
      const cookie = await login(staff)
      expect((await get("/staff", cookie)).status).toBe(200)
      expect((await get("/book", cookie)).status).toBe(403)
    })

    it("lets only verified families past requireVerified", async () => {
      const address = email("booker")
      await send(h, "POST", "/api/v1/auth/register", { email: address, password: PASSWORD })
      const cookie = await login(address)
      const refused = await get("/book", cookie)
      expect(refused.status).toBe(403)
      expect(await refused.json()).toMatchObject({
        _tag: "Forbidden",
        message: expect.stringContaining("Conferma il tuo indirizzo email")
      })
      await send(h, "POST", "/api/v1/auth/verify-email", {
        token: tokenFromLastEmail(h.outbox, address, "verifica-email")
      })
      expect((await get("/book", cookie)).status).toBe(200)
    })
  })

  it("requires a partner for an operator and applies the password policy to staff", async () => {
    const noPartner = await h.runtime.runPromise(
      Effect.flip(
        Accounts.use((a) => a.createStaff({ email: email("op"), password: PASSWORD, role: "operator" }))
      )
    )
    expect(noPartner).toMatchObject({ _tag: "ValidationError", issues: [{ path: "partnerId" }] })
    const weak = await h.runtime.runPromise(
      Effect.flip(
        Accounts.use((a) => a.createStaff({ email: email("op"), password: "corta", role: "admin" }))
      )
    )
    expect(weak).toMatchObject({ _tag: "ValidationError", issues: [{ path: "password" }] })
  })

  it("seeds the demo accounts once, each able to log in with the demo password", async () => {
    const created = await h.runtime.runPromise(seedAccounts)
    expect(created).toEqual(demoAccounts.map((a) => a.email))
    expect(await h.runtime.runPromise(seedAccounts)).toEqual([])
    const roles = demoAccounts.map((a) => a.role)
    expect(roles.filter((r) => r === "operator")).toHaveLength(3)
    expect(roles.filter((r) => r === "family")).toHaveLength(3)
    expect(new Set(roles)).toEqual(new Set(["family", "operator", "coordinator", "comune", "admin"]))
    const operator = demoAccounts.find((a) => a.role === "operator")!
    const res = await send(h, "POST", "/api/v1/auth/login", {
      email: operator.email,
      password: DEMO_PASSWORD
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { account: unknown }).account).toMatchObject({
      role: "operator",
      partnerId: operator.partnerId,
      emailVerified: true
    })
    const family = demoAccounts.find((a) => a.role === "family")!
    const fam = await send(h, "POST", "/api/v1/auth/login", { email: family.email, password: DEMO_PASSWORD })
    expect(((await fam.json()) as { account: unknown }).account).toMatchObject({
      role: "family",
      emailVerified: true
    })
  })

  it("erases an account with its sessions", async () => {
    const address = email("erase")
    const cookie = await verifiedFamily(address)
    const { id } = (await (await me(cookie)).json()) as { id: string }
    await h.runtime.runPromise(Accounts.use((a) => a.erase(id)))
    expect((await me(cookie)).status).toBe(401)
    expect(
      await rows((k) => k.selectFrom("auth_sessions").select("id").where("account_id", "=", id).execute())
    ).toEqual([])
    expect(await h.runtime.runPromise(Effect.flip(Accounts.use((a) => a.erase(id))))).toMatchObject({
      _tag: "NotFound"
    })
  })
})
