/**
 * Eligibility with reasons vs a hand-written boolean check of the same rule, in the same run.
 * Target (issue 4): ≥ 1,000,000 checks/s with reasons on one core, and ≤ 3× the cost of the boolean check.
 *
 * The rule: (employee of a partner firm, confirmed | Comune employee, admitted | resident in the Ambito)
 * AND child aged 3–36 months on the session date AND ISEE ≤ € 20.000,00. Facts cycle through a pool of
 * 1,024 families, about half eligible, some with facts missing, so both checks take every branch.
 */
import { Eligibility, Household, LocalDate, Territory } from "../src/index.ts"

const ruleSet = Eligibility.decodeRuleSet({
  id: "bench-nido",
  version: 1,
  title: "bench",
  validFrom: "2022-09-01",
  rule: {
    kind: "all",
    of: [
      {
        kind: "any",
        of: [
          { kind: "partner-employee" },
          { kind: "comune-employee" },
          { kind: "residence", group: "ambito-voghera-oltrepo" }
        ]
      },
      { kind: "child-age", minMonths: 3, maxMonths: 36 },
      { kind: "isee-max", maxCents: 2_000_000 }
    ]
  },
  demo: true
})

const context: Eligibility.Context = {
  date: LocalDate.make("2022-10-03"),
  settings: { comuneStaffAreRecipients: true }
}

// The hand-written boolean check a developer would write for the same rule, with the same helpers.
const ambito: ReadonlySet<string> = new Set(Territory.ambitoVoghera.members)
const handWritten = (f: Eligibility.Facts, ctx: Eligibility.Context): boolean => {
  const a = f.applicant
  const recipient =
    (a?.partnerEmployer != null && a.employmentConfirmed === true) ||
    (ctx.settings.comuneStaffAreRecipients && a?.comuneEmployee === true) ||
    (f.residence !== undefined && ambito.has(f.residence))
  const birth = f.child?.birthDate
  if (!recipient || birth === undefined) return false
  const age = Household.ageInMonths(birth, ctx.date)
  return age >= 3 && age < 36 && f.isee != null && f.isee <= 2_000_000
}

// The same boolean, but evaluating every condition (as a check that gives every reason must): a second
// reference, to tell the cost of the reasons from the cost of not short-circuiting.
const everyCondition = (f: Eligibility.Facts, ctx: Eligibility.Context): boolean => {
  const a = f.applicant
  const partner = a?.partnerEmployer != null && a.employmentConfirmed === true
  const comune = ctx.settings.comuneStaffAreRecipients && a?.comuneEmployee === true
  const resident = f.residence !== undefined && ambito.has(f.residence)
  const birth = f.child?.birthDate
  const age = birth === undefined ? -1 : Household.ageInMonths(birth, ctx.date)
  const inRange = age >= 3 && age < 36
  const underCap = f.isee != null && f.isee <= 2_000_000
  return (partner || comune || resident) && inRange && underCap
}

// A deterministic pool of families: a 32-bit linear congruential generator (no Math.random). `Math.imul`
// keeps the product exact (a plain `seed * 1_103_515_245` passes 2^53 and loses the low bits, which left
// every draw even), and a draw uses the high bits, the well-mixed ones.
let seed = 42
const rnd = (n: number): number => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0
  return Math.floor((seed / 4_294_967_296) * n)
}
const residences = ["018182", "018033", "018122", "018110", "018024"]
const partners = [null, "cresciamo", "oltrepo-servizi", null]
const pool: Array<Eligibility.Facts> = Array.from({ length: 1024 }, () => ({
  applicant: {
    partnerEmployer: partners[rnd(partners.length)] ?? null,
    employmentConfirmed: rnd(4) !== 0,
    comuneEmployee: rnd(8) === 0
  },
  ...(rnd(10) === 0 ? {} : { residence: residences[rnd(residences.length)]! }),
  child: { name: "Giulia", birthDate: LocalDate.addDays(LocalDate.make("2019-06-01"), rnd(1200)) },
  isee: rnd(10) === 0 ? null : 500_000 + rnd(2_500_000)
}))
const mask = pool.length - 1

const checker = Eligibility.compile(ruleSet)
let agree = 0
for (const f of pool)
  if (
    checker.check(f, context).eligible === handWritten(f, context) &&
    handWritten(f, context) === everyCondition(f, context)
  )
    agree++
if (agree !== pool.length) throw new Error(`the two checks disagree on ${pool.length - agree} families`)

const N = 2_000_000
let sink = 0
const runReasons = (): number => {
  const t0 = performance.now()
  for (let i = 0; i < N; i++) {
    const o = checker.check(pool[i & mask]!, context)
    sink += o.reasons.length + (o.eligible ? 1 : 0)
  }
  return N / ((performance.now() - t0) / 1000)
}
const runEvery = (): number => {
  const t0 = performance.now()
  for (let i = 0; i < N; i++) if (everyCondition(pool[i & mask]!, context)) sink++
  return N / ((performance.now() - t0) / 1000)
}
const runBoolean = (): number => {
  const t0 = performance.now()
  for (let i = 0; i < N; i++) if (handWritten(pool[i & mask]!, context)) sink++
  return N / ((performance.now() - t0) / 1000)
}

// Warm up both, then alternate rounds and keep the median of each.
runReasons()
runBoolean()
runEvery()
const withReasons: Array<number> = []
const boolean: Array<number> = []
const every: Array<number> = []
for (let round = 0; round < 7; round++) {
  withReasons.push(runReasons())
  boolean.push(runBoolean())
  every.push(runEvery())
}
const median = (xs: Array<number>): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
const r = median(withReasons)
const b = median(boolean)
const e = median(every)
const eligibleShare = pool.filter((f) => handWritten(f, context)).length / pool.length
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US")

console.log(
  `eligibility: rule of 5 conditions (any of 3 recipient categories, age, ISEE cap), ${pool.length} families, ${Math.round(eligibleShare * 100)}% eligible, ${N.toLocaleString("en-US")} checks × 7 rounds (median)`
)
console.log(
  `  with reasons + counterfactuals + missing: ${fmt(r)} checks/s  (target ≥ 1,000,000: ${r >= 1_000_000 ? "met" : "NOT met"})`
)
console.log(`  hand-written boolean check:               ${fmt(b)} checks/s`)
console.log(
  `  cost ratio (reasons / boolean):           ${(b / r).toFixed(2)}×  (target ≤ 3×: ${b / r <= 3 ? "met" : "NOT met"})`
)
console.log(
  `  boolean evaluating every condition:       ${fmt(e)} checks/s  (ratio reasons / it: ${(e / r).toFixed(2)}×)`
)
if (sink === -1) console.log(sink)
