/**
 * Bookings of service sessions. Every decision is the domain's `Capacity` rule, applied inside one
 * transaction that holds the session's lock (db/lock.ts): load the session's places, run the pure
 * transition, write back what changed. A session therefore cannot be oversubscribed, whatever the number
 * of concurrent requests or API processes.
 *
 * Throughput under contention (bench/run.ts):
 * - New bookings are group-committed: the requests that arrive while a transaction runs are decided
 *   together in the next one, in arrival order, under the locks of all their sessions. One commit per
 *   batch instead of one per request.
 * - Each process keeps the last state it saw of a session with the session's version, which a trigger
 *   bumps on every write to its bookings (migration 0003). Under the lock, an unchanged version means
 *   the cached state is the stored one; otherwise the session is read again. Any process, any path.
 */
import crypto from "node:crypto"
import { Capacity } from "@smartfam/domain"
import { Context, DateTime, Duration, Effect, Layer, Result } from "effect"
import { v7 as uuidv7 } from "uuid"
import { grouped } from "../db/group.ts"
import { type LockedSession, type Tx, withSessionLock, withSessionsLock } from "../db/lock.ts"
import { preparedShapes } from "../db/prepared.ts"
import type { BookingStatus, BookingsTable } from "../db/schema.ts"
import type { Slot } from "./Catalogue.ts"
import { Database } from "./Database.ts"
import { Conflict, NotFound, RuleViolation } from "./errors.ts"

/** How long a hold lasts before the family confirms, and how long an offered place waits for an answer. */
export interface BookingPolicy {
  readonly holdMinutes: number
  readonly offerHours: number
}

export const defaultPolicy: BookingPolicy = { holdMinutes: 15, offerHours: 24 }

/** A booking as a family sees it. */
export interface BookingView {
  readonly id: string
  readonly sessionId: string
  readonly serviceId: string
  readonly date: string
  readonly start: string
  readonly end: string
  readonly startsAt: string
  readonly endsAt: string
  readonly childId: string
  readonly status: BookingStatus
  readonly waitlistPosition: number | null
  readonly holdExpiresAt: string | null
  readonly offerExpiresAt: string | null
}

export type Action = "confirm" | "cancel" | "accept" | "decline" | "absent"

/**
 * A new booking row's id: a UUIDv7, time-ordered so that new rows land at the end of the primary key's
 * index, not on a random page. Random bytes come from a pool filled 256 ids at a time (the `uuid`
 * package asks WebCrypto for 16 bytes per id, ~2% of a booking's time); the counter keeps ids of one
 * millisecond in order, as `uuid` does.
 */
const newBookingId = (() => {
  const pool = new Uint8Array(16 * 256)
  let used = pool.length
  let last = -1
  let seq = 0
  return () => {
    if (used === pool.length) {
      crypto.randomFillSync(pool)
      used = 0
    }
    const random = pool.subarray(used, (used += 16))
    const now = Date.now()
    if (now > last) {
      last = now
      seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!
    } else seq = (seq + 1) | 0
    return `b-${uuidv7({ random, msecs: last, seq })}`
  }
})()

const ACTIVE: ReadonlyArray<BookingStatus> = ["held", "confirmed", "offered", "waitlisted", "absent"]
const key = (householdId: string, childId: string) => `${householdId}/${childId}`
const utc = (iso: string) => DateTime.makeUnsafe(iso)
const iso = (dt: DateTime.DateTime) => DateTime.formatIso(dt)

type Row = Pick<BookingsTable, "id" | "household_id" | "child_id" | "status" | "arrival" | "hold_expires_at" | "offer_expires_at" | "created_at" | "updated_at">

/** The session's places as the domain sees them, from its active booking rows. */
const stateOf = (sessionId: string, capacity: number, rows: ReadonlyArray<Row>, nextSeq: number): Capacity.State => ({
  sessionId,
  capacity,
  confirmed: rows.filter((r) => r.status === "confirmed").map((r) => ({ childId: key(r.household_id, r.child_id), at: utc(r.updated_at) })),
  holds: rows
    .filter((r) => r.status === "held")
    .map((r) => ({ childId: key(r.household_id, r.child_id), at: utc(r.updated_at), expiresAt: utc(r.hold_expires_at ?? r.updated_at) })),
  offers: rows
    .filter((r) => r.status === "offered")
    .map((r) => ({ childId: key(r.household_id, r.child_id), at: utc(r.updated_at), expiresAt: utc(r.offer_expires_at ?? r.updated_at) })),
  waitlist: rows
    .filter((r) => r.status === "waitlisted")
    .sort((a, b) => a.arrival - b.arrival)
    .map((r) => ({ childId: key(r.household_id, r.child_id), seq: r.arrival, since: utc(r.created_at) })),
  absent: rows.filter((r) => r.status === "absent").map((r) => key(r.household_id, r.child_id)),
  nextSeq
})

const statusIn = (state: Capacity.State, k: string): BookingStatus | undefined => {
  switch (Capacity.statusOf(state, k)) {
    case "confirmed":
      return "confirmed"
    case "hold":
      return "held"
    case "offer":
      return "offered"
    case "waiting":
      return "waitlisted"
    case "absent":
      return "absent"
    case undefined:
      return undefined
  }
}

/** What a row that left the session becomes, from the events that removed it. */
const endedAs = (events: ReadonlyArray<Capacity.Event>, k: string): BookingStatus => {
  const e = events.find((x) => x.childId === k && (x._tag === "Cancelled" || x._tag === "Declined" || x._tag === "HoldLapsed" || x._tag === "OfferLapsed"))
  return e?._tag === "Declined" ? "declined" : e?._tag === "Cancelled" ? "cancelled" : "expired"
}

/** The rows a transition writes: new arrivals and status changes. */
interface Writes {
  readonly inserts: Array<BookingsTable>
  readonly updates: Array<{
    readonly id: string
    readonly fields: Pick<BookingsTable, "status" | "hold_expires_at" | "offer_expires_at" | "updated_at"> & Partial<Pick<BookingsTable, "arrival">>
  }>
}

const ACTIVE_SET: ReadonlySet<BookingStatus> = new Set(ACTIVE)

/**
 * Adds to `writes` the difference between two states of a session (only children named by an event
 * changed), and keeps `ids` (active booking row per child) in step. New bookings are written by `decide`.
 */
const diff = (
  writes: Writes,
  ids: Map<string, string>,
  before: Capacity.State,
  after: Capacity.State,
  events: ReadonlyArray<Capacity.Event>,
  now: string
) => {
  const keys = new Set(events.map((e) => e.childId))
  for (const k of keys) {
    const was = statusIn(before, k)
    const is = statusIn(after, k) ?? (was === undefined ? undefined : endedAs(events, k))
    if (is === undefined || is === was) continue
    const id = ids.get(k)
    if (id === undefined) continue
    const hold = after.holds.find((h) => h.childId === k)
    const offer = after.offers.find((o) => o.childId === k)
    writes.updates.push({
      id,
      fields: { status: is, hold_expires_at: hold ? iso(hold.expiresAt) : null, offer_expires_at: offer ? iso(offer.expiresAt) : null, updated_at: now }
    })
    if (!ACTIVE_SET.has(is)) ids.delete(k)
  }
}

/** A booking row's columns, in the order the insert binds them. */
const COLUMNS = ["id", "session_id", "household_id", "child_id", "arrival", "created_at", "status", "hold_expires_at", "offer_expires_at", "updated_at"] as const satisfies ReadonlyArray<keyof BookingsTable>

/** New booking rows, 50 to a statement. */
const insertRows = preparedShapes(
  (tx, rows: ReadonlyArray<BookingsTable>) => tx.insertInto("bookings").values(rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c]])) as unknown as BookingsTable)),
  (rows) => String(rows.length),
  (rows) => rows.flatMap((r) => COLUMNS.map((c) => r[c]))
)

const write = async (tx: Tx, writes: Writes) => {
  for (let i = 0; i < writes.inserts.length; i += 50) await insertRows(tx, writes.inserts.slice(i, i + 50))
  for (const u of writes.updates) await tx.updateTable("bookings").set(u.fields).where("id", "=", u.id).execute()
}

/** Writes the difference between two states of a session. */
const persist = async (tx: Tx, before: Capacity.State, after: Capacity.State, events: ReadonlyArray<Capacity.Event>, ids: Map<string, string>, now: string) => {
  const writes: Writes = { inserts: [], updates: [] }
  diff(writes, ids, before, after, events, now)
  await write(tx, writes)
}

/**
 * A session's state as a process saw it, valid while the stored version is `version`. A batch works on a
 * copy, advancing `state` booking by booking, and caches it once the batch commits.
 */
interface Working {
  readonly version: number
  state: Capacity.State
  /** The active booking row of each child on the session. */
  readonly ids: Map<string, string>
}

/** Reads a session's places from its booking rows. */
const loadState = async (tx: Tx, sessionId: string, capacity: number): Promise<Omit<Working, "version">> => {
  const rows = await tx
    .selectFrom("bookings")
    .select(["id", "household_id", "child_id", "status", "arrival", "hold_expires_at", "offer_expires_at", "created_at", "updated_at"])
    .where("session_id", "=", sessionId)
    .where("status", "in", ACTIVE)
    .execute()
  const max = await tx.selectFrom("bookings").select((eb) => eb.fn.max("arrival").as("m")).where("session_id", "=", sessionId).executeTakeFirst()
  const nextSeq = max?.m === null || max?.m === undefined ? 0 : Number(max.m) + 1
  return { state: stateOf(sessionId, capacity, rows, nextSeq), ids: new Map(rows.map((r) => [key(r.household_id, r.child_id), r.id])) }
}

/** New bookings decided in one transaction at most; the rest wait for the next. */
const MAX_BATCH = 256

const violation = (e: { code: string; message: string }) =>
  e.code === "already-booked" ? new Conflict({ code: e.code, message: e.message }) : new RuleViolation({ code: e.code, message: e.message })

export class Bookings extends Context.Service<
  Bookings,
  {
    /** Books a child on a session: a place confirmed at once (`confirm`) or held to confirm later (`hold`); the waitlist when full. */
    book(input: { householdId: string; childId: string; slot: Slot; mode: "confirm" | "hold" }, now: Date): Effect.Effect<BookingView, NotFound | Conflict | RuleViolation>
    /** Confirms a hold, cancels, accepts or declines an offer, or releases one day (absence). */
    act(input: { householdId: string; bookingId: string; action: Action }, now: Date): Effect.Effect<BookingView, NotFound | Conflict | RuleViolation>
    /** A household's bookings, with waitlist positions. */
    ofHousehold(householdId: string): Effect.Effect<ReadonlyArray<BookingView>>
    /** Expires lapsed holds and offers and offers freed places to the waitlist, session by session. Safe with several processes. */
    sweep(now: Date): Effect.Effect<number>
  }
>()("smartfam/Bookings") {
  static readonly layerSql = (policy: BookingPolicy = defaultPolicy) =>
    Layer.effect(
      Bookings,
      Effect.gen(function* () {
        const db = yield* Database
        const { kysely } = db
        const offerWindow = Duration.hours(policy.offerHours)

        const view = async (tx: Tx, bookingId: string): Promise<BookingView | undefined> => {
          const r = await tx
            .selectFrom("bookings")
            .innerJoin("service_sessions", "service_sessions.id", "bookings.session_id")
            .select([
              "bookings.id",
              "bookings.session_id",
              "service_sessions.service_id",
              "service_sessions.date",
              "service_sessions.start_time",
              "service_sessions.end_time",
              "service_sessions.starts_at",
              "service_sessions.ends_at",
              "bookings.child_id",
              "bookings.status",
              "bookings.arrival",
              "bookings.hold_expires_at",
              "bookings.offer_expires_at"
            ])
            .where("bookings.id", "=", bookingId)
            .executeTakeFirst()
          if (r === undefined) return undefined
          let position: number | null = null
          if (r.status === "waitlisted") {
            const ahead = await tx
              .selectFrom("bookings")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("session_id", "=", r.session_id)
              .where("status", "=", "waitlisted")
              .where("arrival", "<", r.arrival)
              .executeTakeFirst()
            position = Number(ahead?.n ?? 0) + 1
          }
          return {
            id: r.id,
            sessionId: r.session_id,
            serviceId: r.service_id,
            date: r.date,
            start: r.start_time,
            end: r.end_time,
            startsAt: r.starts_at,
            endsAt: r.ends_at,
            childId: r.child_id,
            status: r.status,
            waitlistPosition: position,
            holdExpiresAt: r.hold_expires_at,
            offerExpiresAt: r.offer_expires_at
          }
        }

        type Outcome<A> = Result.Result<A, NotFound | Conflict | RuleViolation>
        type BookInput = Parameters<Bookings["Service"]["book"]>[0]
        /** A new booking waiting for its batch. */
        interface Pending {
          readonly input: BookInput
          readonly now: Date
        }

        // What this process last saw of each session (see the module's comment).
        const known = new Map<string, Working>()
        const ACTIVE_SLOT: ReadonlyArray<BookingStatus> = ["held", "confirmed", "offered"]

        // The batch's queries, compiled once per shape of their lists.
        const slotsOf = preparedShapes(
          (tx, { householdIds, dates }: { householdIds: ReadonlyArray<string>; dates: ReadonlyArray<string> }) =>
            tx
              .selectFrom("bookings")
              .innerJoin("service_sessions", "service_sessions.id", "bookings.session_id")
              .select(["bookings.household_id", "bookings.child_id", "service_sessions.id", "service_sessions.date", "service_sessions.start_time as start", "service_sessions.end_time as end"])
              .where("bookings.household_id", "in", householdIds)
              .where("bookings.status", "in", ACTIVE_SLOT)
              // Only sessions on the same day can overlap.
              .where("service_sessions.date", "in", dates),
          ({ householdIds, dates }) => `${householdIds.length}/${dates.length}`,
          ({ householdIds, dates }) => [...householdIds, ...ACTIVE_SLOT, ...dates]
        )
        const versionsOf = preparedShapes(
          (tx, ids: ReadonlyArray<string>) => tx.selectFrom("service_sessions").select(["id", "version"]).where("id", "in", ids),
          (ids) => String(ids.length),
          (ids) => ids
        )
        /** The slots each child of `householdIds` holds on `dates`, confirmed or offered, for the overlap rule. */
        const activeSlots = async (tx: Tx, householdIds: ReadonlyArray<string>, dates: ReadonlyArray<string>) => {
          const rows = await slotsOf(tx, { householdIds, dates })
          const byChild = new Map<string, Array<Capacity.Slot>>()
          for (const r of rows) {
            const k = key(r.household_id, r.child_id)
            const list = byChild.get(k) ?? []
            list.push({ id: r.id, date: r.date, start: r.start, end: r.end } as Capacity.Slot)
            byChild.set(k, list)
          }
          return byChild
        }

        /**
         * Decides one new booking on the session's current state and adds its row to `writes`. A new
         * booking's transition (`Capacity.request`) only concerns the requesting child, and its events say
         * where the child is now: held, confirmed, or waitlisted at a position (no scan of the waitlist).
         */
        const decide = (p: Pending, current: Working, locked: LockedSession, others: Array<Capacity.Slot>, writes: Writes): Outcome<BookingView> => {
          const { input } = p
          const now = DateTime.fromDateUnsafe(p.now)
          const k = key(input.householdId, input.childId)
          const session = input.slot
          const clash = Capacity.checkOverlap(k, session as unknown as Capacity.Slot, others)
          if (Result.isFailure(clash)) {
            return Result.fail(new RuleViolation({ code: clash.failure.code, message: `Il bambino è già prenotato il ${session.date} in un orario che si sovrappone (overlapping booking)` }))
          }
          const state = current.state
          const expiresAt = DateTime.toUtc(DateTime.add(now, { minutes: policy.holdMinutes }))
          const step = Capacity.request(state, { childId: k, expiresAt, confirm: input.mode === "confirm" }, now)
          if (Result.isFailure(step)) return Result.fail(violation(step.failure))
          const [after, events] = step.success
          const waitlisted = events.find((e) => e._tag === "Waitlisted")
          const held = events.find((e) => e._tag === "Held")
          const status: BookingStatus = waitlisted !== undefined ? "waitlisted" : events.some((e) => e._tag === "Confirmed") ? "confirmed" : held !== undefined ? "held" : statusIn(after, k)!
          const holdExpiresAt = status === "held" && held !== undefined ? iso(held.expiresAt) : null
          const nowIso = p.now.toISOString()
          // A child already on the session can only be one who reported the day absent (any other status
          // is `already-booked`): that booking comes back, with a new place in the arrival order.
          const existing = current.ids.get(k)
          const id = existing ?? newBookingId()
          if (existing !== undefined) {
            writes.updates.push({ id, fields: { status, hold_expires_at: holdExpiresAt, offer_expires_at: null, updated_at: nowIso, arrival: state.nextSeq } })
          } else {
            writes.inserts.push({
              id,
              session_id: session.id,
              household_id: input.householdId,
              child_id: input.childId,
              arrival: state.nextSeq,
              created_at: nowIso,
              status,
              hold_expires_at: holdExpiresAt,
              offer_expires_at: null,
              updated_at: nowIso
            })
            current.ids.set(k, id)
          }
          // `after` itself, not a copy: `Capacity.request` hands its index of the session's children on to it.
          // Its next arrival number follows this row's (every request takes one), as a fresh read would.
          current.state = after
          if (status !== "waitlisted") others.push(session as unknown as Capacity.Slot)
          return Result.succeed<BookingView>({
            id,
            sessionId: session.id,
            serviceId: session.serviceId,
            date: session.date,
            start: session.start,
            end: session.end,
            startsAt: locked.starts_at,
            endsAt: locked.ends_at,
            childId: input.childId,
            status,
            waitlistPosition: waitlisted?._tag === "Waitlisted" ? waitlisted.position : null,
            holdExpiresAt,
            offerExpiresAt: null
          })
        }

        /**
         * Decides a batch of new bookings, in arrival order, in one transaction holding all their sessions'
         * locks. The batch advances the cached states in place (copying a long waitlist's rows per batch
         * cost more than deciding): if the transaction fails, they are forgotten and read again next time.
         */
        const decideBatch = async (batch: ReadonlyArray<Pending>): Promise<ReadonlyArray<Outcome<BookingView>>> => {
          const sessionIds = [...new Set(batch.map((p) => p.input.slot.id))]
          try {
            return await withSessionsLock(db, sessionIds, async (tx, locked) => {
              const states = new Map<string, Working>()
              for (const [id, row] of locked) {
                const cached = known.get(id)
                states.set(id, cached !== undefined && cached.version === row.version ? cached : { version: row.version, ...(await loadState(tx, id, row.capacity)) })
              }
              const slots = await activeSlots(tx, [...new Set(batch.map((p) => p.input.householdId))], [...new Set(batch.map((p) => p.input.slot.date))])
              const writes: Writes = { inserts: [], updates: [] }
              const outcomes = batch.map((p) => {
                const current = states.get(p.input.slot.id)
                const row = locked.get(p.input.slot.id)
                if (current === undefined || row === undefined) return Result.fail(new NotFound({ resource: "session", id: p.input.slot.id }))
                const k = key(p.input.householdId, p.input.childId)
                let others = slots.get(k)
                if (others === undefined) slots.set(k, (others = []))
                return decide(p, current, row, others, writes)
              })
              await write(tx, writes)
              // The versions the triggers left: what the states now correspond to, once committed.
              const versions = await versionsOf(tx, sessionIds)
              if (known.size + states.size > 10_000) known.clear()
              for (const v of versions) {
                const s = states.get(v.id)
                if (s !== undefined) known.set(v.id, { ...s, version: Number(v.version) })
              }
              return outcomes
            })
          } catch (error) {
            for (const id of sessionIds) known.delete(id)
            throw error
          }
        }

        // Group commit: requests that arrive while a batch is being decided wait for the next batch.
        const decideGrouped = grouped(decideBatch, MAX_BATCH)
        const book: Bookings["Service"]["book"] = (input, now) =>
          Effect.promise(() => decideGrouped({ input, now })).pipe(Effect.flatMap(Effect.fromResult))

        const act: Bookings["Service"]["act"] = (input, nowDate) =>
          Effect.promise(async (): Promise<Outcome<BookingView>> => {
            const now = DateTime.fromDateUnsafe(nowDate)
            const owned = await kysely
              .selectFrom("bookings")
              .select(["session_id", "child_id"])
              .where("id", "=", input.bookingId)
              .where("household_id", "=", input.householdId)
              .executeTakeFirst()
            if (owned === undefined) return Result.fail(new NotFound({ resource: "booking", id: input.bookingId }))
            const k = key(input.householdId, owned.child_id)
            return withSessionLock(db, owned.session_id, async (tx, locked): Promise<Outcome<BookingView>> => {
              if (locked === undefined) return Result.fail(new NotFound({ resource: "session", id: owned.session_id }))
              const { ids, state } = await loadState(tx, owned.session_id, locked.capacity)
              const step: Capacity.Transition =
                input.action === "confirm"
                  ? Capacity.confirm(state, { childId: k }, now)
                  : input.action === "cancel"
                    ? Capacity.cancel(state, { childId: k }, now)
                    : input.action === "accept"
                      ? Capacity.accept(state, { childId: k }, now)
                      : input.action === "decline"
                        ? Capacity.decline(state, { childId: k }, now)
                        : Capacity.release(state, { childId: k }, now)
              if (Result.isFailure(step)) return Result.fail(violation(step.failure))
              // A place that frees up goes at once to the next in line, as an offer to accept.
              const [moved, events] = step.success
              const [after, swept] = Result.getOrThrow(Capacity.sweep(moved, now, { offerWindow }))
              await persist(tx, state, after, [...events, ...swept], ids, nowDate.toISOString())
              return Result.succeed((await view(tx, input.bookingId))!)
            })
          }).pipe(Effect.flatMap(Effect.fromResult))

        const ofHousehold: Bookings["Service"]["ofHousehold"] = (householdId) =>
          Effect.promise(async () => {
            const ids = await kysely.selectFrom("bookings").select("id").where("household_id", "=", householdId).orderBy("created_at").execute()
            const out: Array<BookingView> = []
            for (const { id } of ids) {
              const v = await view(kysely, id)
              if (v !== undefined) out.push(v)
            }
            return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt))
          })

        const sweep: Bookings["Service"]["sweep"] = (nowDate) =>
          Effect.promise(async () => {
            const now = DateTime.fromDateUnsafe(nowDate)
            const nowIso = nowDate.toISOString()
            const due = await kysely
              .selectFrom("bookings")
              .select("session_id")
              .distinct()
              .where((eb) =>
                eb.or([
                  eb.and([eb("status", "=", "held"), eb("hold_expires_at", "<=", nowIso)]),
                  eb.and([eb("status", "=", "offered"), eb("offer_expires_at", "<=", nowIso)])
                ])
              )
              .execute()
            let changed = 0
            for (const { session_id } of due) {
              changed += await withSessionLock(db, session_id, async (tx, locked) => {
                if (locked === undefined) return 0
                const { ids, state } = await loadState(tx, session_id, locked.capacity)
                const [after, events] = Result.getOrThrow(Capacity.sweep(state, now, { offerWindow }))
                if (events.length === 0) return 0
                await persist(tx, state, after, events, ids, nowIso)
                return events.length
              })
            }
            return changed
          })

        return Bookings.of({ book, act, ofHousehold, sweep })
      })
    )
}
