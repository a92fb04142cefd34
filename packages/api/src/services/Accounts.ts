/**
 * Accounts and server-side sessions. Families register with email + password (argon2id) and verify their
 * email; staff accounts carry a role (operator scoped to a partner, coordinator, comune, admin).
 * Sessions live in the database, so any API process can serve any request.
 *
 * CONTRACT (implemented in this file): the routes and middleware rely on exactly these methods.
 */
import { Context, type Effect } from "effect"
import type { Role } from "../db/schema.ts"
import type { Conflict, Forbidden, NotFound, Unauthorized, ValidationError } from "./errors.ts"

/** An account as the rest of the API sees it (never the password hash). */
export interface Account {
  readonly id: string
  readonly email: string
  readonly role: Role
  readonly partnerId: string | null
  readonly emailVerified: boolean
  readonly displayName: string | null
}

export class Accounts extends Context.Service<
  Accounts,
  {
    /** Creates a family account and emails a verification link. Conflict when the email is taken. */
    register(input: { email: string; password: string; displayName?: string }): Effect.Effect<Account, Conflict | ValidationError>
    /** Marks the email verified from the emailed token. */
    verifyEmail(token: string): Effect.Effect<Account, Unauthorized>
    /** Checks the password and opens a session: returns the cookie token (only its hash is stored). */
    login(input: { email: string; password: string }): Effect.Effect<{ account: Account; token: string; expiresAt: Date }, Unauthorized | Forbidden>
    /** The account behind a session cookie token, if the session is live. */
    fromSession(token: string): Effect.Effect<Account | undefined>
    /** Closes a session. */
    logout(token: string): Effect.Effect<void>
    /** Emails a reset link if the account exists (answers the same either way). */
    requestPasswordReset(email: string): Effect.Effect<void>
    /** Sets a new password from the emailed token and closes the account's other sessions. */
    resetPassword(input: { token: string; password: string }): Effect.Effect<Account, Unauthorized | ValidationError>
    /** Creates a staff account (seed and admin use), already verified. */
    createStaff(input: { email: string; password: string; role: Exclude<Role, "family">; partnerId?: string; displayName?: string }): Effect.Effect<Account, Conflict | ValidationError>
    /** Finds or creates the account of an OIDC (SPID/CIE gateway) identity and opens a session. */
    loginOidc(input: { subject: string; email: string; displayName?: string }): Effect.Effect<{ account: Account; token: string; expiresAt: Date }>
    /** Deletes the account and everything that cascades from it (erasure). */
    erase(accountId: string): Effect.Effect<void, NotFound>
    /** Looks an account up by id. */
    get(accountId: string): Effect.Effect<Account, NotFound>
  }
>()("smartfam/Accounts") {}
