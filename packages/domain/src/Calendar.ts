/**
 * Calendars: Italian national holidays, local patron days, regional school calendars, and the
 * school-closure windows derived from them (the weekdays children are out of school while parents work:
 * where conciliation demand peaks).
 *
 * National holidays come from `date-holidays` (the list changes by law: 4 October, San Francesco, is a
 * national holiday again from 2026, and the library knows it). Only its `public` Italian entries are kept
 * (observances such as Mother's Day are dropped), and each is read as the local date it names in
 * Europe/Rome, never through a `Date` in the machine's zone. Every call passes the year, so the library
 * never reads the clock. Patron days and school calendars are our own data, with validity dates.
 *
 * @example
 * ```ts
 * Calendar.isHoliday(LocalDate.make("2023-04-10"))                                  // true: Easter Monday
 * Calendar.isSchoolDay(Calendar.voghera, "primaria", LocalDate.make("2023-02-20"))  // false: Carnival (Roman rite)
 * Calendar.closureWindows(Calendar.voghera, "primaria", LocalDate.make("2022-09-01"), LocalDate.make("2023-08-31"))
 * // [{ from: "2022-09-01", to: "2022-09-09", reasons: ["before-term"] }, { from: "2022-12-23", ... }, ...]
 * ```
 */
import Holidays from "date-holidays"
import { Result, Schema } from "effect"
import * as LocalDate from "./LocalDate.ts"
import { IstatCode } from "./Territory.ts"

// ---------------------------------------------------------------------------------------------------------
// National holidays

/** A national public holiday: its date and Italian name. */
export class Holiday extends Schema.Class<Holiday>("Holiday")({
  date: LocalDate.LocalDate,
  name: Schema.String
}) {}

// The library's Italian rules are built once, on first use (not at import), and each year's answer is
// memoised: both are invisible to callers, so the functions stay pure.
let italy: Holidays | undefined
const byYear = new Map<
  number,
  { readonly list: ReadonlyArray<Holiday>; readonly easter: LocalDate.LocalDate | undefined }
>()

const yearOf = (year: number) => {
  if (!Number.isInteger(year) || year < 1583 || year > 9999)
    throw new RangeError(`year out of range: ${year}`)
  const cached = byYear.get(year)
  if (cached !== undefined) return cached
  italy ??= new Holidays("IT", { languages: ["it"], timezone: "Europe/Rome", types: ["public"] })
  const entries = italy
    .getHolidays(year, "it")
    .filter((h) => h.type === "public")
    // `date` is the holiday's local wall date ("2023-04-10 00:00:00"): no Date, no machine zone involved.
    .map((h) => ({
      rule: h.rule,
      holiday: new Holiday({ date: LocalDate.make(h.date.slice(0, 10)), name: h.name })
    }))
  const list = entries.map((e) => e.holiday).sort((a, b) => LocalDate.compare(a.date, b.date))
  const result = { list, easter: entries.find((e) => e.rule === "easter")?.holiday.date }
  byYear.set(year, result)
  return result
}

/** The national public holidays of Italy in a year (1583 … 9999), in date order. */
export const holidays = (year: number): ReadonlyArray<Holiday> => yearOf(year).list

/** Whether a date is an Italian national public holiday. */
export const isHoliday = (date: LocalDate.LocalDate): boolean =>
  holidays(LocalDate.year(date)).some((h) => h.date === date)

/** Easter Sunday of a year (Gregorian computus, as the holiday library computes it). */
export const easter = (year: number): LocalDate.LocalDate => {
  const e = yearOf(year).easter
  if (e === undefined) throw new Error(`no Easter in the holiday data for ${year}`)
  return e
}

// ---------------------------------------------------------------------------------------------------------
// Data shapes

/** A school level, as regional calendars distinguish them. `infanzia` is 3–6 years. */
export const SchoolLevel = Schema.Literals([
  "infanzia",
  "primaria",
  "secondaria-primo-grado",
  "secondaria-secondo-grado"
])
export type SchoolLevel = typeof SchoolLevel.Type

/** Liturgical rite of the territory: it moves Carnival (Ambrosian rite in most of the Milan diocese). */
export const Rite = Schema.Literals(["romano", "ambrosiano"])
export type Rite = typeof Rite.Type

/** What a regional break is. */
export const BreakKind = Schema.Literals(["christmas", "carnival", "easter", "bridge", "other"])
export type BreakKind = typeof BreakKind.Type

const datesInOrder = <T extends { readonly from: LocalDate.LocalDate; readonly to: LocalDate.LocalDate }>(
  t: T
): true | string => t.from <= t.to || "la data di fine precede quella di inizio (end date before start date)"

/** When lessons run for some school levels. */
export class Term extends Schema.Class<Term>("Term")(
  Schema.Struct({
    levels: Schema.Array(SchoolLevel),
    from: LocalDate.LocalDate,
    to: LocalDate.LocalDate
  }).check(Schema.makeFilter(datesInOrder))
) {}

/** A period without lessons set by the regional calendar (optionally only for a rite or some levels). */
export class Break extends Schema.Class<Break>("Break")(
  Schema.Struct({
    kind: BreakKind,
    from: LocalDate.LocalDate,
    to: LocalDate.LocalDate,
    rite: Schema.optionalKey(Rite),
    levels: Schema.optionalKey(Schema.Array(SchoolLevel)),
    /** Whether the dates were confirmed against the official act (`false`: plausible, to be verified). */
    verified: Schema.Boolean,
    note: Schema.optionalKey(Schema.String)
  }).check(Schema.makeFilter(datesInOrder))
) {}

/** A regional school calendar for one school year: terms per level and breaks, valid between two dates. */
export class SchoolCalendar extends Schema.TaggedClass<SchoolCalendar>()("SchoolCalendar", {
  id: Schema.String,
  region: Schema.String,
  schoolYear: Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{4}\/\d{2}$/))),
  validFrom: LocalDate.LocalDate,
  validTo: LocalDate.LocalDate,
  terms: Schema.Array(Term),
  breaks: Schema.Array(Break),
  /** ISO weekdays with lessons (1 = Monday); Saturday lessons are a school's choice. */
  schoolWeek: Schema.Array(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 7 })))),
  /** How many extra closure days (bridges) each school may add. */
  maxInstituteClosures: Schema.Int,
  source: Schema.String
}) {}

/** A school (or comprehensive institute) with its own closure days (bridges) and, if it differs, its rite. */
export class Institute extends Schema.Class<Institute>("Institute")({
  id: Schema.String,
  name: Schema.String,
  comune: IstatCode,
  rite: Schema.optionalKey(Rite),
  closures: Schema.Array(LocalDate.LocalDate),
  /** Invented for demonstration, not taken from a real school's resolution. */
  demo: Schema.Boolean
}) {}

/** Whether something closes on a patron day: `unknown` until the comune's act for that year is known. */
export const Closure = Schema.Literals(["closed", "open", "unknown"])
export type Closure = typeof Closure.Type

/** Whether schools and municipal offices close on a patron day in a given year. */
export class PatronDayClosure extends Schema.Class<PatronDayClosure>("PatronDayClosure")({
  year: Schema.Int,
  schools: Closure,
  offices: Closure
}) {}

/** A comune's patron saint's day (same day every year), with per-year closure flags. */
export class PatronDay extends Schema.Class<PatronDay>("PatronDay")({
  comune: IstatCode,
  saint: Schema.String,
  month: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 12 }))),
  day: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 31 }))),
  closures: Schema.Array(PatronDayClosure)
}) {}

/** A place's calendar: its rite, the regional school calendars that apply, patron days and institutes. */
export class LocalCalendar extends Schema.TaggedClass<LocalCalendar>()("LocalCalendar", {
  id: Schema.String,
  comune: IstatCode,
  rite: Rite,
  schoolCalendars: Schema.Array(SchoolCalendar),
  patronDays: Schema.Array(PatronDay),
  institutes: Schema.Array(Institute)
}) {}

/** Anything the school-day rules accept: a bare regional calendar (Roman rite) or a place's calendar. */
export type AnyCalendar = SchoolCalendar | LocalCalendar

// ---------------------------------------------------------------------------------------------------------
// Rules

/** Why a weekday is not a school day. */
export const ClosureReason = Schema.Literals([
  "before-term",
  "summer",
  "christmas",
  "carnival",
  "easter",
  "bridge",
  "patron-day",
  "other"
])
export type ClosureReason = typeof ClosureReason.Type

const schoolCalendarsOf = (calendar: AnyCalendar): ReadonlyArray<SchoolCalendar> =>
  calendar._tag === "SchoolCalendar" ? [calendar] : calendar.schoolCalendars

/** The school calendar in force on a date, if the data cover it. */
export const schoolCalendarOn = (
  calendar: AnyCalendar,
  date: LocalDate.LocalDate
): SchoolCalendar | undefined =>
  schoolCalendarsOf(calendar).find((c) => LocalDate.isBetween(date, c.validFrom, c.validTo))

/** The patron day of a place's comune that falls on a date, if any. */
export const patronDayOn = (
  calendar: LocalCalendar,
  date: LocalDate.LocalDate,
  comune?: IstatCode
): PatronDay | undefined =>
  calendar.patronDays.find(
    (p) =>
      p.comune === (comune ?? calendar.comune) &&
      p.month === LocalDate.month(date) &&
      p.day === LocalDate.day(date)
  )

/** Whether the patron day on `date` closes schools (or offices) that year, according to the data. */
export const patronDayCloses = (
  calendar: LocalCalendar,
  date: LocalDate.LocalDate,
  what: "schools" | "offices",
  comune?: IstatCode
): boolean => {
  const p = patronDayOn(calendar, date, comune)
  const flag = p?.closures.find((c) => c.year === LocalDate.year(date))
  return flag !== undefined && flag[what] === "closed"
}

type Day =
  | { readonly _tag: "Uncovered" }
  | { readonly _tag: "Weekend" }
  | { readonly _tag: "Holiday" }
  | { readonly _tag: "School" }
  | { readonly _tag: "Closed"; readonly reason: ClosureReason }

const classify = (
  calendar: AnyCalendar,
  level: SchoolLevel,
  date: LocalDate.LocalDate,
  institute?: Institute
): Day => {
  const sc = schoolCalendarOn(calendar, date)
  if (sc === undefined) return { _tag: "Uncovered" }
  if (isHoliday(date)) return { _tag: "Holiday" }
  if (LocalDate.isWeekend(date)) return { _tag: "Weekend" }
  if (!sc.schoolWeek.includes(LocalDate.weekday(date))) return { _tag: "Closed", reason: "other" }
  const terms = sc.terms.filter((t) => t.levels.includes(level))
  if (terms.length === 0) return { _tag: "Uncovered" }
  if (!terms.some((t) => LocalDate.isBetween(date, t.from, t.to))) {
    const first = terms.reduce((a, t) => (t.from < a ? t.from : a), terms[0]!.from)
    return { _tag: "Closed", reason: date < first ? "before-term" : "summer" }
  }
  const rite = institute?.rite ?? (calendar._tag === "LocalCalendar" ? calendar.rite : "romano")
  const regional = sc.breaks.find(
    (b) =>
      LocalDate.isBetween(date, b.from, b.to) &&
      (b.rite === undefined || b.rite === rite) &&
      (b.levels === undefined || b.levels.includes(level))
  )
  if (regional !== undefined) return { _tag: "Closed", reason: regional.kind }
  if (calendar._tag === "LocalCalendar" && patronDayCloses(calendar, date, "schools", institute?.comune))
    return { _tag: "Closed", reason: "patron-day" }
  if (institute?.closures.includes(date) === true) return { _tag: "Closed", reason: "bridge" }
  return { _tag: "School" }
}

/**
 * Whether `date` is a day of lessons for `level`: inside the term, on a school weekday, not a national
 * holiday, not in a regional break for the rite (the institute's, else the place's, else Roman), not a
 * patron day that closes schools, not one of the institute's own closures. `false` where no data apply.
 */
export const isSchoolDay = (
  calendar: AnyCalendar,
  level: SchoolLevel,
  date: LocalDate.LocalDate,
  institute?: Institute
): boolean => classify(calendar, level, date, institute)._tag === "School"

/** Why a weekday that is not a holiday has no lessons, or `undefined` (school day, weekend, holiday, no data). */
export const closureReason = (
  calendar: AnyCalendar,
  level: SchoolLevel,
  date: LocalDate.LocalDate,
  institute?: Institute
): ClosureReason | undefined => {
  const d = classify(calendar, level, date, institute)
  return d._tag === "Closed" ? d.reason : undefined
}

/** A run of closure days: weekdays without lessons that are not holidays, joined across weekends and holidays. */
export class ClosureWindow extends Schema.Class<ClosureWindow>("ClosureWindow")({
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate,
  /** The closure days themselves (weekends and holidays inside the window are left out). */
  days: Schema.Array(LocalDate.LocalDate),
  reasons: Schema.Array(ClosureReason)
}) {}

/**
 * The school-closure windows for `level` between two dates (both included): before term starts, Christmas,
 * Carnival, Easter, bridges, patron days that close schools, and summer. Days without calendar data end a
 * window and never open one.
 */
export const closureWindows = (
  calendar: AnyCalendar,
  level: SchoolLevel,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate,
  institute?: Institute
): ReadonlyArray<ClosureWindow> => {
  const windows: Array<ClosureWindow> = []
  let days: Array<LocalDate.LocalDate> = []
  let reasons: Array<ClosureReason> = []
  const flush = () => {
    if (days.length > 0)
      windows.push(new ClosureWindow({ from: days[0]!, to: days[days.length - 1]!, days, reasons }))
    days = []
    reasons = []
  }
  for (const date of LocalDate.range(from, to)) {
    const d = classify(calendar, level, date, institute)
    if (d._tag === "Closed") {
      days.push(date)
      if (!reasons.includes(d.reason)) reasons.push(d.reason)
    } else if (d._tag === "School" || d._tag === "Uncovered") flush()
  }
  flush()
  return windows
}

/** An institute declares more closure days in a school year than its regional calendar allows. */
export class TooManyInstituteClosures extends Schema.TaggedError<TooManyInstituteClosures>()(
  "TooManyInstituteClosures",
  { institute: Schema.String, schoolYear: Schema.String, count: Schema.Int, max: Schema.Int }
) {
  /** Stable machine code. */
  readonly code = "calendar-too-many-institute-closures"
  override get message(): string {
    return `l'istituto ${this.institute} dichiara ${this.count} giorni di chiusura nel ${this.schoolYear}, il massimo è ${this.max}`
  }
  /** English text. */
  get messageEn(): string {
    return `institute ${this.institute} declares ${this.count} closure days in ${this.schoolYear}, the maximum is ${this.max}`
  }
}

/** Checks an institute's own closures against the regional limit of a school calendar. */
export const checkInstitute = (
  calendar: SchoolCalendar,
  institute: Institute
): Result.Result<Institute, TooManyInstituteClosures> => {
  const count = institute.closures.filter((d) =>
    LocalDate.isBetween(d, calendar.validFrom, calendar.validTo)
  ).length
  return count <= calendar.maxInstituteClosures
    ? Result.succeed(institute)
    : Result.fail(
        new TooManyInstituteClosures({
          institute: institute.id,
          schoolYear: calendar.schoolYear,
          count,
          max: calendar.maxInstituteClosures
        })
      )
}

// ---------------------------------------------------------------------------------------------------------
// Shipped data

const d = LocalDate.make
const allLevels: ReadonlyArray<SchoolLevel> = [
  "infanzia",
  "primaria",
  "secondaria-primo-grado",
  "secondaria-secondo-grado"
]

/** Lombardy's regional school calendar 2022/23 (the Smartfam Voghera project year). */
export const lombardia2022_23 = new SchoolCalendar({
  id: "lombardia-2022-23",
  region: "Lombardia",
  schoolYear: "2022/23",
  validFrom: d("2022-09-01"),
  validTo: d("2023-08-31"),
  terms: [
    new Term({ levels: ["infanzia"], from: d("2022-09-05"), to: d("2023-06-30") }),
    new Term({
      levels: allLevels.filter((l) => l !== "infanzia"),
      from: d("2022-09-12"),
      to: d("2023-06-08")
    })
  ],
  breaks: [
    new Break({ kind: "christmas", from: d("2022-12-23"), to: d("2023-01-06"), verified: true }),
    new Break({
      kind: "carnival",
      from: d("2023-02-20"),
      to: d("2023-02-21"),
      rite: "romano",
      verified: false,
      note: "Carnevale rito romano (come a Voghera): date da verificare sull'atto regionale"
    }),
    new Break({
      kind: "carnival",
      from: d("2023-02-24"),
      to: d("2023-02-25"),
      rite: "ambrosiano",
      verified: false,
      note: "Carnevale rito ambrosiano: date approssimative, da verificare"
    }),
    new Break({ kind: "easter", from: d("2023-04-06"), to: d("2023-04-11"), verified: true })
  ],
  schoolWeek: [1, 2, 3, 4, 5],
  maxInstituteClosures: 3,
  source: "Regione Lombardia, calendario scolastico regionale, a.s. 2022/23"
})

/** Voghera's patron day, San Bovo (22 May); whether schools and offices close is not yet known. */
export const sanBovo = new PatronDay({
  comune: IstatCode.make("018182"),
  saint: "San Bovo",
  month: 5,
  day: 22,
  closures: [
    new PatronDayClosure({ year: 2022, schools: "unknown", offices: "unknown" }),
    new PatronDayClosure({ year: 2023, schools: "unknown", offices: "unknown" })
  ]
})

/** A demo institute in Voghera with the typical bridges of 2022/23 (31 Oct, 9 Dec 2022, 24 Apr 2023). */
export const vogheraDemoInstitute = new Institute({
  id: "ic-voghera-demo",
  name: "Istituto comprensivo di Voghera (dati dimostrativi)",
  comune: IstatCode.make("018182"),
  closures: [d("2022-10-31"), d("2022-12-09"), d("2023-04-24")],
  demo: true
})

/** The Smartfam Voghera calendar: Lombardy 2022/23, Roman rite, San Bovo, and the demo institute. */
export const voghera = new LocalCalendar({
  id: "voghera-2022-23",
  comune: IstatCode.make("018182"),
  rite: "romano",
  schoolCalendars: [lombardia2022_23],
  patronDays: [sanBovo],
  institutes: [vogheraDemoInstitute]
})
