/**
 * Runs every eligibility case file in `test/cases/eligibility/*.json`: facts, context and the expected
 * outcome, written the way a project coordinator would. A case names one of the shipped rule sets
 * (`ruleSet`) or writes its own (`rules`). Counterfactuals are matched on the fields the case gives.
 */
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Calendar, Eligibility, LocalDate } from "../src/index.ts"

const Case = Schema.Struct({
  name: Schema.String,
  description: Schema.optionalKey(Schema.String),
  ruleSet: Schema.optionalKey(Schema.String),
  rules: Schema.optionalKey(Schema.Unknown),
  context: Schema.Struct({
    date: LocalDate.LocalDate,
    comuneStaffAreRecipients: Schema.Boolean,
    /** `voghera`: Smartfam Voghera's calendar with its demo institute; `lombardia`: the bare regional calendar. */
    calendar: Schema.optionalKey(Schema.Literals(["voghera", "lombardia"]))
  }),
  facts: Eligibility.FactsSchema,
  expect: Schema.Struct({
    status: Schema.Literals(["eligible", "ineligible", "undetermined"]),
    reasons: Schema.Array(Schema.String),
    counterfactuals: Schema.Array(
      Schema.Struct({
        code: Schema.String,
        date: Schema.optionalKey(Schema.String),
        sufficient: Schema.optionalKey(Schema.Boolean),
        message: Schema.optionalKey(Schema.String),
        amount: Schema.optionalKey(Schema.Number),
        documents: Schema.optionalKey(Schema.Array(Schema.String))
      })
    ),
    missing: Schema.Array(Eligibility.FactPath)
  })
})

const dir = fileURLToPath(new URL("./cases/eligibility/", import.meta.url))
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()

const contextOf = (c: typeof Case.Type): Eligibility.Context => ({
  date: c.context.date,
  settings: { comuneStaffAreRecipients: c.context.comuneStaffAreRecipients },
  ...(c.context.calendar === "voghera"
    ? { calendar: Calendar.voghera, institute: Calendar.vogheraDemoInstitute }
    : {}),
  ...(c.context.calendar === "lombardia" ? { calendar: Calendar.lombardia2022_23 } : {})
})

const ruleSetOf = (c: typeof Case.Type): Eligibility.RuleSet => {
  if (c.rules !== undefined) return Eligibility.decodeRuleSet(c.rules)
  const found =
    c.ruleSet === undefined
      ? undefined
      : Eligibility.byId(Eligibility.smartfamVoghera, c.ruleSet, c.context.date)
  if (found === undefined)
    throw new Error(`rule set ${c.ruleSet ?? "(none)"} not found in force on ${c.context.date}`)
  return found
}

describe("Eligibility case files", () => {
  it("there are at least 12 cases", () => {
    expect(files.length).toBeGreaterThanOrEqual(12)
  })

  it.each(files)("%s", (file) => {
    const c = Schema.decodeUnknownSync(Case)(JSON.parse(readFileSync(dir + file, "utf8")), { errors: "all" })
    const o = Eligibility.check(ruleSetOf(c), c.facts, contextOf(c))
    expect({ status: o.status, reasons: Eligibility.codes(o), missing: o.missing }).toEqual({
      status: c.expect.status,
      reasons: c.expect.reasons,
      missing: c.expect.missing
    })
    expect(o.counterfactuals).toHaveLength(c.expect.counterfactuals.length)
    c.expect.counterfactuals.forEach((expected, i) => expect(o.counterfactuals[i]).toMatchObject(expected))
  })
})
