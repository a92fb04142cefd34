/**
 * Eligibility: may this family use this service on this date, and why (or why not)?
 *
 * Rules are data: a `RuleSet` holds a tree of AND (`all`) / OR (`any`) groups over conditions: recipient
 * category (employee of a partner firm, Comune employee when the project admits them, family resident in a
 * territory group), residence, child age at the session date, ISEE cap, closure-day-only, documents held.
 *
 * One pure function, `check(ruleSet, facts, context)`, answers with:
 * - `status`: `eligible`, `ineligible`, or `undetermined` (facts are partial: an anonymous check may not
 *   know everything yet), and every condition's **reason** (code, Italian and English text, value used);
 * - **counterfactuals**: what would change the outcome ("idonea dal 2023-01-12, quando Giulia compie 3
 *   anni", "idonea se il datore di lavoro conferma l'impiego", "idonea con ISEE ≤ € 20.000,00"), each
 *   saying whether that change alone would be enough;
 * - **missing**: the absent facts that can still change the outcome (none once it is decided; an OR
 *   group that already passes asks nothing more of its other members), so a form asks only what is needed.
 *   `reads(ruleSet, context)` lists every fact a rule set may read.
 *
 * Facts are evaluated in three-valued logic: a condition whose fact is absent is `unknown`; an `all` group
 * fails if any member fails, an `any` group passes if any member passes. Every condition is evaluated
 * (no short-circuit), so the reasons are complete. Rule sets are compiled once (`compile`, memoised by
 * `check`): texts are precomputed, the tree's value is a table lookup, reasons whose value repeats (an age,
 * a comune, a partner) are interned and frozen, so a check allocates little beyond its outcome.
 *
 * @example
 * ```ts
 * const infanzia = Eligibility.byId(Eligibility.smartfamVoghera, "smartfam-infanzia")!
 * const context = { date: LocalDate.make("2022-09-05"), settings: { comuneStaffAreRecipients: true } }
 * const o = Eligibility.check(infanzia, { residence: "018182", documents: ["certificato-vaccinale"],
 *   child: { name: "Giulia", birthDate: LocalDate.make("2020-01-12") } }, context)
 * o.status                       // "ineligible"
 * o.counterfactuals[0].message   // "idonea dal 2023-01-12, quando Giulia compie 3 anni"
 * Eligibility.check(infanzia, { residence: "018182" }, context).missing  // ["child.birthDate", "documents"]
 * ```
 */
import { Result, Schema } from "effect"
import * as Calendar from "./Calendar.ts"
import { ruleSets as shippedRuleSets } from "./data/smartfamCatalogue.ts"
import { dateAtMonths, formatAge, formatAgeEn } from "./Household.ts"
import type { Household } from "./Household.ts"
import * as HouseholdRules from "./Household.ts"
import * as LocalDate from "./LocalDate.ts"
import * as Money from "./Money.ts"
import * as Territory from "./Territory.ts"

// ---------------------------------------------------------------------------------------------------------
// Rules as data

/** Identifier of a rule set (all versions of one rule set share it). */
export const RuleSetId = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)),
  Schema.brand("RuleSetId")
)
/** Identifier of a rule set. */
export type RuleSetId = typeof RuleSetId.Type

const NonNegativeInt = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

/** A document a rule asks for: a stable id and its Italian and English labels. */
export const RequiredDocument = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/))),
  label: Schema.String,
  labelEn: Schema.String
})
/** A document a rule asks for. */
export type RequiredDocument = typeof RequiredDocument.Type

/** The applicant works for a partner firm of the project (any, or one of `partners`) and the firm confirmed it. */
export const PartnerEmployee = Schema.Struct({
  kind: Schema.Literal("partner-employee"),
  partners: Schema.optionalKey(Schema.Array(Schema.String))
})

/** The applicant works for the Comune, and the project's settings admit the Comune's staff as recipients. */
export const ComuneEmployee = Schema.Struct({ kind: Schema.Literal("comune-employee") })

/** The family resides in a comune of a territory group (`Territory.Group` id, resolved in the context). */
export const Residence = Schema.Struct({
  kind: Schema.Literal("residence"),
  group: Schema.String
})

/** The child is at least `minMonths` and less than `maxMonths` old on the reference (session) date. */
export const ChildAge = Schema.Struct({
  kind: Schema.Literal("child-age"),
  minMonths: NonNegativeInt,
  maxMonths: NonNegativeInt
}).check(
  Schema.makeFilter(
    (c) =>
      c.minMonths < c.maxMonths ||
      "minMonths deve essere minore di maxMonths (minMonths must be below maxMonths)"
  )
)

/** The household's ISEE is at most `maxCents`; no ISEE fails. */
export const IseeMax = Schema.Struct({ kind: Schema.Literal("isee-max"), maxCents: NonNegativeInt })

/** The reference date is a school-closure day for `level` in the context's calendar (closure-period services). */
export const ClosureDay = Schema.Struct({ kind: Schema.Literal("closure-day"), level: Calendar.SchoolLevel })

/** The family holds every required document. */
export const Documents = Schema.Struct({
  kind: Schema.Literal("documents"),
  required: Schema.Array(RequiredDocument).pipe(Schema.check(Schema.isMinLength(1)))
})

/** A single condition: a leaf of a rule tree. */
export const Condition = Schema.Union([
  PartnerEmployee,
  ComuneEmployee,
  Residence,
  ChildAge,
  IseeMax,
  ClosureDay,
  Documents
])
/** A single condition. */
export type Condition = typeof Condition.Type
/** The kinds of condition. */
export type ConditionKind = Condition["kind"]

/** Every member must pass (AND). An empty `all` passes. */
export interface AllOf {
  readonly kind: "all"
  readonly of: ReadonlyArray<Rule>
  /** What the group means, e.g. "destinatari". */
  readonly label?: string
}
/** At least one member must pass (OR). An empty `any` fails. */
export interface AnyOf {
  readonly kind: "any"
  readonly of: ReadonlyArray<Rule>
  /** What the group means, e.g. "destinatari". */
  readonly label?: string
}
/** A rule: a condition or an AND/OR group of rules. */
export type Rule = Condition | AllOf | AnyOf

const suspended = Schema.suspend((): Schema.Codec<Rule> => Rule)
/** A rule tree, as data (JSON a coordinator can write). */
export const Rule: Schema.Codec<Rule> = Schema.Union([
  Condition,
  Schema.Struct({
    kind: Schema.Literal("all"),
    of: Schema.Array(suspended),
    label: Schema.optionalKey(Schema.String)
  }),
  Schema.Struct({
    kind: Schema.Literal("any"),
    of: Schema.Array(suspended),
    label: Schema.optionalKey(Schema.String)
  })
])

/** A named, versioned rule set with validity dates: what a service's eligibility is. */
export class RuleSet extends Schema.Class<RuleSet>("RuleSet")({
  id: RuleSetId,
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  title: Schema.String,
  validFrom: LocalDate.LocalDate,
  validTo: Schema.optionalKey(LocalDate.LocalDate),
  rule: Rule,
  /** True when the rule set is invented for demonstration, not taken from a published act. */
  demo: Schema.Boolean,
  note: Schema.optionalKey(Schema.String)
}) {}

/** Decodes a rule set from JSON-like input, throwing a `Schema.SchemaError` with every path on failure. */
export const decodeRuleSet = (input: unknown): RuleSet =>
  Schema.decodeUnknownSync(RuleSet)(input, { errors: "all" })

/** Whether this version of a rule set is in force on a date. */
export const isInForce = (ruleSet: RuleSet, on: LocalDate.LocalDate): boolean =>
  ruleSet.validFrom <= on && (ruleSet.validTo === undefined || on <= ruleSet.validTo)

/** The latest version of rule set `id` (in force on `on`, when given). */
export const byId = (
  ruleSets: ReadonlyArray<RuleSet>,
  id: string,
  on?: LocalDate.LocalDate
): RuleSet | undefined =>
  ruleSets
    .filter((r) => r.id === id && (on === undefined || isInForce(r, on)))
    .reduce<RuleSet | undefined>(
      (best, r) => (best === undefined || r.version > best.version ? r : best),
      undefined
    )

/** The conditions of a rule tree, depth first: `Reason.condition` indexes this list. */
export const conditions = (rule: Rule): ReadonlyArray<Condition> =>
  rule.kind === "all" || rule.kind === "any" ? rule.of.flatMap(conditions) : [rule]

/** The documents a rule set asks for, in the order its conditions name them. */
export const requiredDocuments = (ruleSet: RuleSet): ReadonlyArray<RequiredDocument> =>
  conditions(ruleSet.rule).flatMap((c) => (c.kind === "documents" ? c.required : []))

// ---------------------------------------------------------------------------------------------------------
// Facts and context

/** The inputs a rule may read, by path: what a form asks for. */
export const FactPath = Schema.Literals([
  "applicant.partnerEmployer",
  "applicant.comuneEmployee",
  "residence",
  "child.birthDate",
  "isee",
  "documents"
])
/** The path of a fact. */
export type FactPath = typeof FactPath.Type

const factPaths: ReadonlyArray<FactPath> = FactPath.literals

/**
 * What is known about a family, all optional (an absent fact is unknown; `null` means "known: none").
 * `applicant.employmentConfirmed` is not asked of the family: absent means the firm has not confirmed yet.
 */
export interface Facts {
  readonly applicant?:
    | {
        /** The partner id of the applicant's employer; `null` when the employer is not a partner (or none). */
        readonly partnerEmployer?: string | null | undefined
        /** Whether the partner firm confirmed the employment (absent: pending). */
        readonly employmentConfirmed?: boolean | undefined
        readonly comuneEmployee?: boolean | undefined
      }
    | undefined
  /** ISTAT code of the comune the family lives in. */
  readonly residence?: string | undefined
  readonly child?:
    { readonly name?: string | undefined; readonly birthDate?: LocalDate.LocalDate | undefined } | undefined
  /** The valid ISEE in cents; `null` when the family presents none. */
  readonly isee?: number | null | undefined
  /** Ids of the documents the family holds. */
  readonly documents?: ReadonlyArray<string> | undefined
}

/** The facts as a Schema, to validate JSON (case files, API bodies). */
export const FactsSchema = Schema.Struct({
  applicant: Schema.optionalKey(
    Schema.Struct({
      partnerEmployer: Schema.optionalKey(Schema.NullOr(Schema.String)),
      employmentConfirmed: Schema.optionalKey(Schema.Boolean),
      comuneEmployee: Schema.optionalKey(Schema.Boolean)
    })
  ),
  residence: Schema.optionalKey(Territory.IstatCode),
  child: Schema.optionalKey(
    Schema.Struct({
      name: Schema.optionalKey(Schema.String),
      birthDate: Schema.optionalKey(LocalDate.LocalDate)
    })
  ),
  isee: Schema.optionalKey(Schema.NullOr(NonNegativeInt)),
  documents: Schema.optionalKey(Schema.Array(Schema.String))
})

/** Project settings the rules depend on. */
export interface Settings {
  /** Whether the Comune's own staff are recipients (a per-project choice: see `Call.publicStaffAreRecipients`). */
  readonly comuneStaffAreRecipients: boolean
}

/** Reference data of a check: the session date, project settings, territory groups, calendar. */
export interface Context {
  /** The reference date: the session's date (ages are computed on it, closure days checked on it). */
  readonly date: LocalDate.LocalDate
  readonly settings: Settings
  /** Territory groups `residence` conditions refer to (default: the shipped `Territory` groups). */
  readonly groups?: ReadonlyArray<Territory.Group> | undefined
  /** The calendar `closure-day` conditions read (without one they fail with `calendar-missing`). */
  readonly calendar?: Calendar.AnyCalendar | undefined
  /** The school whose own closure days count, if any. */
  readonly institute?: Calendar.Institute | undefined
}

/** The facts of a household for a check: one adult as applicant (default the first), one child, the ISEE valid on `date`. */
export const factsOf = (
  household: Household,
  options: {
    readonly date: LocalDate.LocalDate
    readonly childId?: string
    readonly adult?: number
    readonly documents?: ReadonlyArray<string>
  }
): Facts => {
  const adult = household.adults[options.adult ?? 0]
  const child =
    options.childId === undefined ? household.children[0] : HouseholdRules.child(household, options.childId)
  return {
    ...(adult === undefined
      ? {}
      : {
          applicant: {
            partnerEmployer: adult.employer?.partnerId ?? null,
            employmentConfirmed: adult.employer?.confirmed ?? false,
            comuneEmployee: adult.comuneEmployee
          },
          residence: adult.residence
        }),
    ...(child === undefined ? {} : { child: { name: child.name, birthDate: child.birthDate } }),
    isee: HouseholdRules.iseeOn(household, options.date)?.value ?? null,
    ...(options.documents === undefined ? {} : { documents: options.documents })
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outcome

/** How a condition came out: passed, failed, or unknown (its fact is absent). */
export type Status = "pass" | "fail" | "unknown"

/** The value a condition used: a partner id, an ISTAT code, an age in months, cents, a closure reason, documents. */
export type Value = string | number | boolean | null | ReadonlyArray<string>

/** Why a condition passed or failed: machine code, Italian and English text, and the value used. */
export interface Reason {
  /** Stable machine code, e.g. `child-too-young`. */
  readonly code: string
  /** Index of the condition in `conditions(ruleSet.rule)`. */
  readonly condition: number
  readonly kind: ConditionKind
  readonly status: Status
  /** Italian text. */
  readonly message: string
  /** English text. */
  readonly messageEn: string
  /** The value used (`null` when absent). */
  readonly value: Value
}

/** A change that would alter the outcome, and whether that change alone would make the family eligible. */
export interface Counterfactual {
  /** `eligible-from`, `employer-confirms`, `isee-at-most`, `resident-in`, `documents-presented`, `next-closure-day`. */
  readonly code: string
  /** Index of the condition it would satisfy. */
  readonly condition: number
  /** Italian text: "idonea dal 2023-01-12, quando Giulia compie 3 anni". */
  readonly message: string
  /** English text. */
  readonly messageEn: string
  /** Whether this change alone makes the outcome `eligible` (other conditions unchanged). */
  readonly sufficient: boolean
  /** The date from which it applies (age reached, next closure day). */
  readonly date?: LocalDate.LocalDate
  /** The ISEE cap to meet, in cents. */
  readonly amount?: Money.Cents
  /** Documents still to present. */
  readonly documents?: ReadonlyArray<string>
}

/** The answer of a check. */
export interface Outcome {
  readonly ruleSetId: RuleSetId
  readonly version: number
  readonly date: LocalDate.LocalDate
  /** `undetermined` when absent facts leave the rule tree open. */
  readonly status: "eligible" | "ineligible" | "undetermined"
  readonly eligible: boolean
  /** One reason per condition, in `conditions(rule)` order. */
  readonly reasons: ReadonlyArray<Reason>
  readonly counterfactuals: ReadonlyArray<Counterfactual>
  /** Absent facts that can still change the outcome, in `FactPath` order (empty once the outcome is decided). */
  readonly missing: ReadonlyArray<FactPath>
}

/** A family is not eligible: the outcome with every reason, as a tagged, serialisable error. */
export class Ineligible extends Schema.TaggedError<Ineligible>()("Ineligible", {
  ruleSetId: Schema.String,
  date: Schema.String,
  codes: Schema.Array(Schema.String),
  reasons: Schema.Array(Schema.String),
  undetermined: Schema.Boolean
}) {
  /** Stable machine code. */
  readonly code = "ineligible"
  override get message(): string {
    return `${this.undetermined ? "idoneità non determinabile" : "non idonea"}: ${this.reasons.join("; ")}`
  }
}

/** The outcome as a `Result`: success when eligible, else an `Ineligible` carrying the failing and unknown reasons. */
export const toResult = (outcome: Outcome): Result.Result<Outcome, Ineligible> => {
  if (outcome.eligible) return Result.succeed(outcome)
  const against = outcome.reasons.filter((r) => r.status !== "pass")
  return Result.fail(
    new Ineligible({
      ruleSetId: outcome.ruleSetId,
      date: outcome.date,
      codes: against.map((r) => r.code),
      reasons: against.map((r) => r.message),
      undetermined: outcome.status === "undetermined"
    })
  )
}

// ---------------------------------------------------------------------------------------------------------
// Compilation
//
// The hot path (`Checker.check`) is written to cost a small multiple of a hand-written boolean check of
// the same rule (issue 4: ≤ 3×, see bench/eligibility.bench.ts), with every reason, counterfactuals and
// missing facts:
// - the first condition of each usual kind (partner, Comune, residence, age, ISEE) has a slot in the
//   checker, evaluated by straight-line code (whether a slot is filled is the same at every check, so
//   those branches are always predicted); other conditions go through one `switch`. Each evaluator is a
//   small function without closures, writes its reason at its index and returns its state as bits;
// - reasons whose value repeats are built once and shared, frozen: per partner id (the first few compared
//   with `===`, no hashing), per comune (a `Map` to a slot in per-leaf tables of reasons and states), per
//   age in months (tables built at compile time); only a reason whose value is free (ISEE cents,
//   documents) is allocated by a check;
// - status, missing facts and the counterfactuals of failures that only depend on the rule (employer to
//   confirm, residence, ISEE cap) are one "verdict" per combination of leaf states, built when first met
//   and shared (frozen); only a child too young (whose "eligible from" date depends on the birth date,
//   cached per birth date), documents or a closure day are worked out per check;
// - counterfactuals are only looked at when the outcome is not eligible (a verdict that is has none);
// - the context's date is parsed once per context, a birth date once per check with `charCodeAt` (no
//   `Date`, no `split`), and the small helpers are kept small so the optimiser inlines them into `check`.

const PASS = 1
const FAIL = 0
const UNKNOWN = 2
type Tri = typeof PASS | typeof FAIL | typeof UNKNOWN
/** A failure with a counterfactual that depends only on the condition (and the context's groups). */
const FAIL_FIXED = 4
/** A failure with a counterfactual that depends on the facts (a birth date, documents, the calendar). */
const FAIL_DYNAMIC = 8
/** What evaluating a condition yields: its state, and for a failure whether (and how) it has a counterfactual. */
type Evaluated = Tri | typeof FAIL_FIXED | typeof FAIL_DYNAMIC

interface Text {
  readonly code: string
  readonly message: string
  readonly messageEn: string
}
const text = (code: string, message: string, messageEn: string): Text => ({ code, message, messageEn })

interface Group {
  readonly members: ReadonlySet<string>
  readonly texts: ResidenceTexts
}

/** What a context resolves to, computed once per context object. */
interface Prepared {
  readonly context: Context
  readonly groups: Map<string, Group>
  readonly closure: Map<Calendar.SchoolLevel, Calendar.ClosureReason | null>
  /** The date `months` (year × 12 + month) and `day` were parsed from (re-parsed if the context's date changes). */
  date: LocalDate.LocalDate
  months: number
  day: number
}
interface ResidenceTexts {
  readonly pass: Text
  readonly fail: Text
  readonly counterfactual: Text
}

const defaultGroups: ReadonlyArray<Territory.Group> = [Territory.ambitoVoghera, Territory.oltrepoPavese]
const residenceTexts = (name: string): ResidenceTexts => ({
  pass: text(
    "resident",
    `Famiglia residente in un comune di «${name}»`,
    `Family resident in a comune of "${name}"`
  ),
  fail: text(
    "not-resident",
    `Famiglia non residente in un comune di «${name}»`,
    `Family not resident in a comune of "${name}"`
  ),
  counterfactual: text(
    "resident-in",
    `idonea con residenza in un comune di «${name}»`,
    `eligible when resident in a comune of "${name}"`
  )
})

// `YYYY-MM-DD` read with `charCodeAt`: no `Date`, no `split`, no allocation.
const yearOf = (d: string): number =>
  (d.charCodeAt(0) - 48) * 1000 +
  (d.charCodeAt(1) - 48) * 100 +
  (d.charCodeAt(2) - 48) * 10 +
  (d.charCodeAt(3) - 48)
const monthOf = (d: string): number => (d.charCodeAt(5) - 48) * 10 + (d.charCodeAt(6) - 48)
const dayOf = (d: string): number => (d.charCodeAt(8) - 48) * 10 + (d.charCodeAt(9) - 48)

const reparse = (prep: Prepared): void => {
  const on = prep.context.date
  prep.date = on
  prep.months = yearOf(on) * 12 + monthOf(on)
  prep.day = dayOf(on)
}

// Resolved groups per registry (array identity), so contexts built per request share them.
const groupsCache = new WeakMap<ReadonlyArray<Territory.Group>, Prepared["groups"]>()
let lastContext: Context | undefined
let lastPrepared: Prepared | undefined
const prepare = (context: Context): Prepared =>
  context === lastContext && lastPrepared !== undefined ? lastPrepared : prepareNew(context)
const prepareNew = (context: Context): Prepared => {
  const list = context.groups ?? defaultGroups
  let groups = groupsCache.get(list)
  if (groups === undefined) {
    groups = new Map()
    for (const g of list) groups.set(g.id, { members: new Set(g.members), texts: residenceTexts(g.name) })
    groupsCache.set(list, groups)
  }
  const date = context.date
  const prepared: Prepared = {
    context,
    groups,
    closure: new Map(),
    date,
    months: yearOf(date) * 12 + monthOf(date),
    day: dayOf(date)
  }
  lastContext = context
  lastPrepared = prepared
  return prepared
}

const closureOn = (prep: Prepared, level: Calendar.SchoolLevel): Calendar.ClosureReason | null => {
  const cached = prep.closure.get(level)
  if (cached !== undefined) return cached
  const { calendar, date, institute } = prep.context
  const reason =
    calendar === undefined ? null : (Calendar.closureReason(calendar, level, date, institute) ?? null)
  prep.closure.set(level, reason)
  return reason
}

/** Opcodes of compiled conditions (the kinds, as small integers for `switch`es and slots). */
const OP_PARTNER = 0
const OP_COMUNE = 1
const OP_RESIDENCE = 2
const OP_AGE = 3
const OP_ISEE = 4
const OP_CLOSURE = 5
const OP_DOCUMENTS = 6

const noText = text("", "", "")

/** The bit of a fact path in a mask of paths. */
const bit = (path: FactPath): number => 1 << factPaths.indexOf(path)

/**
 * A compiled condition: its texts precomputed, its parameters unpacked, its shared reasons and caches.
 * Every leaf is built by `leaf` with the same fields in the same order, whatever its kind, so the
 * evaluator's property reads stay monomorphic.
 */
interface Leaf {
  readonly op: number
  readonly index: number
  readonly kind: ConditionKind
  readonly pass: Text
  readonly fail: Text
  /** A second way to fail (employment unconfirmed, Comune staff excluded, too old, no ISEE, no calendar/group). */
  readonly fail2: Text
  readonly unknown: Text
  /** `child-age`: min months; `isee-max`: cap in cents. */
  readonly lo: number
  /** `child-age`: max months. */
  readonly hi: number
  /** `partner-employee`: the admitted partners (undefined: any). */
  readonly allowed: ReadonlySet<string> | undefined
  /** `residence`: group id; `closure-day`: school level. */
  readonly key: string
  /** `documents`: the required documents. */
  readonly required: ReadonlyArray<RequiredDocument>
  /** The bit of the fact the leaf reads (`comune-employee`: only when the project admits the Comune's staff). */
  readonly reads: number
  // Reasons whose value is always the same, built once and shared (frozen) by every check.
  readonly unknownReason: Reason
  readonly passTrue: Reason
  readonly failFalse: Reason
  readonly fail2False: Reason
  readonly fail2Null: Reason
  readonly failNull: Reason
  /** `comune-employee`: its reasons when excluded, unknown, employee, not an employee. */
  readonly comune: ReadonlyArray<Reason>
  /** The counterfactuals whose text is fixed, as [not sufficient, sufficient] (frozen), if the leaf has one. */
  readonly fixed: readonly [Counterfactual, Counterfactual] | undefined
  /** Interned reasons and counterfactuals (frozen, shared by checks), by value: bounded caches. */
  readonly interned: Interned
}

interface Interned {
  /** `partner-employee` reasons and states by partner id. */
  readonly partners: ByString<PartnerReasons>
  /** `child-age` reasons by age in months (from 0 to ten years past the band; beyond, built per check)… */
  readonly ages: Array<Reason>
  /** …and their states. */
  readonly ageStates: Array<Evaluated>
  /** `child-age` counterfactuals by birth date (with the child's name they were written for). */
  readonly birthdays: Map<
    string,
    { readonly name: string | undefined; readonly cf: readonly [Counterfactual, Counterfactual] }
  >
  /** The registry the residence entries below were resolved for. */
  groups: Prepared["groups"] | undefined
  group: Group | undefined
  /** `residence`: index by ISTAT code into `residenceReasons` / `residenceStates`, for `groups`. */
  readonly residenceIndex: Map<string, number>
  readonly residenceReasons: Array<Reason>
  readonly residenceStates: Array<Evaluated>
  /** `residence` counterfactuals for `group`. */
  resident: readonly [Counterfactual, Counterfactual] | undefined
}

// The one place reasons are allocated: a single object shape for every reason.
const reason = (
  l: { readonly index: number; readonly kind: ConditionKind },
  t: Text,
  status: Status,
  value: Value
): Reason => ({
  code: t.code,
  condition: l.index,
  kind: l.kind,
  status,
  message: t.message,
  messageEn: t.messageEn,
  value
})

/** A counterfactual pair [not sufficient, sufficient], frozen, from a builder of either. */
const pair = (of: (sufficient: boolean) => Counterfactual): readonly [Counterfactual, Counterfactual] =>
  Object.freeze([Object.freeze(of(false)), Object.freeze(of(true))] as const)

const leaf = (
  c: Condition,
  index: number,
  op: number,
  fields: Partial<Omit<Leaf, "op" | "index" | "kind">> & Pick<Leaf, "reads">
): Leaf => {
  const at = { index, kind: c.kind }
  const pass = fields.pass ?? noText
  const fail = fields.fail ?? noText
  const fail2 = fields.fail2 ?? noText
  const unknown = fields.unknown ?? noText
  const unknownReason = Object.freeze(reason(at, unknown, "unknown", null))
  const passTrue = Object.freeze(reason(at, pass, "pass", true))
  const failFalse = Object.freeze(reason(at, fail, "fail", false))
  const fail2False = Object.freeze(reason(at, fail2, "fail", false))
  return {
    op,
    index,
    kind: c.kind,
    pass,
    fail,
    fail2,
    unknown,
    lo: fields.lo ?? 0,
    hi: fields.hi ?? 0,
    allowed: fields.allowed,
    key: fields.key ?? "",
    required: fields.required ?? [],
    reads: fields.reads,
    unknownReason,
    passTrue,
    failFalse,
    fail2False,
    fail2Null: Object.freeze(reason(at, fail2, "fail", null)),
    failNull: Object.freeze(reason(at, fail, "fail", null)),
    comune: [fail2False, unknownReason, passTrue, failFalse],
    fixed: fields.fixed,
    interned: {
      partners: byString(),
      ages: [],
      ageStates: [],
      birthdays: new Map(),
      groups: undefined,
      group: undefined,
      residenceIndex: new Map(),
      residenceReasons: [],
      residenceStates: [],
      resident: undefined
    }
  }
}

const MAX_INTERNED = 2048
/** `child-age` reasons are built at compile time for every age up to ten years past the band. */
const AGES_AHEAD = 120

/**
 * A cache by a string of which there are few (partner ids): the first few in arrays, compared with `===`
 * (no hashing), the rest in a `Map`.
 */
interface ByString<T> {
  readonly keys: Array<string>
  readonly values: Array<T>
  readonly more: Map<string, T>
}
const byString = <T>(): ByString<T> => ({ keys: [], values: [], more: new Map() })
const FEW = 8

/**
 * A `partner-employee` condition for one partner: its reason and state whether the employer has confirmed
 * the employment or not (for a partner the rule does not admit, "not an admitted partner" either way).
 */
interface PartnerReasons {
  readonly confirmed: Reason
  readonly confirmedState: Evaluated
  readonly unconfirmed: Reason
  readonly unconfirmedState: Evaluated
}

const partnerReasons = (l: Leaf, partner: string): PartnerReasons => {
  const cache = l.interned.partners
  const keys = cache.keys
  for (let k = 0; k < keys.length; k++) if (keys[k] === partner) return cache.values[k]!
  return partnerReasonsMore(l, partner)
}
const partnerReasonsMore = (l: Leaf, partner: string): PartnerReasons => {
  const cache = l.interned.partners
  const hit = cache.more.get(partner)
  if (hit !== undefined) return hit
  const admitted = l.allowed === undefined || l.allowed.has(partner)
  const notAdmitted = Object.freeze(reason(l, l.fail, "fail", partner))
  const r: PartnerReasons = admitted
    ? {
        confirmed: Object.freeze(reason(l, l.pass, "pass", partner)),
        confirmedState: PASS,
        unconfirmed: Object.freeze(reason(l, l.fail2, "fail", partner)),
        unconfirmedState: FAIL_FIXED
      }
    : { confirmed: notAdmitted, confirmedState: FAIL, unconfirmed: notAdmitted, unconfirmedState: FAIL }
  if (cache.keys.length < FEW) {
    cache.keys.push(partner)
    cache.values.push(r)
  } else if (cache.more.size < MAX_INTERNED) cache.more.set(partner, r)
  return r
}

// Each lookup has a small fast path (inlined in `check`) and an out-of-line slow path for a cache miss.

/** The state of a `child-age` condition at an age (too young: a counterfactual depending on the birth date). */
const ageState = (l: Leaf, age: number): Evaluated => (age < l.lo ? FAIL_DYNAMIC : age >= l.hi ? FAIL : PASS)
const ageReasonNew = (l: Leaf, age: number): Reason =>
  Object.freeze(
    age < l.lo
      ? reason(l, l.fail, "fail", age)
      : age >= l.hi
        ? reason(l, l.fail2, "fail", age)
        : reason(l, l.pass, "pass", age)
  )

/** The leaf's cache entries for the context's registry of groups (reset when the registry changes). */
const groupOf = (l: Leaf, prep: Prepared): Group | undefined =>
  l.interned.groups === prep.groups ? l.interned.group : regroup(l, prep)
const regroup = (l: Leaf, prep: Prepared): Group | undefined => {
  const cache = l.interned
  const g = prep.groups.get(l.key)
  const index = l.index
  cache.groups = prep.groups
  cache.group = g
  cache.residenceIndex.clear()
  // Slot 0: no residence stated (unknown, or a failure if the group is unknown).
  cache.residenceReasons.length = 0
  cache.residenceStates.length = 0
  cache.residenceReasons.push(g === undefined ? l.fail2Null : l.unknownReason)
  cache.residenceStates.push(g === undefined ? FAIL : UNKNOWN)
  cache.resident =
    g === undefined
      ? undefined
      : pair((sufficient) => ({ ...g.texts.counterfactual, condition: index, sufficient }))
  return g
}

/** Adds the reason and state of a comune of residence to the leaf's tables (for the current groups). */
const residenceIndexNew = (l: Leaf, code: string): number => {
  const cache = l.interned
  const g = cache.group
  // A bounded cache: when full, start again (keeping slot 0).
  if (cache.residenceReasons.length >= MAX_INTERNED) {
    cache.residenceIndex.clear()
    cache.residenceReasons.length = 1
    cache.residenceStates.length = 1
  }
  const k = cache.residenceReasons.length
  cache.residenceIndex.set(code, k)
  if (g === undefined) {
    cache.residenceReasons.push(Object.freeze(reason(l, l.fail2, "fail", code)))
    cache.residenceStates.push(FAIL)
  } else {
    const member = g.members.has(code)
    cache.residenceReasons.push(
      Object.freeze(reason(l, member ? g.texts.pass : g.texts.fail, member ? "pass" : "fail", code))
    )
    cache.residenceStates.push(member ? PASS : FAIL_FIXED)
  }
  return k
}

const compileLeaf = (c: Condition, index: number): Leaf => {
  switch (c.kind) {
    case "partner-employee": {
      const which = c.partners === undefined ? "" : ` (${c.partners.join(", ")})`
      const confirm = text(
        "employer-confirms",
        "idonea se il datore di lavoro conferma l'impiego",
        "eligible if the employer confirms the employment"
      )
      return leaf(c, index, OP_PARTNER, {
        pass: text(
          "partner-employee",
          `Il richiedente lavora per un'impresa partner del progetto${which}`,
          `The applicant works for a partner firm of the project${which}`
        ),
        fail: text(
          "not-partner-employee",
          `Il datore di lavoro del richiedente non è un partner ammesso${which}`,
          `The applicant's employer is not an admitted partner${which}`
        ),
        fail2: text(
          "employment-unconfirmed",
          "Impiego presso un'impresa partner in attesa di conferma del datore di lavoro",
          "Employment at a partner firm awaiting the employer's confirmation"
        ),
        unknown: text(
          "partner-employer-unknown",
          "Non è indicato se il richiedente lavora per un'impresa partner",
          "Not stated whether the applicant works for a partner firm"
        ),
        allowed: c.partners === undefined ? undefined : new Set(c.partners),
        reads: bit("applicant.partnerEmployer"),
        fixed: pair((sufficient) => ({ ...confirm, condition: index, sufficient }))
      })
    }
    case "comune-employee":
      return leaf(c, index, OP_COMUNE, {
        pass: text(
          "comune-employee",
          "Il richiedente è dipendente del Comune, che il progetto ammette tra i destinatari",
          "The applicant works for the Comune, whose staff the project admits"
        ),
        fail: text(
          "not-comune-employee",
          "Il richiedente non è dipendente del Comune",
          "The applicant does not work for the Comune"
        ),
        fail2: text(
          "comune-staff-excluded",
          "Il progetto non ammette il personale del Comune tra i destinatari",
          "The project does not admit the Comune's staff as recipients"
        ),
        unknown: text(
          "comune-employee-unknown",
          "Non è indicato se il richiedente è dipendente del Comune",
          "Not stated whether the applicant works for the Comune"
        ),
        reads: bit("applicant.comuneEmployee")
      })
    case "residence": {
      const group = c.group
      return leaf(c, index, OP_RESIDENCE, {
        fail2: text(
          "territory-group-unknown",
          `Gruppo di comuni «${group}» sconosciuto`,
          `Unknown group of comuni "${group}"`
        ),
        unknown: text(
          "residence-unknown",
          "Manca il comune di residenza",
          "The comune of residence is missing"
        ),
        key: group,
        reads: bit("residence")
      })
    }
    case "child-age": {
      const { minMonths: min, maxMonths: max } = c
      const band = `da ${formatAge(min)} compiuti a ${formatAge(max)} non compiuti`
      const bandEn = `from ${min} months to under ${max} months`
      const l = leaf(c, index, OP_AGE, {
        pass: text(
          "child-age-in-range",
          `Il minore ha l'età del servizio (${band})`,
          `The child is of the service's age (${bandEn})`
        ),
        fail: text(
          "child-too-young",
          `Il minore è troppo piccolo per il servizio (${band})`,
          `The child is too young for the service (${bandEn})`
        ),
        fail2: text(
          "child-too-old",
          `Il minore ha superato l'età del servizio (${band})`,
          `The child is past the service's age (${bandEn})`
        ),
        unknown: text(
          "child-birth-date-unknown",
          "Manca la data di nascita del minore",
          "The child's birth date is missing"
        ),
        lo: min,
        hi: max,
        reads: bit("child.birthDate")
      })
      for (let age = 0; age < max + AGES_AHEAD; age++) {
        l.interned.ages.push(ageReasonNew(l, age))
        l.interned.ageStates.push(ageState(l, age))
      }
      return l
    }
    case "isee-max": {
      const cap = Money.cents(c.maxCents)
      const shown = Money.format(cap)
      const cf = text("isee-at-most", `idonea con ISEE ≤ ${shown}`, `eligible with an ISEE ≤ ${shown}`)
      return leaf(c, index, OP_ISEE, {
        pass: text("isee-within-cap", `ISEE entro il limite di ${shown}`, `ISEE within the ${shown} cap`),
        fail: text("isee-over-cap", `ISEE oltre il limite di ${shown}`, `ISEE over the ${shown} cap`),
        fail2: text(
          "isee-absent",
          `Nessun ISEE presentato: il servizio richiede un ISEE entro ${shown}`,
          `No ISEE presented: the service requires an ISEE within ${shown}`
        ),
        unknown: text(
          "isee-unknown",
          "Manca l'ISEE (o la dichiarazione di non presentarlo)",
          "The ISEE (or a statement that there is none) is missing"
        ),
        lo: cap,
        reads: bit("isee"),
        fixed: pair((sufficient) => ({ ...cf, condition: index, sufficient, amount: cap }))
      })
    }
    case "closure-day": {
      const level = c.level
      return leaf(c, index, OP_CLOSURE, {
        pass: text(
          "closure-day",
          `Il giorno è di chiusura scolastica (${level}): il servizio è aperto`,
          `The day is a school-closure day (${level}): the service runs`
        ),
        fail: text(
          "not-closure-day",
          `Il giorno non è di chiusura scolastica (${level}): il servizio funziona solo nelle chiusure`,
          `The day is not a school-closure day (${level}): the service only runs on closures`
        ),
        fail2: text(
          "calendar-missing",
          "Manca il calendario scolastico per riconoscere i giorni di chiusura",
          "No school calendar to tell closure days"
        ),
        key: level,
        reads: 0
      })
    }
    case "documents": {
      const labels = c.required.map((d) => d.label).join(", ")
      const labelsEn = c.required.map((d) => d.labelEn).join(", ")
      return leaf(c, index, OP_DOCUMENTS, {
        pass: text("documents-held", `Documenti presenti: ${labels}`, `Documents held: ${labelsEn}`),
        fail: text("documents-missing", `Servono i documenti: ${labels}`, `Documents required: ${labelsEn}`),
        unknown: text(
          "documents-unknown",
          "Non sono indicati i documenti posseduti",
          "The documents held are not stated"
        ),
        required: c.required,
        reads: bit("documents")
      })
    }
  }
}

/** Whether `held` contains every required document. */
const holdsAll = (held: ReadonlyArray<string>, required: ReadonlyArray<RequiredDocument>): boolean => {
  for (const d of required) if (!held.includes(d.id)) return false
  return true
}

// One evaluator per kind of condition: each writes the condition's reason at its index in `out` and
// returns its state (a failure tells whether it has a counterfactual, and of which sort: see
// `counterfactualOf`). Small, without closures, so `check` inlines them.

const evaluatePartner = (l: Leaf, facts: Facts, out: Array<Reason>): Evaluated => {
  const a = facts.applicant
  const p = a?.partnerEmployer
  if (p === undefined || p === null) {
    out[l.index] = p === null ? l.failNull : l.unknownReason
    return p === null ? FAIL : UNKNOWN
  }
  const e = partnerReasons(l, p)
  const confirmed = a?.employmentConfirmed === true
  out[l.index] = confirmed ? e.confirmed : e.unconfirmed
  return confirmed ? e.confirmedState : e.unconfirmedState
}

const evaluateComune = (l: Leaf, facts: Facts, context: Context, out: Array<Reason>): Evaluated => {
  const v = facts.applicant?.comuneEmployee
  // 0: the project does not admit the Comune's staff; 1: not stated; 2: employee; 3: not an employee.
  const k = !context.settings.comuneStaffAreRecipients ? 0 : v === undefined ? 1 : v ? 2 : 3
  out[l.index] = l.comune[k]!
  return comuneStates[k]!
}
const comuneStates: ReadonlyArray<Evaluated> = [FAIL, UNKNOWN, PASS, FAIL]

const evaluateResidence = (l: Leaf, facts: Facts, prep: Prepared, out: Array<Reason>): Evaluated => {
  const cache = l.interned
  if (cache.groups !== prep.groups) regroup(l, prep)
  const code = facts.residence
  // Slot 0: no residence stated.
  const k = code === undefined ? 0 : (cache.residenceIndex.get(code) ?? residenceIndexNew(l, code))
  out[l.index] = cache.residenceReasons[k]!
  return cache.residenceStates[k]!
}

/** A `child-age` condition, given the child's age in months on the reference date (computed by `check`). */
const evaluateAge = (l: Leaf, age: number | undefined, out: Array<Reason>): Evaluated => {
  if (age === undefined) {
    out[l.index] = l.unknownReason
    return UNKNOWN
  }
  const cache = l.interned
  const r = cache.ages[age] // (undefined out of the table, a negative age included)
  if (r === undefined) return evaluateAgeBeyond(l, age, out)
  out[l.index] = r
  return cache.ageStates[age]!
}
const evaluateAgeBeyond = (l: Leaf, age: number, out: Array<Reason>): Evaluated => {
  out[l.index] = ageReasonNew(l, age)
  return ageState(l, age)
}

const evaluateIsee = (l: Leaf, facts: Facts, out: Array<Reason>): Evaluated => {
  const v = facts.isee
  if (v === undefined) {
    out[l.index] = l.unknownReason
    return UNKNOWN
  }
  if (v === null) {
    out[l.index] = l.fail2Null
    return FAIL_FIXED
  }
  // The value is free (cents): the one reason a typical check allocates.
  const within = v <= l.lo
  const t = within ? l.pass : l.fail
  // (The shape of `reason`, written out: fewer calls for the optimiser to inline into `check`.)
  out[l.index] = {
    code: t.code,
    condition: l.index,
    kind: l.kind,
    status: within ? "pass" : "fail",
    message: t.message,
    messageEn: t.messageEn,
    value: v
  }
  return within ? PASS : FAIL_FIXED
}

/** Evaluates a `closure-day` or `documents` condition. */
const evaluateOther = (l: Leaf, facts: Facts, prep: Prepared, out: Array<Reason>): Evaluated => {
  if (l.op === OP_CLOSURE) {
    if (prep.context.calendar === undefined) {
      out[l.index] = l.fail2Null
      return FAIL
    }
    const why = closureOn(prep, l.key as Calendar.SchoolLevel)
    out[l.index] = why === null ? reason(l, l.fail, "fail", null) : reason(l, l.pass, "pass", why)
    return why === null ? FAIL_DYNAMIC : PASS
  }
  const held = facts.documents
  if (held === undefined) {
    out[l.index] = l.unknownReason
    return UNKNOWN
  }
  const all = holdsAll(held, l.required)
  out[l.index] = reason(l, all ? l.pass : l.fail, all ? "pass" : "fail", held)
  return all ? PASS : FAIL_DYNAMIC
}

/** Any condition (the generic path, for a rule set with several conditions of a kind). */
const evaluate = (
  l: Leaf,
  facts: Facts,
  prep: Prepared,
  age: number | undefined,
  out: Array<Reason>
): Evaluated => {
  switch (l.op) {
    case OP_PARTNER:
      return evaluatePartner(l, facts, out)
    case OP_COMUNE:
      return evaluateComune(l, facts, prep.context, out)
    case OP_RESIDENCE:
      return evaluateResidence(l, facts, prep, out)
    case OP_AGE:
      return evaluateAge(l, age, out)
    case OP_ISEE:
      return evaluateIsee(l, facts, out)
    default:
      return evaluateOther(l, facts, prep, out)
  }
}

const MAX_BIRTHDAYS = 4096

/** "Eligible from …, when … turns …": for a child too young (cached per birth date, frozen). */
const youngCounterfactual = (l: Leaf, facts: Facts, sufficient: boolean): Counterfactual | undefined => {
  const b = facts.child?.birthDate
  if (b === undefined) return undefined
  const name = facts.child?.name
  const cache = l.interned.birthdays
  const hit = cache.get(b)
  if (hit !== undefined && hit.name === name) return hit.cf[sufficient ? 1 : 0]
  const min = l.lo
  const index = l.index
  const date = dateAtMonths(b, min)
  const message = `idonea dal ${date}, quando ${name ?? "il minore"} compie ${formatAge(min)}`
  const messageEn = `eligible from ${date}, when ${name ?? "the child"} turns ${formatAgeEn(min)}`
  const cf = pair((sufficient) => ({
    code: "eligible-from",
    condition: index,
    message,
    messageEn,
    sufficient,
    date
  }))
  if (hit !== undefined || cache.size < MAX_BIRTHDAYS) cache.set(b, { name, cf })
  return cf[sufficient ? 1 : 0]
}

/**
 * What would make this failing leaf pass: called only when the outcome is not eligible, for the leaves
 * `evaluate` marked `FAIL_FIXED` (the answer is one of the leaf's precomputed pair) or `FAIL_DYNAMIC`.
 */
const counterfactualOf = (
  l: Leaf,
  facts: Facts,
  prep: Prepared,
  r: Reason,
  sufficient: boolean
): Counterfactual | undefined => {
  const index = l.index
  switch (l.op) {
    case OP_PARTNER:
      return r.code === l.fail2.code ? l.fixed![sufficient ? 1 : 0] : undefined
    case OP_ISEE:
      return l.fixed![sufficient ? 1 : 0]
    case OP_RESIDENCE: {
      if (r.code === l.fail2.code) return undefined
      groupOf(l, prep)
      return l.interned.resident?.[sufficient ? 1 : 0]
    }
    case OP_AGE:
      return r.code === l.fail.code ? youngCounterfactual(l, facts, sufficient) : undefined
    case OP_CLOSURE: {
      const { calendar, date, institute } = prep.context
      if (r.code !== l.fail.code || calendar === undefined) return undefined
      const level = l.key as Calendar.SchoolLevel
      for (let d = LocalDate.addDays(date, 1), k = 0; k < 400; d = LocalDate.addDays(d, 1), k++) {
        if (Calendar.closureReason(calendar, level, d, institute) !== undefined)
          return {
            code: "next-closure-day",
            condition: index,
            message: `idonea nei giorni di chiusura scolastica: il prossimo è il ${d}`,
            messageEn: `eligible on school-closure days: the next one is ${d}`,
            sufficient,
            date: d
          }
      }
      return undefined
    }
    case OP_DOCUMENTS: {
      if (r.code !== l.fail.code) return undefined
      const held = facts.documents ?? []
      const lacking = l.required.filter((d) => !held.includes(d.id))
      return {
        code: "documents-presented",
        condition: index,
        message: `idonea presentando: ${lacking.map((d) => d.label).join(", ")}`,
        messageEn: `eligible once these are presented: ${lacking.map((d) => d.labelEn).join(", ")}`,
        sufficient,
        documents: lacking.map((d) => d.id)
      }
    }
    default:
      return undefined
  }
}

/** The bit of the fact a leaf reads in this context (0: none). */
const readsBit = (l: Leaf, prep: Prepared): number =>
  l.op === OP_COMUNE && !prep.context.settings.comuneStaffAreRecipients ? 0 : l.reads

// The tree as a postfix program over leaf states: [LEAF, i] pushes leaf i's state, [ALL, k] / [ANY, k]
// combine the top k values. No closure calls, no allocation.
const LEAF = 0
const ALL = 1
const ANY = 2

const emit = (rule: Rule, leaves: Array<Leaf>, program: Array<number>): void => {
  if (rule.kind === "all" || rule.kind === "any") {
    for (const r of rule.of) emit(r, leaves, program)
    program.push(rule.kind === "all" ? ALL : ANY, rule.of.length)
    return
  }
  program.push(LEAF, leaves.length)
  leaves.push(compileLeaf(rule, leaves.length))
}

const run = (program: Int32Array, states: Uint8Array, stack: Uint8Array): Tri => {
  let sp = 0
  for (let pc = 0; pc < program.length; pc += 2) {
    const op = program[pc]!
    const arg = program[pc + 1]!
    if (op === LEAF) {
      stack[sp++] = states[arg]!
      continue
    }
    // `all`: FAIL beats UNKNOWN beats PASS; `any`: PASS beats UNKNOWN beats FAIL. Empty: all → PASS, any → FAIL.
    let out: number = op === ALL ? PASS : FAIL
    const strong = op === ALL ? FAIL : PASS
    for (let k = sp - arg; k < sp; k++) {
      const v = stack[k]!
      if (v === strong) out = strong
      else if (v === UNKNOWN && out !== strong) out = UNKNOWN
    }
    sp -= arg
    stack[sp++] = out
  }
  return stack[0] as Tri
}

/**
 * For trees of up to 8 conditions, every combination of leaf states is tabulated at compile time: the
 * tree's value is then one lookup at `passMask | unknownMask << n`.
 */
const MAX_TABULATED = 8
const tabulate = (program: Int32Array, n: number): Uint8Array | undefined => {
  if (n > MAX_TABULATED) return undefined
  const table = new Uint8Array(1 << (2 * n))
  const leafStates = new Uint8Array(n)
  const stack = new Uint8Array(program.length + 1)
  for (let passMask = 0; passMask < 1 << n; passMask++)
    for (let unknownMask = 0; unknownMask < 1 << n; unknownMask++) {
      if ((passMask & unknownMask) !== 0) continue
      for (let i = 0; i < n; i++)
        leafStates[i] = (passMask >> i) & 1 ? PASS : (unknownMask >> i) & 1 ? UNKNOWN : FAIL
      table[passMask | (unknownMask << n)] = run(program, leafStates, stack)
    }
  return table
}

/** A rule set compiled once for fast checks. */
export interface Checker {
  readonly ruleSet: RuleSet
  /** Checks facts in a context: same answer as `check(ruleSet, facts, context)`. */
  readonly check: (facts: Facts, context: Context) => Outcome
  /** The facts the rule set reads in a context (those a form may ask), in `FactPath` order. */
  readonly reads: (context: Context) => ReadonlyArray<FactPath>
}

const noCounterfactuals: ReadonlyArray<Counterfactual> = Object.freeze([])
const noMissing: ReadonlyArray<FactPath> = Object.freeze([])
const freshPathsOf = (mask: number): ReadonlyArray<FactPath> =>
  factPaths.filter((_, i) => (mask & (1 << i)) !== 0)
// The `missing` list of each set of paths, built once (frozen) and shared by every outcome.
const pathLists: Array<ReadonlyArray<FactPath>> = Array.from({ length: 1 << factPaths.length }, (_, mask) =>
  Object.freeze(freshPathsOf(mask))
)
const pathsOf = (mask: number): ReadonlyArray<FactPath> => pathLists[mask]!

const countBits = (x: number): number => {
  let c = 0
  for (let v = x; v !== 0; v &= v - 1) c++
  return c
}

/** What the leaf states decide: the outcome's status, its missing facts, its fixed counterfactuals. */
interface Verdict {
  readonly status: Outcome["status"]
  readonly eligible: boolean
  readonly missing: ReadonlyArray<FactPath>
  /** By the mask of failing leaves whose counterfactual is fixed (filled as met; empty when not memoised). */
  readonly counterfactuals: Array<ReadonlyArray<Counterfactual> | undefined>
}

/** The most conditions a rule set may have (leaf states are kept as bits of a 32-bit integer). */
export const maxConditions = 30

/** Compiles a rule set: texts precomputed, the tree turned into a small program. Reuse the checker for many checks. */
export const compile = (ruleSet: RuleSet): Checker => {
  const leaves: Array<Leaf> = []
  const code: Array<number> = []
  emit(ruleSet.rule, leaves, code)
  const program = Int32Array.from(code)
  const n = leaves.length
  if (n > maxConditions)
    throw new RangeError(`rule set ${ruleSet.id} has ${n} conditions, at most ${maxConditions} are supported`)
  // Leaf states and evaluation stack for trees too large to tabulate: checks are synchronous and never
  // nested, so one buffer per checker serves every check.
  const states = new Uint8Array(n)
  const stack = new Uint8Array(Math.max(1, n + code.length))
  const table = tabulate(program, n)
  // For tabulated trees, the unknown leaves that still matter, per combination of states (memoised, + 1).
  const relevance = table === undefined ? undefined : new Int32Array(table.length)
  const { id, version } = ruleSet
  /** The tree's value when the leaves in `passMask` pass, those in `unknownMask` are unknown, the rest fail. */
  const value: (passMask: number, unknownMask: number) => Tri =
    table !== undefined
      ? (passMask, unknownMask) => table[passMask | (unknownMask << n)] as Tri
      : (passMask, unknownMask) => {
          for (let i = 0; i < n; i++)
            states[i] = (passMask >> i) & 1 ? PASS : (unknownMask >> i) & 1 ? UNKNOWN : FAIL
          return run(program, states, stack)
        }
  /**
   * Whether unknown leaf `i` can still change the outcome: for some completion of the other unknown
   * leaves, the tree's value differs with `i` passing or failing. Beyond 10 unknowns, assume it can.
   */
  const relevant = (i: number, passMask: number, unknownMask: number): boolean => {
    const bit = 1 << i
    const others = unknownMask & ~bit
    if (others !== 0 && countBits(others) > 10) return true
    // Every subset `s` of the other unknowns, as the ones that pass (the rest fail).
    for (let s = others; ; s = (s - 1) & others) {
      if (value(passMask | s | bit, 0) !== value(passMask | s, 0)) return true
      if (s === 0) return false
    }
  }
  /** The unknown leaves that can still change the outcome, as a mask. */
  const relevantMask = (passMask: number, unknownMask: number): number => {
    const at = passMask | (unknownMask << n)
    const memo = relevance !== undefined ? relevance[at]! : 0
    if (memo !== 0) return memo - 1
    let mask = 0
    for (let i = 0; i < n; i++)
      if ((unknownMask >> i) & 1 && relevant(i, passMask, unknownMask)) mask |= 1 << i
    if (relevance !== undefined) relevance[at] = mask + 1
    return mask
  }
  /** The counterfactuals of the failing leaves in `failing`, in condition order. */
  const counterfactualsOf = (
    facts: Facts,
    prep: Prepared,
    reasons: ReadonlyArray<Reason>,
    passMask: number,
    unknownMask: number,
    failing: number
  ): Array<Counterfactual> => {
    const found: Array<Counterfactual> = []
    for (let i = 0; i < n; i++) {
      if (((failing >> i) & 1) === 0) continue
      const sufficient = value(passMask | (1 << i), unknownMask) === PASS
      const c = counterfactualOf(leaves[i]!, facts, prep, reasons[i]!, sufficient)
      if (c !== undefined) found.push(c)
    }
    return found
  }
  // The first condition of each usual kind has its own slot; the rest are evaluated in a loop.
  const slot = (op: number): Leaf | undefined => leaves.find((l) => l.op === op)
  const partner = slot(OP_PARTNER)
  const comune = slot(OP_COMUNE)
  const residence = slot(OP_RESIDENCE)
  const age = slot(OP_AGE)
  const isee = slot(OP_ISEE)
  const readsAge = leaves.some((l) => l.op === OP_AGE)
  const others = leaves.filter(
    (l) => l !== partner && l !== comune && l !== residence && l !== age && l !== isee
  )
  /**
   * What leaf states decide: the status, the facts still missing (those read by the unknown leaves that
   * can still change the outcome, none once it is decided; an unknown `comune-employee` leaf only occurs
   * when the project admits the Comune's staff, so it reads its fact), and, when every failure's
   * counterfactual is fixed, the list of counterfactuals, by the mask of those failures (filled as met).
   */
  const verdictOf = (passMask: number, unknownMask: number): Verdict => {
    const result = value(passMask, unknownMask)
    let paths = 0
    if (result === UNKNOWN) {
      const matter = relevantMask(passMask, unknownMask)
      for (let i = 0; i < n; i++) if ((matter >> i) & 1) paths |= leaves[i]!.reads
    }
    const verdict: Verdict = {
      status: result === PASS ? "eligible" : result === FAIL ? "ineligible" : "undetermined",
      eligible: result === PASS,
      missing: paths === 0 ? noMissing : pathsOf(paths),
      // Eligible: no counterfactuals whatever fails; else none when nothing fixed fails, the rest as met.
      counterfactuals:
        verdicts === undefined
          ? []
          : Array.from({ length: 1 << n }, (_, fixed) =>
              result === PASS || fixed === 0 ? noCounterfactuals : undefined
            )
    }
    if (verdicts !== undefined) verdicts[passMask | (unknownMask << n)] = verdict
    return verdict
  }
  /** The counterfactuals when every failure's is fixed: computed once per verdict and mask, frozen, shared. */
  const memoise = (
    verdict: Verdict,
    facts: Facts,
    prep: Prepared,
    reasons: ReadonlyArray<Reason>,
    passMask: number,
    unknownMask: number,
    fixedMask: number
  ): ReadonlyArray<Counterfactual> => {
    if (verdict.eligible || fixedMask === 0) return noCounterfactuals
    const found = Object.freeze(counterfactualsOf(facts, prep, reasons, passMask, unknownMask, fixedMask))
    if (verdicts !== undefined) verdict.counterfactuals[fixedMask] = found
    return found
  }
  /** The fixed counterfactuals (memoised) merged, in condition order, with those computed from the facts. */
  const withDynamic = (
    verdict: Verdict,
    facts: Facts,
    prep: Prepared,
    reasons: ReadonlyArray<Reason>,
    passMask: number,
    unknownMask: number,
    fixedMask: number,
    dynamicMask: number
  ): ReadonlyArray<Counterfactual> => {
    if (verdict.eligible) return noCounterfactuals
    // Every fixed failure has exactly one counterfactual, in condition order.
    const fixed =
      verdict.counterfactuals[fixedMask] ??
      memoise(verdict, facts, prep, reasons, passMask, unknownMask, fixedMask)
    if (age !== undefined && dynamicMask === 1 << age.index) {
      // The usual case: a child too young. Its counterfactual goes in among the fixed ones.
      const at = age.index
      const young = youngCounterfactual(age, facts, value(passMask | dynamicMask, unknownMask) === PASS)!
      const merged = new Array<Counterfactual>(fixed.length + 1)
      let j = 0
      for (; j < fixed.length && fixed[j]!.condition < at; j++) merged[j] = fixed[j]!
      merged[j] = young
      for (; j < fixed.length; j++) merged[j + 1] = fixed[j]!
      return merged
    }
    const found: Array<Counterfactual> = []
    for (let i = 0, j = 0; i < n; i++)
      if ((fixedMask >> i) & 1) found.push(fixed[j++]!)
      else if ((dynamicMask >> i) & 1) {
        const sufficient = value(passMask | (1 << i), unknownMask) === PASS
        const c = counterfactualOf(leaves[i]!, facts, prep, reasons[i]!, sufficient)
        if (c !== undefined) found.push(c)
      }
    return found
  }
  // For tabulated trees, the verdicts per combination of leaf states (filled as met), for the groups of
  // `verdictGroups` (the `residence` counterfactuals name a group).
  const freshVerdicts = (): Array<Verdict | undefined> | undefined =>
    table === undefined ? undefined : Array.from({ length: table.length }, () => undefined)
  let verdicts = freshVerdicts()
  let verdictGroups: Prepared["groups"] | undefined
  const check = (facts: Facts, context: Context): Outcome => {
    const prep = prepare(context)
    // The child's age in months on the reference date, for the `child-age` conditions: `ageInMonths(b,
    // context.date)` with the reference date parsed once per context (`prep.months`, `prep.day`) and the
    // birth date read here with `charCodeAt`, no `Date`, no `split` (the digits' `'0'` offsets folded:
    // 48 × 1111 = 53_328, 48 × 11 = 528).
    let months: number | undefined
    const b = readsAge ? facts.child?.birthDate : undefined
    if (b !== undefined) {
      if (context.date !== prep.date) reparse(prep)
      months =
        prep.months -
        (b.charCodeAt(0) * 1000 + b.charCodeAt(1) * 100 + b.charCodeAt(2) * 10 + b.charCodeAt(3) - 53_328) *
          12 -
        (b.charCodeAt(5) * 10 + b.charCodeAt(6) - 528)
      if (prep.day < b.charCodeAt(8) * 10 + b.charCodeAt(9) - 528) months--
    }
    const reasons = new Array<Reason>(n)
    let passMask = 0
    let unknownMask = 0
    let fixedMask = 0
    let dynamicMask = 0
    // The conditions of the usual kinds, one of each at most: straight-line code (whether a slot is
    // filled is the same at every check of this rule set, so those branches are always predicted).
    let s: Evaluated
    if (age !== undefined) {
      s = evaluateAge(age, months, reasons)
      passMask |= (s & 1) << age.index
      unknownMask |= ((s >> 1) & 1) << age.index
      dynamicMask |= (s >> 3) << age.index
    }
    if (partner !== undefined) {
      s = evaluatePartner(partner, facts, reasons)
      passMask |= (s & 1) << partner.index
      unknownMask |= ((s >> 1) & 1) << partner.index
      fixedMask |= ((s >> 2) & 1) << partner.index
    }
    if (comune !== undefined) {
      s = evaluateComune(comune, facts, context, reasons)
      passMask |= (s & 1) << comune.index
      unknownMask |= ((s >> 1) & 1) << comune.index
    }
    if (residence !== undefined) {
      s = evaluateResidence(residence, facts, prep, reasons)
      passMask |= (s & 1) << residence.index
      unknownMask |= ((s >> 1) & 1) << residence.index
      fixedMask |= ((s >> 2) & 1) << residence.index
    }
    if (isee !== undefined) {
      s = evaluateIsee(isee, facts, reasons)
      passMask |= (s & 1) << isee.index
      unknownMask |= ((s >> 1) & 1) << isee.index
      fixedMask |= ((s >> 2) & 1) << isee.index
    }
    // The others (closure days, documents, a second condition of a kind), through one `switch`.
    for (let k = 0; k < others.length; k++) {
      const l = others[k]!
      s = evaluate(l, facts, prep, months, reasons)
      passMask |= (s & 1) << l.index
      unknownMask |= ((s >> 1) & 1) << l.index
      fixedMask |= ((s >> 2) & 1) << l.index
      dynamicMask |= (s >> 3) << l.index
    }
    // Status, missing facts and (fixed) counterfactuals from the leaf states: lookups for tabulated trees.
    if (verdictGroups !== prep.groups) {
      verdictGroups = prep.groups
      verdicts = freshVerdicts()
    }
    const v = verdicts?.[passMask | (unknownMask << n)] ?? verdictOf(passMask, unknownMask)
    // What would change the outcome: only when it is not eligible, and only for failures that have one.
    // (None when it is eligible: the verdict's lists are then all empty.)
    const counterfactuals =
      dynamicMask === 0
        ? (v.counterfactuals[fixedMask] ?? memoise(v, facts, prep, reasons, passMask, unknownMask, fixedMask))
        : withDynamic(v, facts, prep, reasons, passMask, unknownMask, fixedMask, dynamicMask)
    return {
      ruleSetId: id,
      version,
      date: context.date,
      status: v.status,
      eligible: v.eligible,
      reasons,
      counterfactuals,
      missing: v.missing
    }
  }
  const reads = (context: Context): ReadonlyArray<FactPath> => {
    const prep = prepare(context)
    let mask = 0
    for (const l of leaves) mask |= readsBit(l, prep)
    return freshPathsOf(mask)
  }
  return { ruleSet, check, reads }
}

const compiled = new WeakMap<RuleSet, Checker>()
const checkerOf = (ruleSet: RuleSet): Checker => {
  let c = compiled.get(ruleSet)
  if (c === undefined) {
    c = compile(ruleSet)
    compiled.set(ruleSet, c)
  }
  return c
}

/**
 * Checks facts against a rule set in a context: status, every reason, counterfactuals and missing facts.
 * Compiles the rule set on first use (memoised); for hot loops hold on to `compile(ruleSet)`.
 */
export const check = (ruleSet: RuleSet, facts: Facts, context: Context): Outcome =>
  checkerOf(ruleSet).check(facts, context)

/** The facts a rule set reads in a context, in `FactPath` order: what a form for it asks. */
export const reads = (ruleSet: RuleSet, context: Context): ReadonlyArray<FactPath> =>
  checkerOf(ruleSet).reads(context)

/** The codes of an outcome's reasons, in order: handy in tests and logs. */
export const codes = (outcome: Outcome): ReadonlyArray<string> => outcome.reasons.map((r) => r.code)

// ---------------------------------------------------------------------------------------------------------
// Shipped data

/** The Smartfam Voghera 2022-23 rule sets, one per kind of service (see `Service.smartfamVoghera`). */
export const smartfamVoghera: ReadonlyArray<RuleSet> = shippedRuleSets.map(decodeRuleSet)
