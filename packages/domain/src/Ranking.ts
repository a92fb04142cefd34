/**
 * Ranking (graduatorie): who gets the places, in a total and deterministic order, with every position's
 * score explained.
 *
 * Order: absolute priorities first (child with certified disability, social-services referral, in the
 * rules' order), then points (single parent, both parents working by weekly hours, siblings, disabled
 * household member, no family network), then the rules' tie-breaks (lower ISEE, more minors, younger
 * child, earlier submission) and finally the application id, so no two applications ever tie and the
 * outcome does not depend on the input's order. Weights, bands and the tie-break order are data: a
 * versioned `Rules` with validity dates.
 *
 * Places are allocated per category: `seats` mode admits the first N; `budget` mode allocates a sum
 * category by category, carrying the remainder to the next. Reserved pools (a partner firm's employees, a
 * funder's target) fill first and release their unused places to the general list from a date. Duplicates,
 * exclusions decided elsewhere (eligibility) and manual overrides (with a recorded motive) are reasons in
 * the result. A ranking is provisional until `publish`; then `scroll` admits the next in line when a
 * place frees up.
 *
 * Applications are plain data (the facts points need), so ranking does not depend on `Household`.
 *
 * @example
 * ```ts
 * const r = Ranking.rank(applications, { rules: Ranking.vogheraRules, mode: { kind: "seats",
 *   categories: [{ category: "nido", seats: 10 }] }, on: LocalDate.make("2022-07-15") })
 * r.categories[0]?.positions[0]?.breakdown  // [{ code: "single-parent", label: "Nucleo monoparentale", points: 10 }, ...]
 * ```
 */
import { DateTime, Result, Schema } from "effect"
import * as LocalDate from "./LocalDate.ts"
import * as Money from "./Money.ts"

// ---------------------------------------------------------------------------------------------------------
// Rules

/** An absolute priority: it ranks above any number of points. */
export const PriorityCode = Schema.Literals(["disability", "social-services"])
/** An absolute priority. */
export type PriorityCode = typeof PriorityCode.Type

/** Italian labels of the priorities. */
export const priorityLabel: Record<PriorityCode, string> = {
  disability: "Bambino con disabilità certificata (L. 104/1992)",
  "social-services": "Segnalazione dei servizi sociali"
}

/** English labels of the priorities. */
export const priorityLabelEn: Record<PriorityCode, string> = {
  disability: "Child with a certified disability (Law 104/1992)",
  "social-services": "Referral by the social services"
}

/** A tie-break criterion, applied in the rules' order after priorities and points. */
export const TieBreak = Schema.Literals(["lower-isee", "more-minors", "younger-child", "earlier-submission"])
/** A tie-break criterion. */
export type TieBreak = typeof TieBreak.Type

/** Italian labels of the tie-breaks. */
export const tieBreakLabel: Record<TieBreak, string> = {
  "lower-isee": "ISEE più basso (senza ISEE: ultimo)",
  "more-minors": "Più figli minori nel nucleo",
  "younger-child": "Bambino più piccolo",
  "earlier-submission": "Domanda presentata prima"
}

/** English labels of the tie-breaks. */
export const tieBreakLabelEn: Record<TieBreak, string> = {
  "lower-isee": "Lower ISEE (no ISEE: last)",
  "more-minors": "More minors in the household",
  "younger-child": "Younger child",
  "earlier-submission": "Application submitted earlier"
}

/** Points for both parents working, given to the band the parent working fewer hours reaches. */
export const HoursBand = Schema.Struct({
  minWeeklyHours: Schema.Number.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  points: Schema.Int
})
/** A band of weekly working hours. */
export type HoursBand = typeof HoursBand.Type

/** The weights of the points. */
export const Points = Schema.Struct({
  singleParent: Schema.Int,
  /** Extra points when the single parent works. */
  singleParentWorking: Schema.Int,
  /** Bands by the weekly hours of the parent working fewer hours; the highest band reached counts. */
  bothParentsWorking: Schema.Array(HoursBand),
  perSibling: Schema.Int,
  /** At most this many siblings count. */
  maxSiblings: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  disabledHouseholdMember: Schema.Int,
  noFamilyNetwork: Schema.Int
})
/** The weights of the points. */
export type Points = typeof Points.Type

/** What makes two applications the same request: the same child; the same child in the same category; the same household in the same category. */
export const DedupeBy = Schema.Literals(["child", "child-category", "household-category"])
/** The de-duplication key. */
export type DedupeBy = typeof DedupeBy.Type

/** A ranking's rules, one version, in force from `validFrom` (to `validUntil`, if set). */
export class Rules extends Schema.Class<Rules>("RankingRules")({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/))),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  title: Schema.String,
  validFrom: LocalDate.LocalDate,
  validUntil: Schema.optionalKey(LocalDate.LocalDate),
  /** Absolute priorities in precedence order. */
  priorities: Schema.Array(PriorityCode),
  points: Points,
  /** Tie-breaks in order; the application id always comes last. */
  tieBreaks: Schema.Array(TieBreak),
  dedupeBy: DedupeBy,
  /** True when the weights are invented for demonstration. */
  demo: Schema.Boolean,
  notes: Schema.Array(Schema.String)
}) {}

/** Whether this version of the rules is in force on a date. */
export const isInForce = (rules: Rules, on: LocalDate.LocalDate): boolean =>
  rules.validFrom <= on && (rules.validUntil === undefined || on <= rules.validUntil)

/** The latest version of rules `id` in force on a date, if any. */
export const select = (all: ReadonlyArray<Rules>, id: string, on: LocalDate.LocalDate): Rules | undefined =>
  all
    .filter((r) => r.id === id && isInForce(r, on))
    .reduce<Rules | undefined>(
      (best, r) => (best === undefined || r.version > best.version ? r : best),
      undefined
    )

// ---------------------------------------------------------------------------------------------------------
// Input

/** A reason, with a machine code and Italian text. */
export const Reason = Schema.Struct({ code: Schema.String, message: Schema.String })
/** A reason. */
export type Reason = typeof Reason.Type

/** The applicant's facts the points and tie-breaks need. */
export const Facts = Schema.Struct({
  /** The child has a certified disability (L. 104/1992). */
  disability: Schema.Boolean,
  /** Referred by the social services. */
  socialServicesReferral: Schema.Boolean,
  singleParent: Schema.Boolean,
  /** Weekly working hours of each parent of the household (0: not working). */
  parentsWeeklyHours: Schema.Array(Schema.Number.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))),
  /** Brothers and sisters under 18 (twins included). */
  siblings: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  /** Minors in the household, the child included. */
  minors: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  disabledHouseholdMember: Schema.Boolean,
  noFamilyNetwork: Schema.Boolean,
  /** ISEE in cents; absent ranks last on the ISEE tie-break. */
  isee: Schema.optionalKey(Money.NonNegativeCents)
})
/** The applicant's facts. */
export type Facts = typeof Facts.Type

/** One application to rank. */
export const Application = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  /** Pseudonymous id of the child. */
  childKey: Schema.String,
  /** Pseudonymous id of the household. */
  householdKey: Schema.String,
  /** The list it competes in (a service, an age group, a target). */
  category: Schema.String,
  childBirthDate: LocalDate.LocalDate,
  submittedAt: Schema.DateTimeUtcFromString,
  facts: Facts,
  /** Reserved pools the applicant belongs to (e.g. a partner firm's id). */
  pools: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Amount requested, in budget mode. */
  amount: Schema.optionalKey(Money.NonNegativeCents),
  /** Documents still to be delivered: if admitted, it is "with reservation". */
  pendingDocuments: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Reasons it was found ineligible elsewhere: it is excluded with them. */
  exclusions: Schema.optionalKey(Schema.Array(Reason))
})
/** One application to rank. */
export type Application = typeof Application.Type

/** Admit the first N of each category. */
export const SeatsMode = Schema.Struct({
  kind: Schema.Literal("seats"),
  categories: Schema.Array(
    Schema.Struct({
      category: Schema.String,
      seats: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
    })
  )
})
/** Allocate a sum category by category, in the given order, carrying what is left to the next. */
export const BudgetMode = Schema.Struct({
  kind: Schema.Literal("budget"),
  categories: Schema.Array(Schema.Struct({ category: Schema.String, amount: Money.NonNegativeCents })),
  /** `strict`: stop at the first request that does not fit; `skip`: pass over it to smaller requests. Default strict. */
  fit: Schema.optionalKey(Schema.Literals(["strict", "skip"]))
})
/** How places are allocated. */
export const Mode = Schema.Union([SeatsMode, BudgetMode])
/** How places are allocated. */
export type Mode = typeof Mode.Type

/** Places (or money) of a category reserved to the members of a pool until `releaseOn`. */
export const Pool = Schema.Struct({
  id: Schema.String,
  label: Schema.String,
  category: Schema.String,
  /** Reserved seats, in seats mode. */
  seats: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))),
  /** Reserved amount, in budget mode. */
  amount: Schema.optionalKey(Money.NonNegativeCents),
  /** From this date unused reserved places go to the general list. */
  releaseOn: LocalDate.LocalDate
})
/** A reserved pool. */
export type Pool = typeof Pool.Type

/** A manual decision on one application, with who took it and why. */
export const Override = Schema.Struct({
  kind: Schema.Literals(["admit", "exclude", "points"]),
  applicationId: Schema.String,
  /** For `points`: points added (or removed, if negative). */
  points: Schema.optionalKey(Schema.Int),
  motive: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  by: Schema.String
})
/** A manual decision. */
export type Override = typeof Override.Type

/** Everything a ranking needs besides the applications. */
export interface Input {
  readonly rules: Rules
  readonly mode: Mode
  readonly pools?: ReadonlyArray<Pool>
  readonly overrides?: ReadonlyArray<Override>
  /** The date the ranking is drawn up: it decides which pools have been released. */
  readonly on: LocalDate.LocalDate
}

// ---------------------------------------------------------------------------------------------------------
// Output

/** One line of a score: code, Italian label, English label, points. */
export interface Line {
  readonly code: string
  readonly label: string
  readonly labelEn: string
  readonly points: number
}

/** A tie-break value shown next to a position. */
export interface TieBreakValue {
  readonly code: TieBreak
  readonly label: string
  readonly labelEn: string
  readonly value: number | string | null
}

/** Where a position stands. */
export type Outcome = "admitted" | "admitted-with-reservation" | "waiting" | "withdrawn"

/** One position of a category's list. */
export interface Position {
  /** 1-based, in the category's list. */
  readonly position: number
  readonly applicationId: string
  readonly category: string
  readonly priority: { readonly code: PriorityCode; readonly label: string; readonly labelEn: string } | undefined
  readonly score: number
  readonly breakdown: ReadonlyArray<Line>
  readonly tieBreaks: ReadonlyArray<TieBreakValue>
  readonly outcome: Outcome
  /** The pool whose reserved place it took, when admitted on one. */
  readonly pool: string | undefined
  /** The pools the applicant belongs to. */
  readonly pools: ReadonlyArray<string>
  /** Money requested (budget mode). */
  readonly amount: Money.Cents | undefined
  readonly pendingDocuments: ReadonlyArray<string>
  /** The manual decision that admitted it or changed its points. */
  readonly override: Override | undefined
}

/** A category's list and what was allocated in it. */
export interface CategoryList {
  readonly category: string
  /** Seats (seats mode) or cents (budget mode) available, carried remainder and released pools included. */
  readonly available: number
  /** Seats or cents still unallocated (reserved pools not yet released excluded). */
  readonly left: number
  /** Per pool: reserved places or cents still unused (and not released). */
  readonly reserved: Readonly<Record<string, number>>
  readonly positions: ReadonlyArray<Position>
}

/** An application left out of every list, with why. */
export interface Exclusion {
  readonly applicationId: string
  readonly reasons: ReadonlyArray<Reason>
}

/** A ranking: its lists per category, the exclusions, and its publication state. */
export interface Ranking {
  readonly rulesId: string
  readonly rulesVersion: number
  readonly on: LocalDate.LocalDate
  readonly mode: Mode
  readonly pools: ReadonlyArray<Pool>
  readonly status: "provisional" | "definitive"
  readonly publishedAt: DateTime.Utc | undefined
  readonly categories: ReadonlyArray<CategoryList>
  readonly excluded: ReadonlyArray<Exclusion>
  /** Budget mode: what was left after the last category. */
  readonly carried: number
}

// ---------------------------------------------------------------------------------------------------------
// Scoring

/** The points of an application under some rules, line by line (lines with zero points are left out). */
export const score = (facts: Facts, rules: Rules): ReadonlyArray<Line> => {
  const p = rules.points
  const lines: Array<Line> = []
  const working = facts.parentsWeeklyHours.filter((h) => h > 0)
  if (facts.singleParent) {
    if (p.singleParent !== 0)
      lines.push({ code: "single-parent", label: "Nucleo monoparentale", labelEn: "Single-parent household", points: p.singleParent })
    if (working.length > 0 && p.singleParentWorking !== 0)
      lines.push({
        code: "single-parent-working",
        label: "Genitore solo che lavora",
        labelEn: "Single parent in work",
        points: p.singleParentWorking
      })
  } else if (working.length >= 2) {
    const least = Math.min(...facts.parentsWeeklyHours)
    let band: HoursBand | undefined
    for (const b of p.bothParentsWorking)
      if (least >= b.minWeeklyHours && (band === undefined || b.minWeeklyHours > band.minWeeklyHours))
        band = b
    if (band !== undefined && band.points !== 0)
      lines.push({
        code: "both-parents-working",
        label: `Entrambi i genitori lavorano (almeno ${band.minWeeklyHours} ore settimanali ciascuno)`,
        labelEn: `Both parents work (at least ${band.minWeeklyHours} hours a week each)`,
        points: band.points
      })
  }
  const siblings = Math.min(facts.siblings, p.maxSiblings)
  if (siblings > 0 && p.perSibling !== 0)
    lines.push({
      code: "siblings",
      label: `Fratelli o sorelle minori: ${siblings}`,
      labelEn: `Brothers or sisters under 18: ${siblings}`,
      points: siblings * p.perSibling
    })
  if (facts.disabledHouseholdMember && p.disabledHouseholdMember !== 0)
    lines.push({
      code: "disabled-household-member",
      label: "Componente del nucleo con disabilità",
      labelEn: "Household member with a disability",
      points: p.disabledHouseholdMember
    })
  if (facts.noFamilyNetwork && p.noFamilyNetwork !== 0)
    lines.push({
      code: "no-family-network",
      label: "Assenza di rete familiare di supporto",
      labelEn: "No family support network nearby",
      points: p.noFamilyNetwork
    })
  return lines
}

/** The absolute priority an application holds under some rules (the first in the rules' order), if any. */
export const priorityOf = (facts: Facts, rules: Rules): PriorityCode | undefined =>
  rules.priorities.find((c) => (c === "disability" ? facts.disability : facts.socialServicesReferral))

interface Entry {
  readonly app: Application
  readonly priority: PriorityCode | undefined
  readonly breakdown: ReadonlyArray<Line>
  readonly score: number
  /** Numeric sort keys, ascending: priority level, −score, then one per tie-break. */
  readonly keys: Float64Array
  readonly override: Override | undefined
}

const dayNumber = (d: LocalDate.LocalDate): number =>
  Date.UTC(LocalDate.year(d), LocalDate.month(d) - 1, LocalDate.day(d)) / 86_400_000

const entryOf = (app: Application, rules: Rules, adjust: Override | undefined): Entry => {
  const priority = priorityOf(app.facts, rules)
  const lines = score(app.facts, rules)
  const breakdown =
    adjust?.points === undefined
      ? lines
      : [
          ...lines,
          { code: "manual-adjustment", label: `Rettifica manuale: ${adjust.motive}`, labelEn: `Manual adjustment: ${adjust.motive}`, points: adjust.points }
        ]
  let total = 0
  for (const l of breakdown) total += l.points
  const keys = new Float64Array(2 + rules.tieBreaks.length)
  keys[0] = priority === undefined ? rules.priorities.length : rules.priorities.indexOf(priority)
  keys[1] = -total
  rules.tieBreaks.forEach((t, i) => {
    keys[2 + i] =
      t === "lower-isee"
        ? (app.facts.isee ?? Number.POSITIVE_INFINITY)
        : t === "more-minors"
          ? -app.facts.minors
          : t === "younger-child"
            ? -dayNumber(app.childBirthDate)
            : DateTime.toEpochMillis(app.submittedAt)
  })
  return { app, priority, breakdown, score: total, keys, override: adjust }
}

const compareEntries = (a: Entry, b: Entry): number => {
  const ka = a.keys
  const kb = b.keys
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i]!
    const y = kb[i]!
    if (x !== y) return x < y ? -1 : 1
  }
  return a.app.id < b.app.id ? -1 : a.app.id > b.app.id ? 1 : 0
}

/** The total order of two applications under some rules: negative when `a` ranks first. Never 0 for distinct ids. */
export const compare = (a: Application, b: Application, rules: Rules): number =>
  compareEntries(entryOf(a, rules, undefined), entryOf(b, rules, undefined))

const tieBreakValues = (app: Application, rules: Rules): ReadonlyArray<TieBreakValue> =>
  rules.tieBreaks.map((t) => ({
    code: t,
    label: tieBreakLabel[t],
    labelEn: tieBreakLabelEn[t],
    value:
      t === "lower-isee"
        ? (app.facts.isee ?? null)
        : t === "more-minors"
          ? app.facts.minors
          : t === "younger-child"
            ? app.childBirthDate
            : new Date(DateTime.toEpochMillis(app.submittedAt)).toISOString()
  }))

// ---------------------------------------------------------------------------------------------------------
// Ranking

const dedupeKey = (app: Application, by: DedupeBy): string =>
  by === "child"
    ? app.childKey
    : by === "child-category"
      ? `${app.childKey}\u0000${app.category}`
      : `${app.householdKey}\u0000${app.category}`

const romeTime = (t: DateTime.DateTime): string =>
  DateTime.formatIsoZoned(DateTime.setZoneNamedUnsafe(t, "Europe/Rome")).slice(0, 16).replace("T", " ")

interface Slot {
  outcome: Outcome
  pool: string | undefined
}

/** Allocates one category's places over its sorted entries; mutates `slots`. Returns what is left. */
const allocate = (
  entries: ReadonlyArray<Entry>,
  slots: Map<string, Slot>,
  capacity: number,
  pools: ReadonlyArray<Pool>,
  mode: Mode,
  on: LocalDate.LocalDate
): { left: number; reserved: Record<string, number> } => {
  const budget = mode.kind === "budget"
  const strict = mode.kind === "budget" && mode.fit !== "skip"
  const need = (e: Entry): number => (budget ? (e.app.amount ?? 0) : 1)
  const room: Record<string, number> = {}
  let general = capacity
  for (const p of pools) {
    const r = Math.max(0, Math.min(general, (budget ? p.amount : p.seats) ?? 0))
    room[p.id] = r
    general -= r
  }
  const admit = (e: Entry, pool: string | undefined) => {
    slots.set(e.app.id, {
      outcome: (e.app.pendingDocuments?.length ?? 0) > 0 ? "admitted-with-reservation" : "admitted",
      pool
    })
  }
  // Manual admissions take a place first: a pool's if the applicant belongs to one with room, else a general one.
  for (const e of entries) {
    if (e.override?.kind !== "admit") continue
    const n = need(e)
    const pool = pools.find((p) => (e.app.pools ?? []).includes(p.id) && room[p.id]! >= n)
    if (pool !== undefined) room[pool.id] = room[pool.id]! - n
    else general = Math.max(0, general - n)
    admit(e, pool?.id)
  }
  for (const p of pools) {
    for (const e of entries) {
      if (slots.has(e.app.id) || !(e.app.pools ?? []).includes(p.id)) continue
      const n = need(e)
      if (n <= room[p.id]!) {
        room[p.id] = room[p.id]! - n
        admit(e, p.id)
      } else if (strict || !budget) break
    }
    if (on >= p.releaseOn) {
      general += room[p.id]!
      room[p.id] = 0
    }
  }
  for (const e of entries) {
    if (slots.has(e.app.id)) continue
    const n = need(e)
    if (n <= general) {
      general -= n
      admit(e, undefined)
    } else if (strict || !budget) break
  }
  return { left: general, reserved: room }
}

/**
 * Ranks applications: drops duplicates and excluded ones (with reasons), orders each category's list
 * totally, and allocates places (seats, or money category by category with the remainder carried), reserved
 * pools first. The result is provisional until `publish`.
 */
export const rank = (applications: ReadonlyArray<Application>, input: Input): Ranking => {
  const { rules, mode, on } = input
  const pools = input.pools ?? []
  const overrides = new Map<string, Override>()
  for (const o of input.overrides ?? []) overrides.set(`${o.kind}\u0000${o.applicationId}`, o)
  const categories = mode.categories.map((c) => c.category)
  const categorySet = new Set(categories)
  const excluded = new Map<string, Array<Reason>>()
  const exclude = (id: string, reason: Reason) => {
    const list = excluded.get(id)
    if (list === undefined) excluded.set(id, [reason])
    else list.push(reason)
  }

  // Duplicates: an id used twice is a data error and excludes every application carrying it (whatever the
  // input order); then the same request twice keeps the earliest submission (then the lowest id).
  const byId = new Map<string, Application>()
  const clashing = new Set<string>()
  for (const a of applications) {
    if (byId.has(a.id)) clashing.add(a.id)
    else byId.set(a.id, a)
  }
  for (const id of clashing) {
    byId.delete(id)
    exclude(id, {
      code: "duplicate-id",
      message: `L'identificativo ${id} è usato da più domande: vanno corrette`
    })
  }
  const winners = new Map<string, Application>()
  const earlier = (a: Application, b: Application): boolean => {
    const ta = DateTime.toEpochMillis(a.submittedAt)
    const tb = DateTime.toEpochMillis(b.submittedAt)
    return ta < tb || (ta === tb && a.id < b.id)
  }
  for (const a of byId.values()) {
    const k = dedupeKey(a, rules.dedupeBy)
    const kept = winners.get(k)
    if (kept === undefined || earlier(a, kept)) winners.set(k, a)
  }
  for (const a of byId.values()) {
    const winner = winners.get(dedupeKey(a, rules.dedupeBy))!
    if (winner !== a)
      exclude(a.id, {
        code: "duplicate",
        message: `Domanda doppia: vale la domanda ${winner.id}, presentata il ${romeTime(winner.submittedAt)}`
      })
  }

  const perCategory = new Map<string, Array<Entry>>(categories.map((c) => [c, []]))
  for (const a of byId.values()) {
    if (excluded.has(a.id)) continue
    let out = false
    for (const r of a.exclusions ?? []) {
      exclude(a.id, r)
      out = true
    }
    const manual = overrides.get(`exclude\u0000${a.id}`)
    if (manual !== undefined) {
      exclude(a.id, {
        code: "manual-exclusion",
        message: `Esclusione disposta da ${manual.by}: ${manual.motive}`
      })
      out = true
    }
    if (!categorySet.has(a.category)) {
      exclude(a.id, {
        code: "category-not-in-ranking",
        message: `La categoria "${a.category}" non è prevista in questa graduatoria`
      })
      out = true
    }
    if (mode.kind === "budget" && a.amount === undefined) {
      exclude(a.id, {
        code: "missing-amount",
        message: "Manca l'importo richiesto, necessario per assegnare il contributo"
      })
      out = true
    }
    if (out) continue
    const admit = overrides.get(`admit\u0000${a.id}`)
    const adjust = overrides.get(`points\u0000${a.id}`)
    const e = entryOf(a, rules, adjust)
    perCategory.get(a.category)!.push(admit === undefined ? e : { ...e, override: admit })
  }

  const lists: Array<CategoryList> = []
  let carried = 0
  for (const c of mode.categories) {
    const entries = perCategory.get(c.category)!
    entries.sort(compareEntries)
    const slots = new Map<string, Slot>()
    const available =
      (mode.kind === "seats" ? (c as { seats: number }).seats : (c as { amount: number }).amount) +
      (mode.kind === "budget" ? carried : 0)
    const catPools = pools.filter((p) => p.category === c.category)
    const { left, reserved } = allocate(entries, slots, available, catPools, mode, on)
    if (mode.kind === "budget") carried = left
    lists.push({
      category: c.category,
      available,
      left,
      reserved,
      positions: entries.map((e, i) => {
        const slot = slots.get(e.app.id)
        return {
          position: i + 1,
          applicationId: e.app.id,
          category: c.category,
          priority:
            e.priority === undefined ? undefined : { code: e.priority, label: priorityLabel[e.priority], labelEn: priorityLabelEn[e.priority] },
          score: e.score,
          breakdown: e.breakdown,
          tieBreaks: tieBreakValues(e.app, rules),
          outcome: slot?.outcome ?? "waiting",
          pool: slot?.pool,
          pools: e.app.pools ?? [],
          amount: e.app.amount,
          pendingDocuments: e.app.pendingDocuments ?? [],
          override: e.override
        }
      })
    })
  }

  return {
    rulesId: rules.id,
    rulesVersion: rules.version,
    on,
    mode,
    pools,
    status: "provisional",
    publishedAt: undefined,
    categories: lists,
    excluded: [...excluded]
      .map(([applicationId, reasons]) => ({ applicationId, reasons }))
      .sort((a, b) => (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0)),
    carried: mode.kind === "budget" ? carried : 0
  }
}

/** The ids of each category's list in order: handy in tests and exports. */
export const order = (ranking: Ranking): Readonly<Record<string, ReadonlyArray<string>>> =>
  Object.fromEntries(ranking.categories.map((c) => [c.category, c.positions.map((p) => p.applicationId)]))

/** The position of an application, if it is in a list. */
export const positionOf = (ranking: Ranking, applicationId: string): Position | undefined => {
  for (const c of ranking.categories) {
    const p = c.positions.find((x) => x.applicationId === applicationId)
    if (p !== undefined) return p
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------------------
// Publication and scrolling

/** The ranking is already definitive. */
export class AlreadyDefinitive extends Schema.TaggedError<AlreadyDefinitive>()("AlreadyDefinitive", {
  code: Schema.Literal("ranking-already-definitive"),
  message: Schema.String
}) {}

/** Places scroll only on a definitive ranking. */
export class NotDefinitive extends Schema.TaggedError<NotDefinitive>()("NotDefinitive", {
  code: Schema.Literal("ranking-not-definitive"),
  message: Schema.String
}) {}

/** No list holds this application. */
export class UnknownApplication extends Schema.TaggedError<UnknownApplication>()("UnknownApplication", {
  applicationId: Schema.String,
  code: Schema.Literal("ranking-unknown-application"),
  message: Schema.String
}) {}

/** The application is not in the state the operation needs (e.g. already withdrawn, not admitted with reservation). */
export class InvalidOutcome extends Schema.TaggedError<InvalidOutcome>()("InvalidOutcome", {
  applicationId: Schema.String,
  outcome: Schema.String,
  code: Schema.Literal("ranking-invalid-outcome"),
  message: Schema.String
}) {}

/** Any reason a publication or scrolling step fails. */
export type RankingError = AlreadyDefinitive | NotDefinitive | UnknownApplication | InvalidOutcome

/** Publishes a provisional ranking as definitive at `at`. */
export const publish = (ranking: Ranking, at: DateTime.Utc): Result.Result<Ranking, AlreadyDefinitive> =>
  ranking.status === "definitive"
    ? Result.fail(
        new AlreadyDefinitive({
          code: "ranking-already-definitive",
          message: `La graduatoria è già definitiva dal ${romeTime(ranking.publishedAt!)}`
        })
      )
    : Result.succeed({ ...ranking, status: "definitive", publishedAt: at })

const locate = (
  ranking: Ranking,
  applicationId: string
): Result.Result<[number, number], UnknownApplication> => {
  for (let c = 0; c < ranking.categories.length; c++) {
    const i = ranking.categories[c]!.positions.findIndex((p) => p.applicationId === applicationId)
    if (i >= 0) return Result.succeed([c, i])
  }
  return Result.fail(
    new UnknownApplication({
      applicationId,
      code: "ranking-unknown-application",
      message: `La domanda ${applicationId} non è in graduatoria`
    })
  )
}

const replace = (ranking: Ranking, c: number, list: CategoryList): Ranking => ({
  ...ranking,
  categories: ranking.categories.map((x, i) => (i === c ? list : x))
})

/** A document was delivered: an application admitted with reservation becomes admitted. */
export const confirmDocuments = (
  ranking: Ranking,
  applicationId: string
): Result.Result<Ranking, UnknownApplication | InvalidOutcome> => {
  const at = locate(ranking, applicationId)
  if (Result.isFailure(at)) return Result.fail(at.failure)
  const [c, i] = at.success
  const list = ranking.categories[c]!
  const p = list.positions[i]!
  if (p.outcome !== "admitted-with-reservation")
    return Result.fail(
      new InvalidOutcome({
        applicationId,
        outcome: p.outcome,
        code: "ranking-invalid-outcome",
        message: `La domanda ${applicationId} non è ammessa con riserva`
      })
    )
  const positions = list.positions.map((x, j) =>
    j === i ? { ...x, outcome: "admitted" as const, pendingDocuments: [] } : x
  )
  return Result.succeed(replace(ranking, c, { ...list, positions }))
}

/**
 * Scrolling: an application withdraws (renounces, or its reservation lapsed) at `at`; its place goes to the
 * next in line — the next member of the pool it was admitted on, else (once the pool is released, judged on
 * the local date of `at`) the next in the general list. Budget mode admits in order while the money freed
 * covers the next request. Returns the new ranking and the ids admitted by this step.
 */
export const scroll = (
  ranking: Ranking,
  applicationId: string,
  at: DateTime.Utc
): Result.Result<
  readonly [Ranking, ReadonlyArray<string>],
  NotDefinitive | UnknownApplication | InvalidOutcome
> => {
  if (ranking.status !== "definitive")
    return Result.fail(
      new NotDefinitive({
        code: "ranking-not-definitive",
        message: "Lo scorrimento si applica solo alla graduatoria definitiva"
      })
    )
  const loc = locate(ranking, applicationId)
  if (Result.isFailure(loc)) return Result.fail(loc.failure)
  const [c, i] = loc.success
  const list = ranking.categories[c]!
  const leaving = list.positions[i]!
  if (leaving.outcome === "withdrawn")
    return Result.fail(
      new InvalidOutcome({
        applicationId,
        outcome: leaving.outcome,
        code: "ranking-invalid-outcome",
        message: `La domanda ${applicationId} ha già rinunciato`
      })
    )
  const budget = ranking.mode.kind === "budget"
  const strict = ranking.mode.kind === "budget" && ranking.mode.fit !== "skip"
  const need = (p: Position): number => (budget ? (p.amount ?? 0) : 1)
  const today = DateTime.formatIsoDate(DateTime.setZoneNamedUnsafe(at, "Europe/Rome")) as LocalDate.LocalDate
  const positions = [...list.positions]
  positions[i] = { ...leaving, outcome: "withdrawn" }
  const wasAdmitted = leaving.outcome === "admitted" || leaving.outcome === "admitted-with-reservation"
  const reserved: Record<string, number> = { ...list.reserved }
  let left = list.left
  if (wasAdmitted) {
    if (leaving.pool !== undefined && reserved[leaving.pool] !== undefined)
      reserved[leaving.pool] = reserved[leaving.pool]! + need(leaving)
    else left += need(leaving)
  }
  const admitted: Array<string> = []
  const admit = (j: number, pool: string | undefined) => {
    const p = positions[j]!
    positions[j] = {
      ...p,
      outcome: p.pendingDocuments.length > 0 ? "admitted-with-reservation" : "admitted",
      pool
    }
    admitted.push(p.applicationId)
  }
  for (const pool of ranking.pools.filter((p) => p.category === list.category)) {
    if (reserved[pool.id] === undefined) continue
    for (let j = 0; j < positions.length; j++) {
      const p = positions[j]!
      if (p.outcome !== "waiting" || !p.pools.includes(pool.id)) continue
      if (need(p) <= reserved[pool.id]!) {
        reserved[pool.id] = reserved[pool.id]! - need(p)
        admit(j, pool.id)
      } else if (strict || !budget) break
    }
    if (today >= pool.releaseOn) {
      left += reserved[pool.id]!
      reserved[pool.id] = 0
    }
  }
  for (let j = 0; j < positions.length; j++) {
    const p = positions[j]!
    if (p.outcome !== "waiting") continue
    if (need(p) <= left) {
      left -= need(p)
      admit(j, undefined)
    } else if (strict || !budget) break
  }
  return Result.succeed([replace(ranking, c, { ...list, positions, left, reserved }), admitted] as const)
}

// ---------------------------------------------------------------------------------------------------------
// Shipped rules

/**
 * Ranking rules for the Smartfam Voghera services (2022-23): the usual municipal criteria (DOMAIN.md §7).
 * The weights are invented for demonstration (`demo: true`): a project sets its own.
 */
export const vogheraRules: Rules = new Rules({
  id: "smartfam-voghera-graduatoria",
  version: 1,
  title: "Criteri di graduatoria dei servizi Smartfam Voghera 2022-23",
  validFrom: LocalDate.make("2022-05-01"),
  validUntil: LocalDate.make("2023-08-31"),
  priorities: ["disability", "social-services"],
  points: {
    singleParent: 10,
    singleParentWorking: 5,
    bothParentsWorking: [
      { minWeeklyHours: 1, points: 4 },
      { minWeeklyHours: 18, points: 6 },
      { minWeeklyHours: 30, points: 8 }
    ],
    perSibling: 2,
    maxSiblings: 3,
    disabledHouseholdMember: 5,
    noFamilyNetwork: 3
  },
  tieBreaks: ["lower-isee", "more-minors", "younger-child", "earlier-submission"],
  dedupeBy: "child-category",
  demo: true,
  notes: ["Pesi dimostrativi: i criteri reali sono fissati dal progetto e dal Comune."]
})
