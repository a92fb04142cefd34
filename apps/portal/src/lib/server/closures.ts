/**
 * The next school-closure windows of Voghera's primary schools, from the domain's calendar (server-side:
 * the browser never downloads the domain). The API has no calendar route yet; when it gets one, read it there.
 */
import { Calendar, LocalDate } from "@smartfam/domain"
import { plusDays } from "./dates.ts"

export interface Closure {
  readonly from: string
  readonly to: string
  readonly days: number
  readonly reasons: ReadonlyArray<string>
}

export const nextClosures = (today: string, horizonDays = 200, count = 3): ReadonlyArray<Closure> =>
  Calendar.closureWindows(Calendar.voghera, "primaria", LocalDate.make(today), LocalDate.make(plusDays(today, horizonDays)))
    .slice(0, count)
    .map((w) => ({ from: w.from, to: w.to, days: w.days.length, reasons: [...w.reasons] }))
