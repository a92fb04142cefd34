/** "Today" in Europe/Rome from the API's clock: the dates families see are local dates. */
import { LocalDate } from "@smartfam/domain"

const fmt = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" })

/** The local date in Rome of an instant, `YYYY-MM-DD`. */
export const romeDate = (at: Date): string => fmt.format(at)

/** The same, typed as the domain's local date. */
export const romeDay = (at: Date): LocalDate.LocalDate => LocalDate.make(fmt.format(at))

/** A local date plus `days`. */
export const plusDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
