/**
 * Session cookie → account, and guards per role. The cookie is HttpOnly, Secure (unless configured off
 * for plain-http development), SameSite=Lax; its value is a random token whose hash is the session id.
 */
import type { Context, MiddlewareHandler } from "hono"
import { deleteCookie, setCookie } from "hono/cookie"
import type { Role } from "../db/schema.ts"
import { type Account, Accounts } from "../services/Accounts.ts"
import { Forbidden, Unauthorized } from "../services/errors.ts"
import { headerOf } from "./edge.ts"
import type { AppEnv } from "./env.ts"
import { problem } from "./errors.ts"

export const SESSION_COOKIE = "smartfam_session"

/**
 * The value of the session cookie in a Cookie header. Only this one cookie is read, so it is found by
 * name rather than by parsing every cookie (Hono's parser validates them all, a cost on every request).
 */
export const sessionCookieIn = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined
  const name = `${SESSION_COOKIE}=`
  let at = header.indexOf(name)
  // The name must start the header or follow a separator, not end another cookie's name.
  while (at > 0 && header[at - 1] !== " " && header[at - 1] !== ";") at = header.indexOf(name, at + 1)
  if (at < 0) return undefined
  const end = header.indexOf(";", at)
  const value = header.slice(at + name.length, end < 0 ? undefined : end).trim()
  const unquoted = value.startsWith('"') && value.endsWith('"') && value.length > 1 ? value.slice(1, -1) : value
  try {
    return unquoted.includes("%") ? decodeURIComponent(unquoted) : unquoted
  } catch {
    return undefined
  }
}

/** The session token a request carries: the cookie, or `Authorization: Bearer` (the apps' server code). */
export const sessionToken = (c: Context<AppEnv>): string | undefined => {
  const token = sessionCookieIn(headerOf(c, "cookie")) ?? headerOf(c, "authorization")?.match(/^Bearer (.+)$/)?.[1]
  return token !== undefined && token.length > 0 && token.length < 200 ? token : undefined
}

/** Reads the session cookie (or `Authorization: Bearer`) and sets `c.get("account")` when the session is live. */
export const session = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = sessionToken(c)
  if (token !== undefined) {
    const result = await c.get("run")(Accounts.use((accounts) => accounts.fromSession(token)))
    if (result._tag === "Success" && result.success !== undefined) c.set("account", result.success)
  }
  await next()
}

/** Lets the request through only for a logged-in account with one of `roles` (any role when empty). */
export const requireAccount =
  (...roles: ReadonlyArray<Role>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const account = c.get("account")
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
  if (c.get("account")?.emailVerified !== true) {
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
  const account = c.get("account")
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
