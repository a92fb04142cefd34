import { Eligibility, LocalDate } from "../src/index.ts"
const ruleSet = Eligibility.decodeRuleSet({ id: "bench-nido", version: 1, title: "bench", validFrom: "2022-09-01",
  rule: { kind: "all", of: [ { kind: "any", of: [ { kind: "partner-employee" }, { kind: "comune-employee" }, { kind: "residence", group: "ambito-voghera-oltrepo" } ] },
      { kind: "child-age", minMonths: 3, maxMonths: 36 }, { kind: "isee-max", maxCents: 2_000_000 } ] }, demo: true })
const context: Eligibility.Context = { date: LocalDate.make("2022-10-03"), settings: { comuneStaffAreRecipients: true } }
let seed = 42
const rnd = (n: number): number => { seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0; return Math.floor((seed / 4_294_967_296) * n) }
const residences = ["018182", "018033", "018122", "018110", "018024"]
const partners = [null, "cresciamo", "oltrepo-servizi", null]
const pool: Array<Eligibility.Facts> = Array.from({ length: 1024 }, () => ({
  applicant: { partnerEmployer: partners[rnd(partners.length)] ?? null, employmentConfirmed: rnd(4) !== 0, comuneEmployee: rnd(8) === 0 },
  ...(rnd(10) === 0 ? {} : { residence: residences[rnd(residences.length)]! }),
  child: { name: "Giulia", birthDate: LocalDate.addDays(LocalDate.make("2019-06-01"), rnd(1200)) },
  isee: rnd(10) === 0 ? null : 500_000 + rnd(2_500_000)
}))
const checker = Eligibility.compile(ruleSet)
const hist = new Map<string, number>()
for (const f of pool) { const o = checker.check(f, context); const k = o.status + " | " + o.reasons.map(r => r.status[0]).join("") + " | cf " + o.counterfactuals.map(c => c.code).join(","); hist.set(k, (hist.get(k) ?? 0) + 1) }
if (process.env.HIST) for (const [k, v] of [...hist].sort((a, b) => b[1] - a[1])) console.log(v, k)
const N = 2_000_000
let sink = 0
const runReasons = (): number => { const t0 = performance.now(); for (let i = 0; i < N; i++) { const o = checker.check(pool[i & 1023]!, context); sink += o.reasons.length + (o.eligible ? 1 : 0) } return (performance.now() - t0) / N * 1e6 }
for (let r = 0; r < 8; r++) console.log("ns/check", runReasons().toFixed(1))
if (sink === -1) console.log(sink)
