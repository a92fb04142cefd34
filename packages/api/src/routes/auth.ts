/**
 * Accounts and sessions: register, verify the email, log in and out, who am I, password reset, and the
 * OIDC login (SPID/CIE gateways) when configured. The session is an HttpOnly, SameSite=Lax cookie whose
 * value is a random token; only its hash is stored.
 *
 * Verification policy: an unverified family can log in (to see their profile and ask for a new link);
 * routes that book call `requireVerified()` after `requireAccount(...)`.
 */
import { Effect, Option, Schema } from "effect"
import { Hono } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import {
  accountOf,
  clearSessionCookie,
  requireAccount,
  sessionToken,
  setSessionCookie
} from "../http/auth.ts"
import type { AppEnv } from "../http/env.ts"
import { problem } from "../http/errors.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { clientAddress, trustedSet } from "../http/edge.ts"
import { validate } from "../http/validate.ts"
import { Accounts, normalizeEmail, PASSWORD_MAX, PASSWORD_MIN } from "../services/Accounts.ts"
import { Clock } from "../services/Clock.ts"
import { RateLimits, type Rule, rules } from "../services/RateLimits.ts"
import { Oidc, STATE_TTL_MS } from "../services/Oidc.ts"

export interface AuthOptions {
  /** Sets `Secure` on the cookies (off only for plain-http development on loopback). */
  readonly cookieSecure: boolean
  /** Where the browser lands after an OIDC login. */
  readonly portalUrl: string
  /** Peers whose `X-Forwarded-For` names the client (config SMARTFAM_TRUSTED_PROXIES); default loopback. */
  readonly trustedProxies?: ReadonlyArray<string>
}

const OIDC_COOKIE = "smartfam_oidc"
/** The portal's binding of the login to the browser that started it, kept until the callback. */
const OIDC_BINDING_COOKIE = "smartfam_oidc_binding"
/** A binding: a SHA-256 in base64url. */
const BINDING = /^[\w-]{43}$/
/** How an OIDC login ends on the portal: a code to exchange for a session, or why not. */
type Landing = { readonly code: string } | { readonly error: string }
const OIDC_PATH = "/api/v1/auth/oidc"

const Email = Schema.String.pipe(
  Schema.check(
    Schema.isMaxLength(254, {
      message: "L'email può avere al massimo 254 caratteri (at most 254 characters)"
    }),
    Schema.isPattern(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, {
      message: "Indirizzo email non valido (invalid email address)"
    })
  )
)
const NewPassword = Schema.String.pipe(
  Schema.check(
    Schema.isMinLength(PASSWORD_MIN, {
      message: `La password deve avere almeno ${PASSWORD_MIN} caratteri (at least ${PASSWORD_MIN} characters)`
    }),
    Schema.isMaxLength(PASSWORD_MAX, {
      message: `La password può avere al massimo ${PASSWORD_MAX} caratteri (at most ${PASSWORD_MAX} characters)`
    })
  )
)
const Token = Schema.String.pipe(
  Schema.check(
    Schema.isMinLength(1, { message: "Codice mancante (missing token)" }),
    Schema.isMaxLength(200, { message: "Codice non valido (invalid token)" })
  )
)

/** POST /register */
export const RegisterBody = Schema.Struct({
  email: Email,
  password: NewPassword,
  displayName: Schema.optionalKey(
    Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100)))
  )
}).annotate({ identifier: "RegisterBody" })
/** POST /login */
export const LoginBody = Schema.Struct({
  email: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(254))),
  password: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(PASSWORD_MAX)))
}).annotate({ identifier: "LoginBody" })
/** POST /verify-email */
export const TokenBody = Schema.Struct({ token: Token }).annotate({ identifier: "TokenBody" })
/** POST /oidc/exchange: the code from the landing address and the nonce the portal kept in the browser. */
export const OidcExchangeBody = Schema.Struct({ token: Token, nonce: Token }).annotate({ identifier: "OidcExchangeBody" })
/** POST /password-reset/request */
export const ResetRequestBody = Schema.Struct({ email: Email }).annotate({ identifier: "ResetRequestBody" })
/** POST /password-reset/confirm */
export const ResetConfirmBody = Schema.Struct({ token: Token, password: NewPassword }).annotate({
  identifier: "ResetConfirmBody"
})

/** An account as the API returns it. */
export const AccountBody = Schema.Struct({
  id: Schema.String,
  email: Schema.String,
  role: Schema.Literals(["family", "operator", "coordinator", "comune", "admin"]),
  partnerId: Schema.NullOr(Schema.String),
  emailVerified: Schema.Boolean,
  displayName: Schema.NullOr(Schema.String)
}).annotate({ identifier: "Account" })
const LoginResponse = Schema.Struct({ account: AccountBody, expiresAt: Schema.String }).annotate({
  identifier: "LoginResponse"
})
const MessageBody = Schema.Struct({ message: Schema.String }).annotate({ identifier: "Message" })
const OidcStatusBody = Schema.Struct({ enabled: Schema.Boolean }).annotate({ identifier: "OidcStatus" })

const oidcDisabled = {
  _tag: "NotFound",
  message:
    "Accesso con identità digitale (SPID/CIE) non configurato su questo server (OIDC login is not configured: set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI)"
} as const

/**
 * Runs `effect` once `subject` is within `rule`'s limit. The count is per email whether or not an account
 * has it, so a 429 says nothing about which addresses are registered.
 */
const limited = <A, E, R>(rule: Rule, subject: string, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    yield* (yield* RateLimits).hit(rule, subject, now)
    return yield* effect
  })

/** The auth routes, mounted at `/api/v1/auth`. */
export const auth = (options: AuthOptions) => {
  const trusted = trustedSet(options.trustedProxies)
  return new Hono<AppEnv>()
    .post("/register", validate("json", RegisterBody), async (c) => {
      const result = await c.get("run")(Accounts.use((a) => a.register(c.req.valid("json"))))
      if (result._tag === "Failure") return problem(c, result.failure)
      return c.json(result.success, 201)
    })
    .post("/verify-email", validate("json", TokenBody), async (c) => {
      const result = await c.get("run")(Accounts.use((a) => a.verifyEmail(c.req.valid("json").token)))
      if (result._tag === "Failure") return problem(c, result.failure)
      return c.json(result.success, 200)
    })
    .post("/verify-email/resend", requireAccount(), async (c) => {
      const id = accountOf(c).id
      const result = await c.get("run")(limited(rules.verificationEmail, id, Accounts.use((a) => a.resendVerification(id))))
      if (result._tag === "Failure") return problem(c, result.failure)
      return c.json(
        {
          message:
            "Se l'email non è ancora confermata, ti abbiamo inviato un nuovo collegamento (link sent if not yet verified)"
        },
        202
      )
    })
    .post("/login", validate("json", LoginBody), async (c) => {
      const body = c.req.valid("json")
      const byEmail = limited(rules.login, normalizeEmail(body.email), Accounts.use((a) => a.login(body)))
      const address = clientAddress(c, trusted)
      const result = await c.get("run")(
        address === undefined
          ? byEmail
          : Effect.gen(function* () {
              const now = yield* (yield* Clock).now
              const limits = yield* RateLimits
              yield* limits.check(rules.loginAddress, address, now)
              // Only failed attempts count against the address.
              return yield* byEmail.pipe(Effect.tapError((e) => (e._tag === "Unauthorized" ? Effect.ignore(limits.hit(rules.loginAddress, address, now)) : Effect.void)))
            })
      )
      if (result._tag === "Failure") return problem(c, result.failure)
      const { account, token, expiresAt } = result.success
      setSessionCookie(c, token, expiresAt, options.cookieSecure)
      return c.json({ account, expiresAt: expiresAt.toISOString() }, 200)
    })
    .post("/logout", async (c) => {
      const token = sessionToken(c)
      if (token !== undefined) await c.get("run")(Accounts.use((a) => a.logout(token)))
      clearSessionCookie(c)
      return c.body(null, 204)
    })
    .get("/me", requireAccount(), (c) => c.json(accountOf(c), 200))
    .post("/password-reset/request", validate("json", ResetRequestBody), async (c) => {
      const { email } = c.req.valid("json")
      const result = await c.get("run")(limited(rules.resetEmail, normalizeEmail(email), Accounts.use((a) => a.requestPasswordReset(email))))
      if (result._tag === "Failure") return problem(c, result.failure)
      return c.json(
        {
          message:
            "Se l'indirizzo è registrato, ti abbiamo inviato un collegamento per reimpostare la password (if registered, a link was sent)"
        },
        202
      )
    })
    .post("/password-reset/confirm", validate("json", ResetConfirmBody), async (c) => {
      const result = await c.get("run")(Accounts.use((a) => a.resetPassword(c.req.valid("json"))))
      if (result._tag === "Failure") return problem(c, result.failure)
      // Every session of the account was closed, this browser's too: log in again with the new password.
      clearSessionCookie(c)
      return c.json(result.success, 200)
    })
    .get("/oidc/start", async (c) => {
      const result = await c.get("run")(
        Oidc.use((oidc) => (oidc.enabled ? Effect.map(oidc.start(), Option.some) : Effect.succeedNone))
      )
      if (result._tag === "Failure" || Option.isNone(result.success)) return c.json(oidcDisabled, 404)
      // The portal's binding for this browser (the hash of a nonce it keeps in a cookie of its own).
      const binding = c.req.query("binding")
      if (binding === undefined || !BINDING.test(binding)) {
        return c.json(
          {
            _tag: "ValidationError",
            message: "Accesso da avviare dal portale: manca il parametro binding (start the login from the portal: binding missing)",
            issues: [{ path: "binding", message: "43 caratteri base64url (43 base64url characters)" }]
          },
          400
        )
      }
      const { url, sealed } = result.success.value
      const cookie = { httpOnly: true, secure: options.cookieSecure, sameSite: "Lax", path: OIDC_PATH, maxAge: STATE_TTL_MS / 1000 } as const
      setCookie(c, OIDC_COOKIE, sealed, cookie)
      setCookie(c, OIDC_BINDING_COOKIE, binding, cookie)
      return c.redirect(url, 302)
    })
    .get("/oidc/callback", async (c) => {
      const sealed = getCookie(c, OIDC_COOKIE)
      const binding = getCookie(c, OIDC_BINDING_COOKIE) ?? ""
      const result = await c.get("run")(
        Effect.gen(function* () {
          const oidc = yield* Oidc
          if (!oidc.enabled) return Option.none()
          const identity = yield* oidc.finish(new URL(c.req.url), sealed)
          if (!BINDING.test(binding)) return Option.some<Landing>({ error: "oidc-failed" })
          // An account needs an email (notices, the portal's login): a provider that sends none is refused.
          if (identity.email === undefined) return Option.some<Landing>({ error: "oidc-no-email" })
          const accounts = yield* Accounts
          const { code } = yield* accounts.loginOidc({
            binding,
            subject: identity.subject,
            email: identity.email,
            ...(identity.displayName === undefined ? {} : { displayName: identity.displayName })
          })
          return Option.some<Landing>({ code })
        })
      )
      deleteCookie(c, OIDC_COOKIE, { path: OIDC_PATH })
      deleteCookie(c, OIDC_BINDING_COOKIE, { path: OIDC_PATH })
      if (result._tag === "Success" && Option.isNone(result.success)) return c.json(oidcDisabled, 404)
      // The login ends on the portal: with a one-time code it exchanges for its own session, or with why not.
      const landing = new URL(`${options.portalUrl}/accedi/identita-digitale`)
      if (result._tag === "Failure") {
        // A staff account or another identity has the email (Conflict's code), or the provider's answer was refused.
        landing.searchParams.set("errore", result.failure._tag === "Conflict" ? result.failure.code : "oidc-failed")
      } else {
        const outcome = Option.getOrThrow(result.success)
        if ("error" in outcome) landing.searchParams.set("errore", outcome.error)
        else landing.searchParams.set("code", outcome.code)
      }
      return c.redirect(landing.href, 302)
    })
    .get("/oidc", async (c) => {
      const result = await c.get("run")(Oidc.use((oidc) => Effect.succeed(oidc.enabled)))
      return c.json({ enabled: result._tag === "Success" && result.success }, 200)
    })
    .post("/oidc/exchange", validate("json", OidcExchangeBody), async (c) => {
      const { token: code, nonce } = c.req.valid("json")
      const result = await c.get("run")(Accounts.use((a) => a.exchangeOidcCode(code, nonce)))
      if (result._tag === "Failure") return problem(c, result.failure)
      const { account, token, expiresAt } = result.success
      setSessionCookie(c, token, expiresAt, options.cookieSecure)
      return c.json({ account, expiresAt: expiresAt.toISOString() }, 200)
    })
}

const base = "/api/v1/auth"
/** The auth routes as OpenAPI operations. */
export const authOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: `${base}/register`,
    operationId: "register",
    summary: "Registra una famiglia e invia il collegamento di verifica (register a family)",
    tags: ["auth"],
    body: RegisterBody,
    responses: {
      201: { description: "The new account, not yet verified", schema: AccountBody },
      ...errors(400, 409, 413)
    }
  },
  {
    method: "post",
    path: `${base}/verify-email`,
    operationId: "verifyEmail",
    summary: "Conferma l'email con il codice ricevuto (verify the email)",
    tags: ["auth"],
    body: TokenBody,
    responses: { 200: { description: "The verified account", schema: AccountBody }, ...errors(400, 401) }
  },
  {
    method: "post",
    path: `${base}/verify-email/resend`,
    operationId: "resendVerification",
    summary: "Invia di nuovo il collegamento di verifica (resend the verification link)",
    tags: ["auth"],
    auth: true,
    responses: { 202: { description: "Sent if not yet verified", schema: MessageBody }, ...errors(401, 429) }
  },
  {
    method: "post",
    path: `${base}/login`,
    operationId: "login",
    summary: "Accedi con email e password: imposta il cookie di sessione (log in)",
    tags: ["auth"],
    body: LoginBody,
    responses: {
      200: { description: "Logged in; the session cookie is set", schema: LoginResponse },
      ...errors(400, 401, 429)
    }
  },
  {
    method: "post",
    path: `${base}/logout`,
    operationId: "logout",
    summary: "Esci: chiude la sessione (log out)",
    tags: ["auth"],
    responses: { 204: { description: "Logged out" } }
  },
  {
    method: "get",
    path: `${base}/me`,
    operationId: "me",
    summary: "L'account della sessione (the logged-in account)",
    tags: ["auth"],
    auth: true,
    responses: { 200: { description: "The account", schema: AccountBody }, ...errors(401) }
  },
  {
    method: "post",
    path: `${base}/password-reset/request`,
    operationId: "requestPasswordReset",
    summary: "Chiedi il collegamento per reimpostare la password (request a reset link)",
    tags: ["auth"],
    body: ResetRequestBody,
    responses: {
      202: { description: "Same answer whether or not the email is registered", schema: MessageBody },
      ...errors(400, 429)
    }
  },
  {
    method: "post",
    path: `${base}/password-reset/confirm`,
    operationId: "confirmPasswordReset",
    summary: "Imposta la nuova password: chiude tutte le sessioni (set a new password)",
    tags: ["auth"],
    body: ResetConfirmBody,
    responses: { 200: { description: "The account; log in again", schema: AccountBody }, ...errors(400, 401) }
  },
  {
    method: "get",
    path: `${base}/oidc/start`,
    operationId: "oidcStart",
    summary: "Accesso con SPID/CIE tramite il gateway OIDC (start the OIDC login)",
    tags: ["auth"],
    query: Schema.Struct({ binding: Schema.String }).annotate({ identifier: "OidcStartQuery" }),
    responses: { 302: { description: "To the identity provider" }, ...errors(400, 404) }
  },
  {
    method: "get",
    path: `${base}/oidc/callback`,
    operationId: "oidcCallback",
    summary: "Ritorno dal fornitore di identità (OIDC callback)",
    tags: ["auth"],
    responses: {
      302: { description: "To the portal's /accedi/identita-digitale with a one-time `code` to exchange, or `errore` (oidc-no-email, oidc-email-taken, oidc-failed)" },
      ...errors(404)
    }
  },
  {
    method: "get",
    path: `${base}/oidc`,
    operationId: "oidcStatus",
    summary: "Se l'accesso con SPID/CIE è attivo (whether OIDC login is configured)",
    tags: ["auth"],
    responses: { 200: { description: "Whether to offer the SPID/CIE login", schema: OidcStatusBody } }
  },
  {
    method: "post",
    path: `${base}/oidc/exchange`,
    operationId: "oidcExchange",
    summary: "Scambia il codice di un accesso SPID/CIE con una sessione (exchange an OIDC login's code for a session)",
    tags: ["auth"],
    body: OidcExchangeBody,
    responses: { 200: { description: "Logged in (sets the session cookie); the code is spent", schema: LoginResponse }, ...errors(400, 401) }
  }
]
