/**
 * Ranking 10,000 applications (priorities, points, four tie-breaks, two categories, a reserved pool,
 * duplicates), in the same run as a baseline: a plain `Array.prototype.sort` of 10,000 numbers.
 * Target (issue 4): ≤ 100 ms.
 */
import { DateTime } from "effect"
import * as LocalDate from "../src/LocalDate.ts"
import * as Money from "../src/Money.ts"
import * as Ranking from "../src/Ranking.ts"

// A deterministic generator (mulberry32: 32-bit integer arithmetic, no Math.random).
let seed = 7
const rnd = (n: number): number => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) % n
}
const t0 = DateTime.toEpochMillis(DateTime.makeUnsafe("2022-05-04T08:00:00Z"))
const N = 10_000
const applications: ReadonlyArray<Ranking.Application> = Array.from({ length: N }, (_, i) => {
  const single = rnd(5) === 0
  const siblings = rnd(4)
  return {
    id: `app-${String(i).padStart(5, "0")}`,
    childKey: `child-${i % 50 === 49 ? i - 1 : i}`, // one child in 50 applied twice
    householdKey: `household-${i}`,
    category: rnd(2) === 0 ? "nido" : "infanzia",
    childBirthDate: LocalDate.addDays(LocalDate.make("2019-01-01"), rnd(1_400)),
    submittedAt: DateTime.makeUnsafe(t0 + rnd(40 * 86_400) * 1000),
    facts: {
      disability: rnd(60) === 0,
      socialServicesReferral: rnd(40) === 0,
      singleParent: single,
      parentsWeeklyHours: single ? [rnd(41)] : [rnd(41), rnd(41)],
      siblings,
      minors: siblings + 1,
      disabledHouseholdMember: rnd(30) === 0,
      noFamilyNetwork: rnd(4) === 0,
      ...(rnd(6) === 0 ? {} : { isee: Money.cents(rnd(40_000) * 100) })
    },
    ...(rnd(10) === 0 ? { pools: ["cresciamo"] } : {}),
    ...(rnd(25) === 0 ? { pendingDocuments: ["ISEE"] } : {})
  }
})
const input: Ranking.Input = {
  rules: Ranking.vogheraRules,
  mode: {
    kind: "seats",
    categories: [
      { category: "nido", seats: 1_200 },
      { category: "infanzia", seats: 1_500 }
    ]
  },
  pools: [
    {
      id: "cresciamo",
      label: "Dipendenti CresciAmo",
      category: "nido",
      seats: 100,
      releaseOn: LocalDate.make("2022-08-01")
    }
  ],
  on: LocalDate.make("2022-07-15")
}
const numbers = Array.from({ length: N }, () => rnd(1_000_000_000))

const median = (xs: Array<number>): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const time = (runs: number, f: () => unknown): number => {
  for (let i = 0; i < 3; i++) f()
  const ms: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    f()
    ms.push(performance.now() - t)
  }
  return median(ms)
}

const r = Ranking.rank(applications, input)
const ranked = time(15, () => Ranking.rank(applications, input))
const sorted = time(15, () => [...numbers].sort((a, b) => a - b))

console.log(
  `applications: ${N}, ranked: ${r.categories.reduce((n, c) => n + c.positions.length, 0)}, excluded: ${r.excluded.length}`
)
console.log(
  `Ranking.rank, 10,000 applications:      ${ranked.toFixed(2)} ms   (target ≤ 100 ms: ${ranked <= 100 ? "met" : "NOT met"})`
)
console.log(`baseline: Array.sort of 10,000 numbers: ${sorted.toFixed(2)} ms`)
console.log(`ratio rank / baseline:                  ${(ranked / sorted).toFixed(1)}×`)
