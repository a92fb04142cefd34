/**
 * Scheduling: the sessions a service holds, generated from its schedule and a place's calendar.
 *
 * A `recurring` schedule runs on some weekdays between two dates, minus national holidays, patron days that
 * close offices, the service's own closures and (for pre/post-school services) days without lessons. A
 * `closure-only` schedule runs *only* on school-closure days of a school level (Christmas, Carnival by
 * rite, Easter, bridges, summer: `Calendar.closureWindows`). Region, school year and rite are data: pass
 * another `Calendar.LocalCalendar` and the same code plans another territory.
 *
 * Session ids are stable, `${serviceId}:${date}:${HHMM}`, so regenerating after a calendar change tells
 * which sessions were added, removed or moved. Times are local wall-clock times in Europe/Rome; `instants`
 * turns a session into UTC instants (for ICS files and across daylight-saving changes).
 *
 * @example
 * ```ts
 * const plan = { serviceId: "pre-scuola", schedule: { kind: "recurring", weekdays: [1, 2, 3, 4, 5],
 *   start: "07:30", end: "08:30", from: "2022-09-12", to: "2023-06-08", schoolDaysOf: "primaria" } }
 * Scheduling.generate(plan, { calendar: Calendar.voghera })[0]?.id  // "pre-scuola:2022-09-12:0730"
 * ```
 */
import { DateTime, Schema } from "effect"
import * as Calendar from "./Calendar.ts"
import * as LocalDate from "./LocalDate.ts"

// ---------------------------------------------------------------------------------------------------------
// Data shapes

/** A local wall-clock time, `HH:MM` (24 hours), read in Europe/Rome unless said otherwise. */
export const Time = Schema.String.pipe(Schema.check(Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/)))
/** A local wall-clock time, `HH:MM`. */
export type Time = typeof Time.Type

/** An ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 7 })))
/** An ISO weekday. */
export type Weekday = typeof Weekday.Type

const wellFormed = (s: {
  readonly start: string
  readonly end: string
  readonly from: string
  readonly to: string
}) =>
  s.start >= s.end
    ? "l'orario di fine deve seguire quello di inizio (end time must follow start time)"
    : s.from > s.to
      ? "la data di fine precede quella di inizio (end date before start date)"
      : true

/** Weekly sessions between two dates (both included), optionally only on days with lessons for a level. */
export const Recurring = Schema.Struct({
  kind: Schema.Literal("recurring"),
  weekdays: Schema.Array(Weekday),
  start: Time,
  end: Time,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate,
  /** Only on school days of this level (pre- and post-school services follow the school calendar). */
  schoolDaysOf: Schema.optionalKey(Calendar.SchoolLevel)
}).check(Schema.makeFilter(wellFormed))
/** Weekly sessions between two dates. */
export type Recurring = typeof Recurring.Type

/** Sessions only on school-closure days of a level (closure-period childcare, centri estivi). */
export const ClosureOnly = Schema.Struct({
  kind: Schema.Literal("closure-only"),
  level: Calendar.SchoolLevel,
  start: Time,
  end: Time,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate,
  /** Weekdays the service opens on closure days; Monday to Friday when absent. */
  weekdays: Schema.optionalKey(Schema.Array(Weekday)),
  /** Only closures for these reasons (e.g. `["summer"]` for a centro estivo); all when absent. */
  reasons: Schema.optionalKey(Schema.Array(Calendar.ClosureReason))
}).check(Schema.makeFilter(wellFormed))
/** Sessions only on school-closure days. */
export type ClosureOnly = typeof ClosureOnly.Type

/** A service's schedule: recurring, or closure days only. */
export const Schedule = Schema.Union([Recurring, ClosureOnly])
/** A service's schedule. */
export type Schedule = typeof Schedule.Type

/** What to plan for one service: its id, its schedule, and the days it is closed on its own account. */
export const Plan = Schema.Struct({
  serviceId: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  schedule: Schedule,
  /** The provider's own closure days (staff training, August shutdown…). */
  closures: Schema.optionalKey(Schema.Array(LocalDate.LocalDate))
})
/** What to plan for one service. */
export type Plan = typeof Plan.Type

/** The place's calendar a plan is laid on: holidays are national; school data, rite and patron days come from it. */
export interface Options {
  readonly calendar: Calendar.AnyCalendar
  /** A school whose own closure days (bridges) and rite apply. */
  readonly institute?: Calendar.Institute
}

/** A session's stable id: `${serviceId}:${date}:${HHMM}`. */
export const SessionId = Schema.String.pipe(Schema.brand("SessionId"))
/** A session's stable id. */
export type SessionId = typeof SessionId.Type

/** One session of a service: a date and local start and end times. */
export const Session = Schema.Struct({
  id: SessionId,
  serviceId: Schema.String,
  date: LocalDate.LocalDate,
  start: Time,
  end: Time,
  /** For closure-only services: why schools are closed that day. */
  closure: Schema.optionalKey(Calendar.ClosureReason)
})
/** One session of a service. */
export type Session = typeof Session.Type

/** Why a scheduled weekday has no session. */
export const SkipReason = Schema.Literals([
  "holiday",
  "patron-day",
  "service-closure",
  "no-lessons",
  "school-day",
  "closure-reason-excluded",
  "no-calendar-data"
])
/** Why a scheduled weekday has no session. */
export type SkipReason = typeof SkipReason.Type

/** Italian text of each skip reason. */
export const skipReasonLabel: Record<SkipReason, string> = {
  holiday: "festività nazionale",
  "patron-day": "festa patronale con uffici chiusi",
  "service-closure": "chiusura del servizio",
  "no-lessons": "giorno senza lezioni",
  "school-day": "giorno di scuola: il servizio apre solo nelle chiusure scolastiche",
  "closure-reason-excluded": "chiusura scolastica non coperta dal servizio",
  "no-calendar-data": "calendario scolastico non disponibile per la data"
}

/** A weekday of the schedule on which no session is held, and why. */
export interface Skipped {
  readonly serviceId: string
  readonly date: LocalDate.LocalDate
  readonly reason: SkipReason
  /** The holiday's name, when the reason is a holiday. */
  readonly holiday?: string
}

// ---------------------------------------------------------------------------------------------------------
// Rules

/** The stable id of the session of `serviceId` on `date` starting at `start`. */
export const sessionId = (serviceId: string, date: LocalDate.LocalDate, start: Time): SessionId =>
  `${serviceId}:${date}:${start.slice(0, 2)}${start.slice(3, 5)}` as SessionId

/**
 * The days of a range, classified once and shared by every plan of a run: weekday, holiday name, patron
 * day closing offices, and per school level (lazily) the closure reason or whether lessons are held.
 */
interface DayIndex {
  readonly from: LocalDate.LocalDate
  readonly dates: ReadonlyArray<LocalDate.LocalDate>
  readonly weekdays: Uint8Array
  readonly holidays: ReadonlyArray<string | undefined>
  readonly officesClosed: Uint8Array
  readonly level: (level: Calendar.SchoolLevel) => LevelDays
}

interface LevelDays {
  /** 1 when lessons are held. */
  readonly lessons: Uint8Array
  /** 1 when the calendar covers the date for this level. */
  readonly covered: Uint8Array
  readonly closure: ReadonlyArray<Calendar.ClosureReason | undefined>
}

// How a date is for a school level on a calendar (and institute): "L" lessons, "U" no data, "-" no lessons
// for no closure reason (weekend, holiday), or the closure reason. Memoised per calendar, institute and
// level (calendars are immutable values): invisible to callers, so the functions stay pure.
type DayClass = "L" | "U" | "-" | Calendar.ClosureReason
const noInstitute = {}
const classCache = new WeakMap<object, WeakMap<object, Map<Calendar.SchoolLevel, Map<string, DayClass>>>>()

const classOf = (
  calendar: Calendar.AnyCalendar,
  institute: Calendar.Institute | undefined,
  level: Calendar.SchoolLevel
): Map<string, DayClass> => {
  let byInstitute = classCache.get(calendar)
  if (byInstitute === undefined) classCache.set(calendar, (byInstitute = new WeakMap()))
  const key = institute ?? noInstitute
  let byLevel = byInstitute.get(key)
  if (byLevel === undefined) byInstitute.set(key, (byLevel = new Map()))
  let days = byLevel.get(level)
  if (days === undefined) byLevel.set(level, (days = new Map()))
  return days
}

const classify = (
  calendar: Calendar.AnyCalendar,
  institute: Calendar.Institute | undefined,
  level: Calendar.SchoolLevel,
  date: LocalDate.LocalDate
): DayClass => {
  if (Calendar.schoolCalendarOn(calendar, date) === undefined) return "U"
  if (Calendar.isSchoolDay(calendar, level, date, institute)) return "L"
  return Calendar.closureReason(calendar, level, date, institute) ?? "-"
}

const buildIndex = (options: Options, from: LocalDate.LocalDate, to: LocalDate.LocalDate): DayIndex => {
  const dates = from <= to ? LocalDate.range(from, to) : []
  const n = dates.length
  const weekdays = new Uint8Array(n)
  const holidays: Array<string | undefined> = new Array(n)
  const officesClosed = new Uint8Array(n)
  const calendar = options.calendar
  const institute = options.institute
  const byYear = new Map<number, Map<string, string>>()
  for (let i = 0; i < n; i++) {
    const d = dates[i]!
    weekdays[i] = i === 0 ? LocalDate.weekday(d) : (weekdays[i - 1]! % 7) + 1
    const y = LocalDate.year(d)
    let names = byYear.get(y)
    if (names === undefined) {
      names = new Map(Calendar.holidays(y).map((h) => [h.date as string, h.name]))
      byYear.set(y, names)
    }
    holidays[i] = names.get(d)
    if (calendar._tag === "LocalCalendar" && Calendar.patronDayCloses(calendar, d, "offices"))
      officesClosed[i] = 1
  }
  const levels = new Map<Calendar.SchoolLevel, LevelDays>()
  const level = (l: Calendar.SchoolLevel): LevelDays => {
    const cached = levels.get(l)
    if (cached !== undefined) return cached
    const lessons = new Uint8Array(n)
    const covered = new Uint8Array(n)
    const closure: Array<Calendar.ClosureReason | undefined> = new Array(n)
    const memo = classOf(calendar, institute, l)
    for (let i = 0; i < n; i++) {
      const d = dates[i]!
      let c = memo.get(d)
      if (c === undefined) memo.set(d, (c = classify(calendar, institute, l, d)))
      if (c === "U") continue
      covered[i] = 1
      if (c === "L") lessons[i] = 1
      else if (c !== "-") closure[i] = c
    }
    const days = { lessons, covered, closure }
    levels.set(l, days)
    return days
  }
  return { from, dates, weekdays, holidays, officesClosed, level }
}

const mask = (weekdays: ReadonlyArray<number>): number => weekdays.reduce((m, w) => m | (1 << w), 0)
const weekdaysMonFri = mask([1, 2, 3, 4, 5])

const plan1 = (
  plan: Plan,
  index: DayIndex,
  sessions: Array<Session> | undefined,
  skipped: Array<Skipped> | undefined
): void => {
  const s = plan.schedule
  const closures =
    plan.closures === undefined || plan.closures.length === 0 ? undefined : new Set<string>(plan.closures)
  const days =
    s.kind === "closure-only"
      ? index.level(s.level)
      : s.schoolDaysOf === undefined
        ? undefined
        : index.level(s.schoolDaysOf)
  const allowed =
    s.kind === "closure-only" && s.reasons !== undefined ? new Set<string>(s.reasons) : undefined
  const weekMask =
    s.kind === "recurring" ? mask(s.weekdays) : s.weekdays === undefined ? weekdaysMonFri : mask(s.weekdays)
  const hhmm = `${s.start.slice(0, 2)}${s.start.slice(3, 5)}`
  const prefix = `${plan.serviceId}:`
  const first = Math.max(0, LocalDate.daysBetween(index.from, s.from))
  const last = Math.min(index.dates.length - 1, LocalDate.daysBetween(index.from, s.to))
  for (let i = first; i <= last; i++) {
    if ((weekMask & (1 << index.weekdays[i]!)) === 0) continue
    const date = index.dates[i]!
    let reason: SkipReason | undefined
    const holiday = index.holidays[i]
    let closure: Calendar.ClosureReason | undefined
    if (holiday !== undefined) reason = "holiday"
    else if (closures?.has(date) === true) reason = "service-closure"
    else if (s.kind === "recurring") {
      if (index.officesClosed[i] === 1) reason = "patron-day"
      else if (days !== undefined && days.lessons[i] !== 1)
        reason = days.covered[i] === 1 ? "no-lessons" : "no-calendar-data"
    } else {
      closure = days!.closure[i]
      if (days!.covered[i] !== 1) reason = "no-calendar-data"
      else if (closure === undefined) reason = "school-day"
      else if (allowed !== undefined && !allowed.has(closure)) reason = "closure-reason-excluded"
    }
    if (reason === undefined) {
      if (sessions !== undefined) {
        const id = `${prefix}${date}:${hhmm}` as SessionId
        sessions.push(
          closure === undefined
            ? { id, serviceId: plan.serviceId, date, start: s.start, end: s.end }
            : { id, serviceId: plan.serviceId, date, start: s.start, end: s.end, closure }
        )
      }
    } else if (skipped !== undefined) {
      skipped.push(
        holiday === undefined
          ? { serviceId: plan.serviceId, date, reason }
          : { serviceId: plan.serviceId, date, reason, holiday }
      )
    }
  }
}

const span = (plans: ReadonlyArray<Plan>): [LocalDate.LocalDate, LocalDate.LocalDate] | undefined => {
  if (plans.length === 0) return undefined
  let from = plans[0]!.schedule.from
  let to = plans[0]!.schedule.to
  for (const p of plans) {
    if (p.schedule.from < from) from = p.schedule.from
    if (p.schedule.to > to) to = p.schedule.to
  }
  return [from, to]
}

/**
 * The sessions of many services on one calendar, in plan order and, within a plan, in date order. The days
 * are classified once for the whole run, so a project year of 200 services takes a few milliseconds.
 */
export const generateAll = (plans: ReadonlyArray<Plan>, options: Options): ReadonlyArray<Session> => {
  const range = span(plans)
  if (range === undefined) return []
  const index = buildIndex(options, range[0], range[1])
  const out: Array<Session> = []
  for (const p of plans) plan1(p, index, out, undefined)
  return out
}

/** The sessions of one service, in date order. */
export const generate = (plan: Plan, options: Options): ReadonlyArray<Session> => generateAll([plan], options)

/** The scheduled weekdays of one service that get no session, each with its reason (for the service page). */
export const skipped = (plan: Plan, options: Options): ReadonlyArray<Skipped> => {
  const index = buildIndex(options, plan.schedule.from, plan.schedule.to)
  const out: Array<Skipped> = []
  plan1(plan, index, undefined, out)
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Time zones

/** The zone session times are read in. */
export const zone = "Europe/Rome"

/** The UTC instants a session starts and ends, reading its times in `timeZone` (Europe/Rome by default). */
export const instants = (
  session: Pick<Session, "date" | "start" | "end">,
  timeZone: string = zone
): { readonly start: DateTime.Utc; readonly end: DateTime.Utc } => {
  const at = (t: string) =>
    DateTime.toUtc(DateTime.makeZonedUnsafe(`${session.date}T${t}`, { timeZone, adjustForTimeZone: true }))
  return { start: at(session.start), end: at(session.end) }
}

// ---------------------------------------------------------------------------------------------------------
// Regeneration

/** A session that moved: the old one is gone and the new one takes its place. */
export interface Move {
  readonly from: Session
  readonly to: Session
}

/** What changed between two generations of sessions. */
export interface Diff {
  /** The new sessions, as `generateAll` returns them. */
  readonly sessions: ReadonlyArray<Session>
  /** New sessions that replace no old one. */
  readonly added: ReadonlyArray<Session>
  /** Old sessions that nothing replaces. */
  readonly removed: ReadonlyArray<Session>
  /** Old sessions replaced by a new one of the same service within `maxShiftDays` (or the same day at another time). */
  readonly moved: ReadonlyArray<Move>
  /** Sessions present in both, by id. */
  readonly unchanged: number
}

/** Tuning for `regenerate`. */
export interface RegenerateOptions {
  /** How many days apart a removed and an added session of a service may be to count as a move (default 7). */
  readonly maxShiftDays?: number
}

/**
 * Regenerates sessions on a changed calendar (or changed plans) and reports the difference with `old`:
 * sessions whose id is gone and came back elsewhere are paired as moves, greedily in date order, each
 * removed session with the earliest unpaired added session of the same service within `maxShiftDays`.
 */
export const regenerate = (
  old: ReadonlyArray<Session>,
  plans: ReadonlyArray<Plan>,
  options: Options,
  tuning: RegenerateOptions = {}
): Diff => {
  const maxShift = tuning.maxShiftDays ?? 7
  const sessions = generateAll(plans, options)
  const newIds = new Set<string>(sessions.map((s) => s.id))
  const oldIds = new Set<string>(old.map((s) => s.id))
  const gone = old.filter((s) => !newIds.has(s.id))
  const fresh = sessions.filter((s) => !oldIds.has(s.id))
  const byDate = (a: Session, b: Session) =>
    LocalDate.compare(a.date, b.date) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)
  gone.sort(byDate)
  fresh.sort(byDate)
  const freshByService = new Map<string, Array<Session>>()
  for (const s of fresh) {
    const list = freshByService.get(s.serviceId)
    if (list === undefined) freshByService.set(s.serviceId, [s])
    else list.push(s)
  }
  const taken = new Set<string>()
  const moved: Array<Move> = []
  const removed: Array<Session> = []
  for (const s of gone) {
    const candidates = freshByService.get(s.serviceId) ?? []
    const match = candidates.find(
      (c) => !taken.has(c.id) && Math.abs(LocalDate.daysBetween(s.date, c.date)) <= maxShift
    )
    if (match === undefined) removed.push(s)
    else {
      taken.add(match.id)
      moved.push({ from: s, to: match })
    }
  }
  return {
    sessions,
    added: fresh.filter((s) => !taken.has(s.id)),
    removed,
    moved,
    unchanged: sessions.length - fresh.length
  }
}
