/**
 * Scheduling: a whole project year (1 Sep 2022 – 31 Aug 2023) of sessions for 200 services on the Voghera
 * calendar, in the same run as a baseline that builds the same number of session objects with no calendar
 * at all. Target (issue 4): ≤ 50 ms for the 200 services.
 */
import * as Calendar from "../src/Calendar.ts"
import * as LocalDate from "../src/LocalDate.ts"
import * as Scheduling from "../src/Scheduling.ts"

const levels: ReadonlyArray<Calendar.SchoolLevel> = [
  "infanzia",
  "primaria",
  "secondaria-primo-grado",
  "secondaria-secondo-grado"
]
const from = LocalDate.make("2022-09-01")
const to = LocalDate.make("2023-08-31")
const hh = (h: number) => `${String(h).padStart(2, "0")}:00`

// 200 services: a third follow a school level (pre/post-school), a third run every weekday or some weekdays
// (nidi, desks, coworking), a third open only on school-closure days.
const plans: ReadonlyArray<Scheduling.Plan> = Array.from({ length: 200 }, (_, i): Scheduling.Plan => {
  const level = levels[i % levels.length]!
  const start = hh(7 + (i % 8))
  const end = hh(9 + (i % 8))
  if (i % 3 === 0)
    return {
      serviceId: `pre-post-${i}`,
      schedule: { kind: "recurring", weekdays: [1, 2, 3, 4, 5], start, end, from, to, schoolDaysOf: level }
    }
  if (i % 3 === 1)
    return {
      serviceId: `weekly-${i}`,
      schedule: { kind: "recurring", weekdays: i % 2 === 0 ? [1, 2, 3, 4, 5] : [2, 4], start, end, from, to },
      closures: [LocalDate.make("2022-12-30"), LocalDate.make("2023-08-14")]
    }
  return { serviceId: `closures-${i}`, schedule: { kind: "closure-only", level, start, end, from, to } }
})
const options: Scheduling.Options = { calendar: Calendar.voghera, institute: Calendar.vogheraDemoInstitute }

const median = (xs: Array<number>): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const time = (runs: number, f: () => unknown): number => {
  for (let i = 0; i < 5; i++) f() // warm-up
  const ms: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    f()
    ms.push(performance.now() - t)
  }
  return median(ms)
}

const sessions = Scheduling.generateAll(plans, options)
const dates = LocalDate.range(from, to)

// Baseline: the same number of session objects, with ids, built from a precomputed date list, no rules.
const baseline = () => {
  const out: Array<{ id: string; serviceId: string; date: string; start: string; end: string }> = []
  let k = 0
  for (const p of plans) {
    for (const date of dates) {
      if (k >= sessions.length) return out
      if (k++ % 2 === 0)
        out.push({
          id: `${p.serviceId}:${date}:0800`,
          serviceId: p.serviceId,
          date,
          start: "08:00",
          end: "09:00"
        })
    }
  }
  return out
}

// Day classifications are memoised per calendar value: "cold" runs each get a fresh copy of the calendar.
const copies = Array.from({ length: 40 }, () => new Calendar.LocalCalendar({ ...Calendar.voghera }))
let copy = 0
const cold = time(30, () => Scheduling.generateAll(plans, { ...options, calendar: copies[copy++]! }))
const all = time(30, () => Scheduling.generateAll(plans, options))
const one = time(10, () => plans.map((p) => Scheduling.generate(p, options)))
const base = time(30, baseline)
const days = dates.length

console.log(`services: ${plans.length}, days: ${days}, sessions: ${sessions.length}`)
console.log(
  `generateAll, 200 services, one year, cold calendar: ${cold.toFixed(2)} ms   (target ≤ 50 ms: ${cold <= 50 ? "met" : "NOT met"})`
)
console.log(`generateAll, 200 services, one year, warm calendar: ${all.toFixed(2)} ms`)
console.log(`generate per service (200 calls):       ${one.toFixed(2)} ms`)
console.log(`baseline (${sessions.length} plain objects, no rules): ${base.toFixed(2)} ms`)
console.log(`ratio generateAll cold / baseline:      ${(cold / base).toFixed(1)}×`)
console.log(`ratio generateAll warm / baseline:      ${(all / base).toFixed(1)}×`)
