/** Local-date arithmetic for the server (ISO `YYYY-MM-DD`, no time zone involved). */
export const plusDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** ISO weekday, 1 = Monday. */
export const weekday = (date: string): number => {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay()
  return w === 0 ? 7 : w
}

/** The Monday of the week `date` is in. */
export const mondayOf = (date: string): string => plusDays(date, 1 - weekday(date))

export const isIsoDate = (s: string | null | undefined): s is string =>
  typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))

/** Whole months between a birth date and another date (as the domain counts them). */
export const ageInMonths = (birth: string, on: string): number => {
  const months = (Number(on.slice(0, 4)) - Number(birth.slice(0, 4))) * 12 + (Number(on.slice(5, 7)) - Number(birth.slice(5, 7)))
  return Number(on.slice(8, 10)) < Number(birth.slice(8, 10)) ? months - 1 : months
}
