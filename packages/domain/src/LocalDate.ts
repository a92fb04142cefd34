/**
 * Local calendar dates (`YYYY-MM-DD`), interpreted in Europe/Rome. Effect 4 has no LocalDate, so a date is
 * a branded ISO string: it sorts, compares and serialises as itself. Arithmetic goes through UTC midnight,
 * where there is no daylight saving to skew a day.
 */
import { Schema } from "effect"

const isValid = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** A local calendar date, `YYYY-MM-DD`; impossible dates (2023-02-30) are rejected. */
export const LocalDate = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/),
    Schema.makeFilter((s) => isValid(s) || "data di calendario non valida (invalid calendar date)")
  ),
  Schema.brand("LocalDate")
)
export type LocalDate = typeof LocalDate.Type

/** Builds a date from a literal, throwing on an invalid one. Example: `LocalDate.make("2022-09-01")`. */
export const make = (s: string): LocalDate => LocalDate.make(s)

const toUtc = (d: LocalDate): Date => new Date(`${d}T00:00:00Z`)
const fromUtc = (d: Date): LocalDate => d.toISOString().slice(0, 10) as LocalDate

/** The date `days` days after `d` (negative: before). */
export const addDays = (d: LocalDate, days: number): LocalDate => {
  const t = toUtc(d)
  t.setUTCDate(t.getUTCDate() + days)
  return fromUtc(t)
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekday = (d: LocalDate): number => {
  const w = toUtc(d).getUTCDay()
  return w === 0 ? 7 : w
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export const daysBetween = (a: LocalDate, b: LocalDate): number =>
  Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000)

/** Every date from `from` to `to`, both included. */
export const range = (from: LocalDate, to: LocalDate): ReadonlyArray<LocalDate> => {
  const out: Array<LocalDate> = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

/** Ordering of dates: negative, zero or positive, like `Array.prototype.sort` wants. */
export const compare = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0)

/** The date of a year, month (1–12) and day, or `undefined` when no such day exists (2023-02-29). */
export const fromParts = (year: number, month: number, day: number): LocalDate | undefined => {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return undefined
  const s = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
  return isValid(s) ? (s as LocalDate) : undefined
}

/** The calendar year of a date. */
export const year = (d: LocalDate): number => Number(d.slice(0, 4))

/** The month of a date, 1 = January … 12 = December. */
export const month = (d: LocalDate): number => Number(d.slice(5, 7))

/** The day of the month of a date, 1 … 31. */
export const day = (d: LocalDate): number => Number(d.slice(8, 10))

/** Whether a date falls on Saturday or Sunday. */
export const isWeekend = (d: LocalDate): boolean => weekday(d) >= 6

/** Whether `d` lies between `from` and `to`, both included. */
export const isBetween = (d: LocalDate, from: LocalDate, to: LocalDate): boolean => d >= from && d <= to
