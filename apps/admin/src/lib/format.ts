/** Presentation helpers for Italian readers. */
const dateFormat = new Intl.DateTimeFormat("it-IT", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Rome" })

/** "1 settembre 2022" from an ISO local date. */
export const date = (iso: string): string => dateFormat.format(new Date(`${iso}T12:00:00Z`))

/** "€ 105.440,29" from integer cents: integer arithmetic only, no floating-point money. */
export const euro = (cents: number): string => {
  const sign = cents < 0 ? "-" : ""
  const abs = Math.abs(cents)
  const units = Math.trunc(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")
  return `${sign}€ ${units},${(abs % 100).toString().padStart(2, "0")}`
}

/** "47,42%": a share of a whole, rounded half-up to basis points with integer arithmetic. */
export const percent = (part: number, whole: number): string => {
  const bp = Math.floor((part * 10_000 * 2 + whole) / (whole * 2))
  return `${Math.trunc(bp / 100)},${(bp % 100).toString().padStart(2, "0")}%`
}
