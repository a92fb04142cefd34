/** Table types as Kysely sees them. JSON documents are stored as text on both engines; instants as ISO UTC text. */
import type { Generated } from "kysely"

export interface ProjectsTable {
  id: string
  /** The project encoded with the domain's `Project.Project` schema, as JSON text. */
  data: string
  updated_at: string
}

export type Role = "family" | "operator" | "coordinator" | "comune" | "admin"

export interface AccountsTable {
  id: string
  /** Lower-cased. */
  email: string
  /** argon2id PHC string; null for accounts that only log in through OIDC. */
  password_hash: string | null
  email_verified_at: string | null
  role: Role
  /** For operators: the partner whose services they manage. */
  partner_id: string | null
  oidc_subject: string | null
  display_name: string | null
  created_at: string
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield live cookies. */
  id: string
  account_id: string
  created_at: string
  expires_at: string
}

export interface EmailTokensTable {
  /** SHA-256 of the emailed token. */
  id: string
  account_id: string
  /** Email verification, password reset, or the code an OIDC login hands to the portal. */
  purpose: "verify" | "reset" | "oidc-handoff"
  expires_at: string
  used_at: string | null
}

export interface HouseholdsTable {
  id: string
  account_id: string
  /** The household encoded with the domain's schema, as JSON text. */
  data: string
  updated_at: string
}

export interface ServicesTable {
  id: string
  project_id: string
  data: string
  updated_at: string
}

export interface ServiceSessionsTable {
  id: string
  service_id: string
  /** Local date in Europe/Rome. */
  date: string
  start_time: string
  end_time: string
  starts_at: string
  ends_at: string
  capacity: number
  /** Bumped by trigger on every write to the session's bookings (migration 0003). */
  version: Generated<number>
}

export type BookingStatus = "held" | "confirmed" | "waitlisted" | "offered" | "absent" | "cancelled" | "expired" | "declined"

export interface BookingsTable {
  id: string
  session_id: string
  household_id: string
  child_id: string
  status: BookingStatus
  /** Arrival order within the session: the waitlist is served in this order. */
  arrival: number
  hold_expires_at: string | null
  offer_expires_at: string | null
  created_at: string
  updated_at: string
}

/** The secret calendar address of a family account: only the SHA-256 of its token. */
export interface CalendarFeedsTable {
  account_id: string
  token_hash: string
  created_at: string
}

/** Attempts per subject (a hash, never the email itself) and fixed window. */
export interface RateLimitsTable {
  key: string
  window_start: string
  count: number
}

export interface IdempotencyKeysTable {
  account_id: string
  key: string
  /** Method, path and body hash: the same key with another request is a conflict. */
  fingerprint: string
  status: number | null
  body: string | null
  created_at: string
}

export interface AuditLogTable {
  id: string
  at: string
  actor: string
  action: string
  subject: string
  detail: string | null
}

/** An application to an admission round (domain `Admission`); withdrawn ones stay, with `withdrawn_at`. */
export interface ApplicationsTable {
  id: string
  round_id: string
  household_id: string
  child_id: string
  /** The child's birth date (the younger-child tie-break). */
  child_birth_date: string
  /** The ranking facts (`Ranking.Facts`) as they stood when the family applied, as JSON text. */
  facts: string
  /** What the applicant stated (`Admission.Declarations`), as JSON text. */
  declarations: string
  /** Documents still to deliver (labels), as a JSON array. */
  pending_documents: string
  submitted_at: string
  withdrawn_at: string | null
}

export interface Database {
  projects: ProjectsTable
  accounts: AccountsTable
  auth_sessions: AuthSessionsTable
  email_tokens: EmailTokensTable
  households: HouseholdsTable
  services: ServicesTable
  service_sessions: ServiceSessionsTable
  bookings: BookingsTable
  applications: ApplicationsTable
  idempotency_keys: IdempotencyKeysTable
  rate_limits: RateLimitsTable
  calendar_feeds: CalendarFeedsTable
  audit_log: AuditLogTable
}
