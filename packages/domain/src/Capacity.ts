/**
 * Capacity: the places of one session as pure state transitions.
 *
 * A place is taken by a confirmed booking, a live hold (a family filling in the form, until its expiry
 * instant) or a live offer (a place offered to the head of the waitlist, until its acceptance window
 * closes). The invariant every transition keeps: `confirmed + live holds + live offers ≤ capacity`.
 * The waitlist is first in, first out: offers always go to the earliest arrival still waiting.
 *
 * Every transition takes `now` (an instant: the domain reads no clock) and returns
 * `Result<[state, events], CapacityError>`; the errors are tagged, with a machine `code` and Italian
 * `message`. Transitions are linear in the size of one session's lists, so the API can call them inside the
 * database transaction that locks the session row.
 *
 * @example
 * ```ts
 * const s0 = Capacity.empty("nido:2022-09-12:0800", 10)
 * const r = Capacity.hold(s0, { childId: "c1", expiresAt: DateTime.add(now, { minutes: 15 }) }, now)
 * // Success([state with one hold, [{ _tag: "Held", childId: "c1", ... }]])
 * ```
 */
import { DateTime, Duration, Result, Schema } from "effect"
import type * as Scheduling from "./Scheduling.ts"

// ---------------------------------------------------------------------------------------------------------
// State

/** A confirmed place. */
export const Booking = Schema.Struct({ childId: Schema.String, at: Schema.DateTimeUtcFromString })
/** A confirmed place. */
export type Booking = typeof Booking.Type

/** A place held until `expiresAt` (excluded), by a family completing a booking or answering an offer. */
export const Hold = Schema.Struct({
  childId: Schema.String,
  at: Schema.DateTimeUtcFromString,
  expiresAt: Schema.DateTimeUtcFromString
})
/** A place held until an instant. */
export type Hold = typeof Hold.Type

/** Someone waiting: `seq` is the arrival order (first in, first out). */
export const Waiting = Schema.Struct({
  childId: Schema.String,
  seq: Schema.Int,
  since: Schema.DateTimeUtcFromString
})
/** Someone waiting. */
export type Waiting = typeof Waiting.Type

/** The places of one session. */
export const State = Schema.Struct({
  sessionId: Schema.String,
  capacity: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  confirmed: Schema.Array(Booking),
  holds: Schema.Array(Hold),
  /** Places offered to people who were waiting, each with its acceptance deadline. */
  offers: Schema.Array(Hold),
  /** In arrival order. */
  waitlist: Schema.Array(Waiting),
  /** Children booked who released this one day (absence): their place went back to the pool. */
  absent: Schema.Array(Schema.String),
  /** The next arrival number: each `waitlist` and each `request` takes one, so the waitlist is in arrival order. */
  nextSeq: Schema.Int
})
/** The places of one session. */
export type State = typeof State.Type

/** An empty session with `capacity` places. */
export const empty = (sessionId: string, capacity: number): State => ({
  sessionId,
  capacity,
  confirmed: [],
  holds: [],
  offers: [],
  waitlist: [],
  absent: [],
  nextSeq: 0
})

// ---------------------------------------------------------------------------------------------------------
// Events

/** What a transition did, for the audit log and the notifications. */
export type Event =
  | { readonly _tag: "Held"; readonly childId: string; readonly expiresAt: DateTime.Utc }
  | { readonly _tag: "Confirmed"; readonly childId: string }
  | {
      readonly _tag: "Cancelled"
      readonly childId: string
      readonly was: "confirmed" | "hold" | "offer" | "waiting"
    }
  | { readonly _tag: "Waitlisted"; readonly childId: string; readonly position: number }
  | { readonly _tag: "Offered"; readonly childId: string; readonly expiresAt: DateTime.Utc }
  | { readonly _tag: "Accepted"; readonly childId: string }
  | { readonly _tag: "Declined"; readonly childId: string }
  | { readonly _tag: "HoldLapsed"; readonly childId: string }
  | { readonly _tag: "OfferLapsed"; readonly childId: string }
  | { readonly _tag: "Released"; readonly childId: string }

// ---------------------------------------------------------------------------------------------------------
// Errors

/** No place is free for a new arrival (places left are promised to people already waiting, if any). */
export class CapacityExceeded extends Schema.TaggedError<CapacityExceeded>()("CapacityExceeded", {
  sessionId: Schema.String,
  capacity: Schema.Int,
  waiting: Schema.Int,
  code: Schema.Literal("capacity-exceeded"),
  message: Schema.String
}) {}

/** The hold lapsed before confirmation. */
export class HoldExpired extends Schema.TaggedError<HoldExpired>()("HoldExpired", {
  childId: Schema.String,
  expiresAt: Schema.DateTimeUtcFromString,
  code: Schema.Literal("hold-expired"),
  message: Schema.String
}) {}

/** There is no hold for the child to confirm. */
export class NoHold extends Schema.TaggedError<NoHold>()("NoHold", {
  childId: Schema.String,
  code: Schema.Literal("no-hold"),
  message: Schema.String
}) {}

/** The child is not waiting, or there is nobody waiting to offer a place to. */
export class NotOnWaitlist extends Schema.TaggedError<NotOnWaitlist>()("NotOnWaitlist", {
  childId: Schema.optionalKey(Schema.String),
  code: Schema.Literal("not-on-waitlist"),
  message: Schema.String
}) {}

/** The child has no offer to accept or decline. */
export class NoOffer extends Schema.TaggedError<NoOffer>()("NoOffer", {
  childId: Schema.String,
  code: Schema.Literal("no-offer"),
  message: Schema.String
}) {}

/** The acceptance window of the offer has closed. */
export class OfferExpired extends Schema.TaggedError<OfferExpired>()("OfferExpired", {
  childId: Schema.String,
  expiresAt: Schema.DateTimeUtcFromString,
  code: Schema.Literal("offer-expired"),
  message: Schema.String
}) {}

/** The child already has a place, a hold, an offer or a waitlist entry for this session. */
export class AlreadyBooked extends Schema.TaggedError<AlreadyBooked>()("AlreadyBooked", {
  childId: Schema.String,
  as: Schema.Literals(["confirmed", "hold", "offer", "waiting"]),
  code: Schema.Literal("already-booked"),
  message: Schema.String
}) {}

/** The child has nothing in this session to cancel or release. */
export class NotBooked extends Schema.TaggedError<NotBooked>()("NotBooked", {
  childId: Schema.String,
  code: Schema.Literal("not-booked"),
  message: Schema.String
}) {}

/** The session overlaps another session the child is booked on. */
export class Overlap extends Schema.TaggedError<Overlap>()("Overlap", {
  childId: Schema.String,
  sessionId: Schema.String,
  otherSessionId: Schema.String,
  code: Schema.Literal("overlap"),
  message: Schema.String
}) {}

/** A hold or an offer would expire at or before `now`. */
export class InvalidExpiry extends Schema.TaggedError<InvalidExpiry>()("InvalidExpiry", {
  expiresAt: Schema.DateTimeUtcFromString,
  code: Schema.Literal("invalid-expiry"),
  message: Schema.String
}) {}

/** Any reason a capacity transition fails. */
export type CapacityError =
  | CapacityExceeded
  | HoldExpired
  | NoHold
  | NotOnWaitlist
  | NoOffer
  | OfferExpired
  | AlreadyBooked
  | NotBooked
  | Overlap
  | InvalidExpiry

/** What every transition returns. */
export type Transition<E extends CapacityError = CapacityError> = Result.Result<
  readonly [State, ReadonlyArray<Event>],
  E
>

// ---------------------------------------------------------------------------------------------------------
// Queries

const ms = (t: DateTime.DateTime): number => DateTime.toEpochMillis(t)
const romeTime = (t: DateTime.DateTime): string =>
  DateTime.formatIsoZoned(DateTime.setZoneNamedUnsafe(t, "Europe/Rome")).slice(0, 16).replace("T", " ")

/** Whether a hold or an offer is still live at `now` (it lapses at its expiry instant). */
export const isLive = (h: Hold, now: DateTime.DateTime): boolean => ms(h.expiresAt) > ms(now)

/** Places taken at `now`: confirmed bookings, live holds and live offers. */
export const occupied = (state: State, now: DateTime.DateTime): number => {
  const t = ms(now)
  let n = state.confirmed.length
  for (const h of state.holds) if (ms(h.expiresAt) > t) n++
  for (const o of state.offers) if (ms(o.expiresAt) > t) n++
  return n
}

/** Places free at `now` (never negative). */
export const free = (state: State, now: DateTime.DateTime): number =>
  Math.max(0, state.capacity - occupied(state, now))

/** Places a new arrival may take at `now`: free places not owed to people already waiting. */
export const available = (state: State, now: DateTime.DateTime): number =>
  Math.max(0, free(state, now) - state.waitlist.length)

/** Whether the invariant holds at `now`: confirmed + live holds + live offers ≤ capacity, waitlist in arrival order. */
export const isConsistent = (state: State, now: DateTime.DateTime): boolean =>
  occupied(state, now) <= state.capacity &&
  state.waitlist.every((w, i) => i === 0 || state.waitlist[i - 1]!.seq < w.seq)

/** Whether `list` has an entry for `childId` (a plain loop: this runs on every booking, over long waitlists). */
const has = (list: ReadonlyArray<{ readonly childId: string }>, childId: string): boolean => {
  for (let i = 0; i < list.length; i++) if (list[i]!.childId === childId) return true
  return false
}

/** Where a child stands in a session. */
type Standing = "confirmed" | "hold" | "offer" | "waiting" | "absent"

/**
 * Where each child stands, for the states `request` derives one from another: a rush of bookings on one
 * session would otherwise scan its waitlist once per booking. An index is built from a state's lists
 * the first time `request` runs on it, and handed on to the state `request` returns, updated for the one
 * child it moved; the state it came from loses it (asked again, that state answers from its lists, as
 * every other state does). The answers are always the lists' answers.
 */
const standings = new WeakMap<State, Map<string, Standing>>()

const standingsOf = (state: State): Map<string, Standing> => {
  const index = new Map<string, Standing>()
  for (const c of state.absent) index.set(c, "absent")
  for (const w of state.waitlist) index.set(w.childId, "waiting")
  for (const o of state.offers) index.set(o.childId, "offer")
  for (const h of state.holds) index.set(h.childId, "hold")
  for (const b of state.confirmed) index.set(b.childId, "confirmed")
  return index
}

/** Where a child stands in the session, if anywhere. */
export const statusOf = (state: State, childId: string): Standing | undefined => {
  const index = standings.get(state)
  if (index !== undefined) return index.get(childId)
  return has(state.confirmed, childId)
    ? "confirmed"
    : has(state.holds, childId)
      ? "hold"
      : has(state.offers, childId)
        ? "offer"
        : has(state.waitlist, childId)
          ? "waiting"
          : state.absent.includes(childId)
            ? "absent"
            : undefined
}

/** A child's 1-based place in the waitlist, if waiting. */
export const waitlistPosition = (state: State, childId: string): number | undefined => {
  for (let i = 0; i < state.waitlist.length; i++) if (state.waitlist[i]!.childId === childId) return i + 1
  return undefined
}

// ---------------------------------------------------------------------------------------------------------
// Transitions

const ok = (state: State, events: ReadonlyArray<Event>): Transition<never> =>
  Result.succeed([state, events] as const)

const booked = (state: State, childId: string): Result.Result<void, AlreadyBooked> => {
  const s = statusOf(state, childId)
  if (s === undefined || s === "absent") return Result.void
  const what = {
    confirmed: "ha già un posto",
    hold: "ha già un posto in attesa di conferma",
    offer: "ha già un posto offerto",
    waiting: "è già in lista d'attesa"
  }[s]
  return Result.fail(
    new AlreadyBooked({
      childId,
      as: s,
      code: "already-booked",
      message: `Il bambino ${childId} ${what} per questa sessione`
    })
  )
}

const futureExpiry = (expiresAt: DateTime.Utc, now: DateTime.DateTime): Result.Result<void, InvalidExpiry> =>
  ms(expiresAt) > ms(now)
    ? Result.void
    : Result.fail(
        new InvalidExpiry({
          expiresAt,
          code: "invalid-expiry",
          message: `La scadenza (${romeTime(expiresAt)}) deve essere successiva all'istante attuale (${romeTime(now)})`
        })
      )

const full = (state: State): CapacityExceeded =>
  new CapacityExceeded({
    sessionId: state.sessionId,
    capacity: state.capacity,
    waiting: state.waitlist.length,
    code: "capacity-exceeded",
    message:
      state.waitlist.length === 0
        ? state.capacity === 1
          ? "Posti esauriti: la sessione ha un solo posto, già occupato"
          : `Posti esauriti: la sessione ha ${state.capacity} posti, tutti occupati`
        : `Posti esauriti: i posti liberi spettano alle ${state.waitlist.length} persone già in lista d'attesa`
  })

/** Holds a place for a child until `expiresAt`; fails with `CapacityExceeded` when none is available (then `waitlist`). */
export const hold = (
  state: State,
  input: { readonly childId: string; readonly expiresAt: DateTime.Utc },
  now: DateTime.Utc
): Transition<CapacityExceeded | AlreadyBooked | InvalidExpiry> => {
  const b = booked(state, input.childId)
  if (Result.isFailure(b)) return Result.fail(b.failure)
  const e = futureExpiry(input.expiresAt, now)
  if (Result.isFailure(e)) return Result.fail(e.failure)
  if (available(state, now) <= 0) return Result.fail(full(state))
  return ok(
    {
      ...state,
      holds: [...state.holds, { childId: input.childId, at: now, expiresAt: input.expiresAt }],
      absent: state.absent.filter((c) => c !== input.childId)
    },
    [{ _tag: "Held", childId: input.childId, expiresAt: input.expiresAt }]
  )
}

/** Confirms a child's live hold into a place. */
export const confirm = (
  state: State,
  input: { readonly childId: string },
  now: DateTime.Utc
): Transition<NoHold | HoldExpired> => {
  const h = state.holds.find((x) => x.childId === input.childId)
  if (h === undefined)
    return Result.fail(
      new NoHold({
        childId: input.childId,
        code: "no-hold",
        message: `Nessun posto trattenuto per il bambino ${input.childId}`
      })
    )
  if (!isLive(h, now))
    return Result.fail(
      new HoldExpired({
        childId: input.childId,
        expiresAt: h.expiresAt,
        code: "hold-expired",
        message: `Il posto trattenuto è scaduto alle ${romeTime(h.expiresAt)}: la prenotazione va ripresentata`
      })
    )
  return ok(
    {
      ...state,
      holds: state.holds.filter((x) => x !== h),
      confirmed: [...state.confirmed, { childId: input.childId, at: now }]
    },
    [{ _tag: "Confirmed", childId: input.childId }]
  )
}

/** Cancels whatever the child has in the session: a place, a hold, an offer or a waitlist entry. */
export const cancel = (
  state: State,
  input: { readonly childId: string },
  _now: DateTime.Utc
): Transition<NotBooked> => {
  const c = input.childId
  const s = statusOf(state, c)
  if (s === undefined || s === "absent")
    return Result.fail(
      new NotBooked({
        childId: c,
        code: "not-booked",
        message: `Il bambino ${c} non ha prenotazioni per questa sessione`
      })
    )
  const next: State =
    s === "confirmed"
      ? { ...state, confirmed: state.confirmed.filter((x) => x.childId !== c) }
      : s === "hold"
        ? { ...state, holds: state.holds.filter((x) => x.childId !== c) }
        : s === "offer"
          ? { ...state, offers: state.offers.filter((x) => x.childId !== c) }
          : { ...state, waitlist: state.waitlist.filter((x) => x.childId !== c) }
  return ok(next, [{ _tag: "Cancelled", childId: c, was: s }])
}

/** Puts a child at the end of the waitlist. */
export const waitlist = (
  state: State,
  input: { readonly childId: string },
  now: DateTime.Utc
): Transition<AlreadyBooked> => {
  const b = booked(state, input.childId)
  if (Result.isFailure(b)) return Result.fail(b.failure)
  return ok(
    {
      ...state,
      waitlist: [...state.waitlist, { childId: input.childId, seq: state.nextSeq, since: now }],
      absent: state.absent.filter((c) => c !== input.childId),
      nextSeq: state.nextSeq + 1
    },
    [{ _tag: "Waitlisted", childId: input.childId, position: state.waitlist.length + 1 }]
  )
}

/**
 * A family asks for a place: held until `expiresAt` (and confirmed at once when `confirm`) when one is
 * available, otherwise the end of the waitlist. The one decision every new booking takes; each request
 * takes the next arrival number, whether it gets a place or waits.
 */
export const request = (
  state: State,
  input: { readonly childId: string; readonly expiresAt: DateTime.Utc; readonly confirm: boolean },
  now: DateTime.Utc
): Transition<AlreadyBooked | InvalidExpiry> => {
  let index = standings.get(state)
  if (index === undefined) standings.set(state, (index = standingsOf(state)))
  const step = decideRequest(state, input, now)
  if (Result.isFailure(step)) return step
  const [next, events] = step.success
  const done: State = next.nextSeq === state.nextSeq ? { ...next, nextSeq: state.nextSeq + 1 } : next
  // The index follows the new state: only the requesting child moved.
  standings.delete(state)
  index.set(input.childId, events.some((e) => e._tag === "Waitlisted") ? "waiting" : events.some((e) => e._tag === "Confirmed") ? "confirmed" : "hold")
  standings.set(done, index)
  return ok(done, events)
}

const decideRequest = (
  state: State,
  input: { readonly childId: string; readonly expiresAt: DateTime.Utc; readonly confirm: boolean },
  now: DateTime.Utc
): Transition<AlreadyBooked | InvalidExpiry> => {
  // A full session goes straight to the waitlist, without building `hold`'s CapacityExceeded.
  if (available(state, now) <= 0) return waitlist(state, { childId: input.childId }, now)
  const held = hold(state, input, now)
  if (Result.isFailure(held)) return held.failure._tag === "CapacityExceeded" ? waitlist(state, { childId: input.childId }, now) : Result.fail(held.failure)
  const [heldState, heldEvents] = held.success
  if (!input.confirm) return ok(heldState, heldEvents)
  // A hold made at `now` is live at `now`: confirming it cannot fail.
  const [done, events] = Result.getOrThrow(confirm(heldState, { childId: input.childId }, now))
  return ok(done, [...heldEvents, ...events])
}

/** Offers a free place to the head of the waitlist, to accept before `expiresAt`. */
export const offer = (
  state: State,
  input: { readonly expiresAt: DateTime.Utc },
  now: DateTime.Utc
): Transition<CapacityExceeded | NotOnWaitlist | InvalidExpiry> => {
  const e = futureExpiry(input.expiresAt, now)
  if (Result.isFailure(e)) return Result.fail(e.failure)
  const head = state.waitlist[0]
  if (head === undefined)
    return Result.fail(
      new NotOnWaitlist({
        code: "not-on-waitlist",
        message: "Nessuno in lista d'attesa a cui offrire il posto"
      })
    )
  if (free(state, now) <= 0) return Result.fail(full(state))
  return ok(
    {
      ...state,
      waitlist: state.waitlist.slice(1),
      offers: [...state.offers, { childId: head.childId, at: now, expiresAt: input.expiresAt }]
    },
    [{ _tag: "Offered", childId: head.childId, expiresAt: input.expiresAt }]
  )
}

const findOffer = (
  state: State,
  childId: string,
  now: DateTime.Utc
): Result.Result<Hold, NoOffer | OfferExpired> => {
  const o = state.offers.find((x) => x.childId === childId)
  if (o === undefined)
    return Result.fail(
      new NoOffer({ childId, code: "no-offer", message: `Nessun posto offerto al bambino ${childId}` })
    )
  if (!isLive(o, now))
    return Result.fail(
      new OfferExpired({
        childId,
        expiresAt: o.expiresAt,
        code: "offer-expired",
        message: `L'offerta del posto è scaduta alle ${romeTime(o.expiresAt)}`
      })
    )
  return Result.succeed(o)
}

/** Accepts a live offer: the place becomes confirmed. */
export const accept = (
  state: State,
  input: { readonly childId: string },
  now: DateTime.Utc
): Transition<NoOffer | OfferExpired> => {
  const o = findOffer(state, input.childId, now)
  if (Result.isFailure(o)) return Result.fail(o.failure)
  return ok(
    {
      ...state,
      offers: state.offers.filter((x) => x !== o.success),
      confirmed: [...state.confirmed, { childId: input.childId, at: now }]
    },
    [{ _tag: "Accepted", childId: input.childId }]
  )
}

/** Declines a live offer: the child leaves the session and the place is free for the next in line. */
export const decline = (
  state: State,
  input: { readonly childId: string },
  now: DateTime.Utc
): Transition<NoOffer | OfferExpired> => {
  const o = findOffer(state, input.childId, now)
  if (Result.isFailure(o)) return Result.fail(o.failure)
  return ok({ ...state, offers: state.offers.filter((x) => x !== o.success) }, [
    { _tag: "Declined", childId: input.childId }
  ])
}

/** Drops the holds and offers that have lapsed at `now` (never fails). */
export const expire = (state: State, now: DateTime.Utc): Transition<never> => {
  const t = ms(now)
  const events: Array<Event> = []
  const holds = state.holds.filter(
    (h) => ms(h.expiresAt) > t || (events.push({ _tag: "HoldLapsed", childId: h.childId }), false)
  )
  const offers = state.offers.filter(
    (o) => ms(o.expiresAt) > t || (events.push({ _tag: "OfferLapsed", childId: o.childId }), false)
  )
  return ok(events.length === 0 ? state : { ...state, holds, offers }, events)
}

/** A confirmed child is absent this one day: the place goes back to the pool (the booking series is untouched). */
export const release = (
  state: State,
  input: { readonly childId: string },
  _now: DateTime.Utc
): Transition<NotBooked> => {
  const c = input.childId
  if (!state.confirmed.some((b) => b.childId === c))
    return Result.fail(
      new NotBooked({
        childId: c,
        code: "not-booked",
        message: `Il bambino ${c} non ha un posto confermato in questa sessione`
      })
    )
  return ok(
    { ...state, confirmed: state.confirmed.filter((b) => b.childId !== c), absent: [...state.absent, c] },
    [{ _tag: "Released", childId: c }]
  )
}

/** Settings of `sweep`. */
export interface SweepOptions {
  /** How long the next in line has to accept an offer. */
  readonly offerWindow: Duration.Duration
}

/**
 * Housekeeping at `now`: drops lapsed holds and offers, then offers every free place to the waitlist in
 * arrival order, each with `offerWindow` to accept. Never fails.
 */
export const sweep = (state: State, now: DateTime.Utc, options: SweepOptions): Transition<never> => {
  const [expired, events] = Result.getOrThrow(expire(state, now))
  const n = Math.min(free(expired, now), expired.waitlist.length)
  if (n === 0) return ok(expired, events)
  const expiresAt = DateTime.toUtc(DateTime.addDuration(now, options.offerWindow))
  const offered = expired.waitlist.slice(0, n)
  const out: Array<Event> = [...events]
  for (const w of offered) out.push({ _tag: "Offered", childId: w.childId, expiresAt })
  return ok(
    {
      ...expired,
      waitlist: expired.waitlist.slice(n),
      offers: [...expired.offers, ...offered.map((w) => ({ childId: w.childId, at: now, expiresAt }))]
    },
    out
  )
}

// ---------------------------------------------------------------------------------------------------------
// Overlaps

/** A session a child is (or would be) booked on: its id, date and local times. */
export type Slot = Pick<Scheduling.Session, "id" | "date" | "start" | "end">

/** Whether two sessions overlap in time (same date, intervals intersecting; touching ends do not overlap). */
export const overlaps = (a: Slot, b: Slot): boolean => a.date === b.date && a.start < b.end && b.start < a.end

/** Checks that `session` overlaps none of the child's other bookings; fails with the first overlapping one. */
export const checkOverlap = (
  childId: string,
  session: Slot,
  others: ReadonlyArray<Slot>
): Result.Result<Slot, Overlap> => {
  const clash = others.find((o) => o.id !== session.id && overlaps(session, o))
  return clash === undefined
    ? Result.succeed(session)
    : Result.fail(
        new Overlap({
          childId,
          sessionId: session.id,
          otherSessionId: clash.id,
          code: "overlap",
          message: `Il bambino ${childId} è già prenotato il ${clash.date} dalle ${clash.start} alle ${clash.end}: le sessioni si sovrappongono`
        })
      )
}
