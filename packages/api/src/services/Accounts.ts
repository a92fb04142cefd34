/**
 * Accounts and server-side sessions. Families register with email + password (argon2id) and verify their
 * email; staff accounts carry a role (operator scoped to a partner, coordinator, comune, admin).
 * Sessions live in the database, so any API process can serve any request.
 *
 * Tokens (session cookies, emailed links) are 32 random bytes in base64url; only their SHA-256 is stored,
 * so a copy of the database yields no live session and no usable link. Every time read goes through the
 * `Clock` service. Database errors are defects; the expected failures are the typed ones below.
 */
import crypto from "node:crypto"
import { hash as argon2Hash, verify as argon2Verify, type Algorithm } from "@node-rs/argon2"
import { Context, Effect, Layer } from "effect"
import type { Kysely, Selectable } from "kysely"
import type { Db } from "../db/database.ts"
import { prepared } from "../db/prepared.ts"
import { rowCache } from "../db/rowCache.ts"
import type { AccountsTable, Database as Tables, EmailTokensTable, Role } from "../db/schema.ts"
import { Clock } from "./Clock.ts"
import { Database } from "./Database.ts"
import { Conflict, type Forbidden, NotFound, Unauthorized, ValidationError } from "./errors.ts"
import { Mailer, passwordResetEmail, verificationEmail } from "./Mailer.ts"
import { log } from "../http/log.ts"

/** An account as the rest of the API sees it (never the password hash). */
export interface Account {
  readonly id: string
  readonly email: string
  readonly role: Role
  readonly partnerId: string | null
  readonly emailVerified: boolean
  readonly displayName: string | null
}

/** What a single-use token (table `email_tokens`) is for. */
type TokenPurpose = EmailTokensTable["purpose"]

/** How long the portal has to exchange an OIDC login's code for a session. */
const HANDOFF_TTL_MS = 2 * 60_000

/** A freshly opened session: the cookie's token and when it stops working. */
export interface Login {
  readonly account: Account
  readonly token: string
  readonly expiresAt: Date
}

/** The roles of staff accounts. */
export type StaffRole = Exclude<Role, "family">

export class Accounts extends Context.Service<
  Accounts,
  {
    /** Creates a family account and emails a verification link. Conflict when the email is taken. */
    register(input: {
      email: string
      password: string
      displayName?: string
    }): Effect.Effect<Account, Conflict | ValidationError>
    /** Marks the email verified from the emailed token. */
    verifyEmail(token: string): Effect.Effect<Account, Unauthorized>
    /** Emails a new verification link to an account that has not verified yet (no-op when verified). */
    resendVerification(accountId: string): Effect.Effect<void, NotFound>
    /** Checks the password and opens a session: returns the cookie token (only its hash is stored). */
    login(input: { email: string; password: string }): Effect.Effect<Login, Unauthorized | Forbidden>
    /** The account behind a session cookie token, if the session is live. */
    fromSession(token: string): Effect.Effect<Account | undefined>
    /** Closes a session. */
    logout(token: string): Effect.Effect<void>
    /** Emails a reset link if the account exists (answers the same either way). */
    requestPasswordReset(email: string): Effect.Effect<void>
    /** Sets a new password from the emailed token and closes the account's other sessions. */
    resetPassword(input: {
      token: string
      password: string
    }): Effect.Effect<Account, Unauthorized | ValidationError>
    /** Creates a staff account (seed and admin use), already verified. */
    createStaff(input: {
      email: string
      password: string
      role: StaffRole
      partnerId?: string
      displayName?: string
    }): Effect.Effect<Account, Conflict | ValidationError>
    /** Creates a family account already verified, without emailing (seed of the demo families). */
    createFamily(input: {
      email: string
      password: string
      displayName?: string
    }): Effect.Effect<Account, Conflict | ValidationError>
    /**
     * Finds or creates the account of an OIDC (SPID/CIE gateway) identity and issues a one-time code for
     * it (2 minutes, single use), which the portal exchanges for a session (`exchangeOidcCode`): the login
     * ends on the API's origin, the session belongs to the portal's. The code is bound to the browser that
     * started the login (`binding`, the hash of a nonce the portal keeps in that browser's cookie), so a
     * code sent to someone else's browser logs nobody in. An existing family account with the
     * same email is linked to the identity; a staff account or one linked to another identity is a Conflict.
     */
    loginOidc(input: { subject: string; email: string; displayName?: string; binding: string }): Effect.Effect<{ account: Account; code: string }, Conflict>
    /**
     * Opens a session for the account of an OIDC login's code, once, given the nonce whose hash
     * (`oidcBinding`) the login was started with; Unauthorized when unknown, used, expired or not bound to it.
     */
    exchangeOidcCode(code: string, nonce: string): Effect.Effect<Login, Unauthorized>
    /** Deletes the account and everything that cascades from it (erasure). */
    erase(accountId: string): Effect.Effect<void, NotFound>
    /** Looks an account up by id. */
    get(accountId: string): Effect.Effect<Account, NotFound>
    /** Deletes expired sessions and expired email links (housekeeping); how many rows went. */
    purgeExpired(now: Date): Effect.Effect<number>
  }
>()("smartfam/Accounts") {
  /** Accounts in the configured database (both engines), emailing through `Mailer`. */
  static readonly layerSql = (options: AccountsOptions = {}) =>
    Layer.effect(
      Accounts,
      Effect.gen(function* () {
        const db = yield* Database
        const clock = yield* Clock
        const mailer = yield* Mailer
        return makeSql(db, clock.now, mailer, { ...defaults, ...options })
      })
    )
}

/** Settings of the accounts layer; every one has a default. */
export interface AccountsOptions {
  /** How long a session lasts. Default 30 days. */
  readonly sessionTtlMs?: number
  /** Base of the links in emails. Default http://127.0.0.1:3001. */
  readonly portalUrl?: string
  /** How long a verification link works. Default 48 hours. */
  readonly verifyTtlMs?: number
  /** How long a reset link works. Default 1 hour. */
  readonly resetTtlMs?: number
  /**
   * How long a process reuses a session it has read (the lookup runs on every request) on PostgreSQL.
   * Logout, password reset, verification and erasure in this process apply at once; done by another
   * process, within this time. On SQLite the process sees other processes' commits (db/rowCache.ts) and
   * keeps sessions until one comes. 0 turns the cache off. Default 5 s.
   */
  readonly sessionCacheMs?: number
}

const HOUR = 3_600_000
const defaults: Required<AccountsOptions> = {
  sessionTtlMs: 30 * 24 * HOUR,
  portalUrl: "http://127.0.0.1:3001",
  verifyTtlMs: 48 * HOUR,
  resetTtlMs: HOUR,
  sessionCacheMs: 5_000
}

/** Portal pages the emailed links open; they post the token to the API. */
export const links = {
  verify: (portalUrl: string, token: string) => `${portalUrl}/verifica-email?token=${token}`,
  reset: (portalUrl: string, token: string) => `${portalUrl}/reimposta-password?token=${token}`
}

// --- policy -------------------------------------------------------------------------------------------

/** The password policy: at least 10 characters, at most 1024 (argon2 input stays bounded). */
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 1024
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Lower-cases and trims an email address. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase()

const passwordIssues = (password: string, path = "password") =>
  password.length < PASSWORD_MIN
    ? [
        {
          path,
          message: `La password deve avere almeno ${PASSWORD_MIN} caratteri (at least ${PASSWORD_MIN} characters)`
        }
      ]
    : password.length > PASSWORD_MAX
      ? [
          {
            path,
            message: `La password può avere al massimo ${PASSWORD_MAX} caratteri (at most ${PASSWORD_MAX} characters)`
          }
        ]
      : []

const emailIssues = (email: string) =>
  email.length > 254 || !EMAIL.test(email)
    ? [{ path: "email", message: "Indirizzo email non valido (invalid email address)" }]
    : []

const check = (
  issues: ReadonlyArray<{ path: string; message: string }>
): Effect.Effect<void, ValidationError> =>
  issues.length === 0
    ? Effect.void
    : Effect.fail(
        new ValidationError({
          message: `Dati non validi: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")} (invalid input)`,
          issues: [...issues]
        })
      )

// --- tokens and hashes --------------------------------------------------------------------------------

/** A new random token (32 bytes, base64url) for a cookie or an emailed link. */
export const newToken = () => crypto.randomBytes(32).toString("base64url")
/** What an OIDC login is bound to: the SHA-256 (base64url) of a nonce the browser's portal cookie keeps. */
export const oidcBinding = (nonce: string) => crypto.hash("sha256", nonce, "base64url")
/** What is stored for a token: its SHA-256 in hex. */
export const tokenId = (token: string) => crypto.hash("sha256", token, "hex")

// Declared as a const enum in an ambient .d.ts, which `isolatedModules` cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm
const hashPassword = (password: string) => Effect.promise(() => argon2Hash(password, { algorithm: ARGON2ID }))
const verifyPassword = (hash: string, password: string) =>
  Effect.promise(() => argon2Verify(hash, password).catch(() => false))
// Compared against when the email is unknown, so a wrong email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined
const dummy = () => (dummyHash ??= argon2Hash("not-a-real-password", { algorithm: ARGON2ID }))

const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY"
}

/** The columns an `Account` is made of (the session lookup reads only these: no password hash). */
const ACCOUNT_COLUMNS = ["id", "email", "role", "partner_id", "email_verified_at", "display_name"] as const

const toAccount = (row: Pick<Selectable<AccountsTable>, (typeof ACCOUNT_COLUMNS)[number]>): Account => ({
  id: row.id,
  email: row.email,
  role: row.role,
  partnerId: row.partner_id,
  emailVerified: row.email_verified_at !== null,
  displayName: row.display_name
})

const wrong = () => new Unauthorized({ message: "Email o password non corretti (wrong email or password)" })
const badLink = () =>
  new Unauthorized({
    message: "Collegamento non valido o scaduto: richiedine uno nuovo (invalid or expired link)"
  })

// --- the SQL layer ------------------------------------------------------------------------------------

const makeSql = (
  { kysely: db, engine, changes }: Db,
  now: Effect.Effect<Date>,
  mailer: Mailer["Service"],
  options: Required<AccountsOptions>
) => {
  const query = <A>(f: () => Promise<A>) => Effect.promise(f)
  // Session id → account and expiry, as last read (see `sessionCacheMs`). Any change to accounts or
  // sessions made here clears it once done (a read in between could otherwise cache the old row).
  const sessionCache = options.sessionCacheMs > 0 ? rowCache<{ account: Account; expiresAt: string }>({ changes }, { max: 100_000, ttlMs: options.sessionCacheMs, forget: { session: "key", account: "all" } }) : undefined
  const forgetSessions = Effect.sync(() => sessionCache?.clear())
  // Two lookups by primary key: on SQLite they cost a third of the same join.
  const sessionById = prepared(db, (k, id: string, at: string) => k.selectFrom("auth_sessions").select(["account_id", "expires_at"]).where("id", "=", id).where("expires_at", ">", at), "?id", "?at")
  const accountById = prepared(db, (k, id: string) => k.selectFrom("accounts").select(ACCOUNT_COLUMNS).where("id", "=", id), "?id")

  const findById = (id: string) =>
    query(() => db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst())
  const findByEmail = (email: string) =>
    query(() => db.selectFrom("accounts").selectAll().where("email", "=", email).executeTakeFirst())

  const insertAccount = (row: Selectable<AccountsTable>) =>
    Effect.tryPromise({
      try: () => db.insertInto("accounts").values(row).execute(),
      catch: (error) => error
    }).pipe(
      Effect.catch((error) =>
        isUniqueViolation(error)
          ? Effect.fail(
              new Conflict({
                message: "Esiste già un account con questa email (email already registered)",
                code: "email-taken"
              })
            )
          : Effect.die(error)
      ),
      Effect.as(toAccount(row))
    )

  const create = Effect.fn("Accounts.create")(function* (input: {
    email: string
    password: string | null
    role: Role
    partnerId?: string | undefined
    displayName?: string | undefined
    verified: boolean
    oidcSubject?: string
  }) {
    const email = normalizeEmail(input.email)
    yield* check([...emailIssues(email), ...(input.password === null ? [] : passwordIssues(input.password))])
    if ((yield* findByEmail(email)) !== undefined) {
      return yield* new Conflict({
        message: "Esiste già un account con questa email (email already registered)",
        code: "email-taken"
      })
    }
    const at = (yield* now).toISOString()
    return yield* insertAccount({
      id: crypto.randomUUID(),
      email,
      password_hash: input.password === null ? null : yield* hashPassword(input.password),
      email_verified_at: input.verified ? at : null,
      role: input.role,
      partner_id: input.partnerId ?? null,
      oidc_subject: input.oidcSubject ?? null,
      display_name: input.displayName?.trim() || null,
      created_at: at
    })
  })

  /**
   * Stores a new single-use token and returns it (a link carries it; the table only its hash): email
   * verification and password reset links, and the code an OIDC login hands to the portal.
   */
  const issueEmailToken = (accountId: string, purpose: TokenPurpose, ttlMs: number, binding?: string) =>
    Effect.gen(function* () {
      const token = newToken()
      const at = yield* now
      yield* query(() =>
        db
          .insertInto("email_tokens")
          .values({
            // A bound token is stored as the hash of token and binding: only who has both can use it.
            id: tokenId(binding === undefined ? token : `${token}.${binding}`),
            account_id: accountId,
            purpose,
            expires_at: new Date(at.getTime() + ttlMs).toISOString(),
            used_at: null
          })
          .execute()
      )
      return token
    })

  /** Marks a token used, once: returns its account, or nothing when unknown, used or expired. */
  const consumeEmailToken = (trx: Kysely<Tables>, token: string, purpose: TokenPurpose, at: string) =>
    trx
      .updateTable("email_tokens")
      .set({ used_at: at })
      .where("id", "=", tokenId(token))
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .where("expires_at", ">", at)
      .returning("account_id")
      .executeTakeFirst()

  /** Sends an email; a failing mail server is logged, not fatal: the account exists and a link can be asked again. */
  const deliver = (to: string, message: { subject: string; text: string; html?: string }) =>
    mailer
      .send({ to, ...message })
      .pipe(
        Effect.catchCause((cause) =>
          Effect.sync(() =>
            log("error", "email not sent", { subject: message.subject, error: String(cause) })
          )
        )
      )

  const sendVerification = (account: Account) =>
    Effect.gen(function* () {
      const token = yield* issueEmailToken(account.id, "verify", options.verifyTtlMs)
      yield* deliver(
        account.email,
        verificationEmail(links.verify(options.portalUrl, token), Math.round(options.verifyTtlMs / HOUR))
      )
    })

  const openSession = Effect.fn("Accounts.openSession")(function* (account: Account) {
    const token = newToken()
    const at = yield* now
    const expiresAt = new Date(at.getTime() + options.sessionTtlMs)
    yield* query(async () => {
      // Expired sessions of this account are swept when it logs in again.
      await db
        .deleteFrom("auth_sessions")
        .where("account_id", "=", account.id)
        .where("expires_at", "<=", at.toISOString())
        .execute()
      await db
        .insertInto("auth_sessions")
        .values({
          id: tokenId(token),
          account_id: account.id,
          created_at: at.toISOString(),
          expires_at: expiresAt.toISOString()
        })
        .execute()
    })
    return { account, token, expiresAt } satisfies Login
  })

  /** A one-time code for the portal to exchange for a session of `account`, bound to the browser (see `loginOidc`). */
  const handoff = (account: Account, binding: string) =>
    issueEmailToken(account.id, "oidc-handoff", HANDOFF_TTL_MS, binding).pipe(Effect.map((code) => ({ account, code })))

  return Accounts.of({
    register: Effect.fn("Accounts.register")(function* (input) {
      const account = yield* create({ ...input, role: "family", verified: false })
      yield* sendVerification(account)
      return account
    }),

    verifyEmail: Effect.fn("Accounts.verifyEmail")(function* (token) {
      const at = (yield* now).toISOString()
      const row = yield* query(() =>
        db.transaction().execute(async (trx) => {
          const used = await consumeEmailToken(trx, token, "verify", at)
          if (used === undefined) return undefined
          await trx
            .updateTable("accounts")
            .set({ email_verified_at: at })
            .where("id", "=", used.account_id)
            .where("email_verified_at", "is", null)
            .execute()
          return trx.selectFrom("accounts").selectAll().where("id", "=", used.account_id).executeTakeFirst()
        })
      )
      if (row === undefined) return yield* badLink()
      return toAccount(row)
    }, Effect.ensuring(forgetSessions)),

    resendVerification: Effect.fn("Accounts.resendVerification")(function* (accountId) {
      const row = yield* findById(accountId)
      if (row === undefined) return yield* new NotFound({ resource: "account", id: accountId })
      if (row.email_verified_at === null) yield* sendVerification(toAccount(row))
    }),

    login: Effect.fn("Accounts.login")(function* (input) {
      const row = yield* findByEmail(normalizeEmail(input.email))
      if (row === undefined || row.password_hash === null) {
        yield* verifyPassword(yield* Effect.promise(dummy), input.password)
        return yield* wrong()
      }
      if (!(yield* verifyPassword(row.password_hash, input.password))) return yield* wrong()
      return yield* openSession(toAccount(row))
    }),

    fromSession: (token) =>
      Effect.gen(function* () {
        const at = (yield* now).toISOString()
        const id = tokenId(token)
        const hit = sessionCache?.get(id)
        if (hit !== undefined) return hit.expiresAt > at ? hit.account : undefined
        // A session found is kept; an unknown token is asked again (it may be a login just made elsewhere).
        const load = async () => {
          const [session] = await sessionById(id, at)
          if (session === undefined) return undefined
          const [account] = await accountById(session.account_id)
          return account === undefined ? undefined : { account: toAccount(account), expiresAt: session.expires_at }
        }
        const found = yield* query(() => (sessionCache === undefined ? load() : sessionCache.read(id, load)))
        // What `read` returns may be what a concurrent request just kept: its expiry is checked here too.
        return found !== undefined && found.expiresAt > at ? found.account : undefined
      }),

    logout: (token) =>
      query(() => db.deleteFrom("auth_sessions").where("id", "=", tokenId(token)).execute()).pipe(
        Effect.ensuring(Effect.sync(() => sessionCache?.delete(tokenId(token)))),
        Effect.asVoid,
        Effect.withSpan("Accounts.logout")
      ),

    requestPasswordReset: Effect.fn("Accounts.requestPasswordReset")(function* (email) {
      const row = yield* findByEmail(normalizeEmail(email))
      if (row === undefined) return
      const token = yield* issueEmailToken(row.id, "reset", options.resetTtlMs)
      yield* deliver(
        row.email,
        passwordResetEmail(links.reset(options.portalUrl, token), Math.round(options.resetTtlMs / 60_000))
      )
    }),

    resetPassword: Effect.fn("Accounts.resetPassword")(function* (input) {
      // The policy is checked before the link is spent, so a too-short password can be corrected.
      yield* check(passwordIssues(input.password))
      const passwordHash = yield* hashPassword(input.password)
      const at = (yield* now).toISOString()
      const row = yield* query(() =>
        db.transaction().execute(async (trx) => {
          const used = await consumeEmailToken(trx, input.token, "reset", at)
          if (used === undefined) return undefined
          // Following the link proves the address too.
          await trx
            .updateTable("accounts")
            .set((eb) => ({
              password_hash: passwordHash,
              email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(at))
            }))
            .where("id", "=", used.account_id)
            .execute()
          // Every session (a thief's too) ends, and so do the other reset links still around.
          await trx.deleteFrom("auth_sessions").where("account_id", "=", used.account_id).execute()
          await trx
            .updateTable("email_tokens")
            .set({ used_at: at })
            .where("account_id", "=", used.account_id)
            .where("purpose", "=", "reset")
            .where("used_at", "is", null)
            .execute()
          return trx.selectFrom("accounts").selectAll().where("id", "=", used.account_id).executeTakeFirst()
        })
      )
      if (row === undefined) return yield* badLink()
      return toAccount(row)
    }, Effect.ensuring(forgetSessions)),

    createStaff: Effect.fn("Accounts.createStaff")(function* (input) {
      const scoped = input.role !== "operator" || (input.partnerId !== undefined && input.partnerId !== "")
      yield* check(
        scoped
          ? []
          : [
              {
                path: "partnerId",
                message: "Un operatore appartiene a un partner (an operator needs a partner)"
              }
            ]
      )
      return yield* create({ ...input, verified: true })
    }),

    createFamily: Effect.fn("Accounts.createFamily")(function* (input) {
      return yield* create({ ...input, role: "family", verified: true })
    }),

    loginOidc: Effect.fn("Accounts.loginOidc")(function* (input) {
      const email = normalizeEmail(input.email)
      const bySubject = yield* query(() =>
        db.selectFrom("accounts").selectAll().where("oidc_subject", "=", input.subject).executeTakeFirst()
      )
      if (bySubject !== undefined) return yield* handoff(toAccount(bySubject), input.binding)
      const byEmail = yield* findByEmail(email)
      if (byEmail !== undefined) {
        if (byEmail.role !== "family" || byEmail.oidc_subject !== null) {
          return yield* new Conflict({
            message:
              "Questa email appartiene a un altro account: accedi con email e password (email belongs to another account)",
            code: "oidc-email-taken"
          })
        }
        // The identity provider vouches for the address: link it to the family's account and mark it verified.
        const at = (yield* now).toISOString()
        yield* query(() =>
          db
            .updateTable("accounts")
            .set((eb) => ({
              oidc_subject: input.subject,
              email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(at))
            }))
            .where("id", "=", byEmail.id)
            .execute()
        )
        return yield* handoff({ ...toAccount(byEmail), emailVerified: true }, input.binding)
      }
      const created = yield* create({
        email,
        password: null,
        role: "family",
        displayName: input.displayName,
        verified: true,
        oidcSubject: input.subject
      }).pipe(
        // The gateway's email is not ours to validate: a malformed one is a defect of the gateway.
        Effect.catchTag("ValidationError", (e) => Effect.die(e))
      )
      return yield* handoff(created, input.binding)
    }, Effect.ensuring(forgetSessions)),

    exchangeOidcCode: Effect.fn("Accounts.exchangeOidcCode")(function* (code, nonce) {
      const at = (yield* now).toISOString()
      const row = yield* query(async () => {
        const used = await consumeEmailToken(db, `${code}.${oidcBinding(nonce)}`, "oidc-handoff", at)
        return used === undefined ? undefined : db.selectFrom("accounts").selectAll().where("id", "=", used.account_id).executeTakeFirst()
      })
      if (row === undefined) return yield* new Unauthorized({ message: "Accesso non completato o scaduto: riprova con SPID o CIE (login code invalid or expired)" })
      return yield* openSession(toAccount(row))
    }),

    erase: Effect.fn("Accounts.erase")(function* (accountId) {
      const result = yield* query(() =>
        db.transaction().execute(async (trx) => {
          // Deleting the family's bookings (by cascade) bumps their sessions' versions (migration 0003):
          // on PostgreSQL take those sessions' locks first, in the order booking batches take them.
          if (engine === "postgres") {
            await trx
              .selectFrom("service_sessions")
              .select("id")
              .where("id", "in", (eb) =>
                eb.selectFrom("bookings").innerJoin("households", "households.id", "bookings.household_id").select("bookings.session_id").where("households.account_id", "=", accountId)
              )
              .orderBy("id")
              .forUpdate()
              .execute()
          }
          return trx.deleteFrom("accounts").where("id", "=", accountId).executeTakeFirst()
        })
      )
      if (result.numDeletedRows === 0n) return yield* new NotFound({ resource: "account", id: accountId })
      // Everything of the account went by cascade: every cache of its rows (sessions, household) forgets.
    }, Effect.ensuring(Effect.sync(changes.notify))),

    purgeExpired: (at) =>
      query(async () => {
        const sessions = await db.deleteFrom("auth_sessions").where("expires_at", "<=", at.toISOString()).executeTakeFirst()
        const tokens = await db.deleteFrom("email_tokens").where("expires_at", "<=", at.toISOString()).executeTakeFirst()
        return Number(sessions.numDeletedRows) + Number(tokens.numDeletedRows)
      }),

    get: Effect.fn("Accounts.get")(function* (accountId) {
      const row = yield* findById(accountId)
      if (row === undefined) return yield* new NotFound({ resource: "account", id: accountId })
      return toAccount(row)
    })
  })
}
