/**
 * Session cookie → account, and guards per role. The cookie is HttpOnly, Secure (unless configured off
 * for plain-http development), SameSite=Lax; its value is a random token whose hash is the session id.
 */
import type { Context, MiddlewareHandler } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import type { Role } from "../db/schema.ts"
import { type Account, Accounts } from "../services/Accounts.ts"
import { Forbidden, Unauthorized } from "../services/errors.ts"
import type { AppEnv } from "./env.ts"
import { problem } from "./errors.ts"

export const SESSION_COOKIE = "smartfam_session"

/** The session token a request carries: the cookie, or `Authorization: Bearer` (the apps' server code). */
export const sessionToken = (c: Context<AppEnv>): string | undefined => {
  const token = getCookie(c, SESSION_COOKIE) ?? c.req.header("authorization")?.match(/^Bearer (.+)$/)?.[1]
  return token !== undefined && token.length > 0 && token.length < 200 ? token : undefined
}

/** Reads the session cookie (or `Authorization: Bearer`) and sets `c.var.account` when the session is live. */
export const session = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = sessionToken(c)
  if (token !== undefined) {
    const result = await c.var.run(Accounts.use((accounts) => accounts.fromSession(token)))
    if (result._tag === "Success" && result.success !== undefined) c.set("account", result.success)
  }
  await next()
}

/** Lets the request through only for a logged-in account with one of `roles` (any role when empty). */
export const requireAccount =
  (...roles: ReadonlyArray<Role>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const account = c.var.account
    if (account === undefined) {
      return problem(
        c,
        new Unauthorized({ message: "Accesso richiesto: effettua il login (login required)" })
      )
    }
    if (roles.length > 0 && !roles.includes(account.role)) {
      return problem(c, new Forbidden({ message: "Non hai i permessi per questa operazione (forbidden)" }))
    }
    await next()
  }

/**
 * Lets through only accounts whose email is verified; use after `requireAccount`. Unverified families can
 * log in, see and fix their profile, and ask for a new link; they must verify before they book.
 */
export const requireVerified = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (c.var.account?.emailVerified !== true) {
    return problem(
      c,
      new Forbidden({
        message:
          "Conferma il tuo indirizzo email per continuare: controlla la posta (verify your email first)"
      })
    )
  }
  await next()
}

/** The logged-in account; only call behind `requireAccount`. */
export const accountOf = (c: Context<AppEnv>): Account => {
  const account = c.var.account
  if (account === undefined) throw new Error("accountOf called without requireAccount")
  return account
}

/** Sets the session cookie. */
export const setSessionCookie = (c: Context<AppEnv>, token: string, expiresAt: Date, secure: boolean) =>
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/",
    expires: expiresAt
  })

/** Clears the session cookie. */
export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, { path: "/" })
