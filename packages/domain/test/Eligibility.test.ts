import { assert, describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { Calendar, Eligibility, Household, LocalDate, Person } from "../src/index.ts"

const d = LocalDate.make
const ruleSet = (id: string): Eligibility.RuleSet => {
  const r = Eligibility.byId(Eligibility.smartfamVoghera, id)
  if (r === undefined) throw new Error(`no rule set ${id}`)
  return r
}
const single = (condition: unknown) =>
  Eligibility.decodeRuleSet({
    id: "test",
    version: 1,
    title: "test",
    validFrom: "2022-09-01",
    rule: { kind: "all", of: [condition] },
    demo: true
  })
const ctx = (date: string, more: Partial<Eligibility.Context> = {}): Eligibility.Context => ({
  date: d(date),
  settings: { comuneStaffAreRecipients: true },
  calendar: Calendar.voghera,
  institute: Calendar.vogheraDemoInstitute,
  ...more
})

const partner = { kind: "partner-employee" }
const comune = { kind: "comune-employee" }
const residence = { kind: "residence", group: "ambito-voghera-oltrepo" }
const age = { kind: "child-age", minMonths: 36, maxMonths: 72 }
const isee = { kind: "isee-max", maxCents: 2_000_000 }
const closure = { kind: "closure-day", level: "primaria" }
const documents = {
  kind: "documents",
  required: [
    { id: "certificato-vaccinale", label: "certificato vaccinale", labelEn: "vaccination certificate" }
  ]
}
const giulia = { name: "Giulia", birthDate: d("2020-01-12") }

describe("Eligibility: each condition", () => {
  it.each([
    [
      "partner, confirmed",
      partner,
      { applicant: { partnerEmployer: "cresciamo", employmentConfirmed: true } },
      {},
      "pass",
      "partner-employee",
      "cresciamo"
    ],
    [
      "partner, pending",
      partner,
      { applicant: { partnerEmployer: "cresciamo" } },
      {},
      "fail",
      "employment-unconfirmed",
      "cresciamo"
    ],
    [
      "not a partner",
      partner,
      { applicant: { partnerEmployer: null } },
      {},
      "fail",
      "not-partner-employee",
      null
    ],
    [
      "partner not admitted",
      { ...partner, partners: ["staffora-lab"] },
      { applicant: { partnerEmployer: "cresciamo", employmentConfirmed: true } },
      {},
      "fail",
      "not-partner-employee",
      "cresciamo"
    ],
    ["partner unknown", partner, {}, {}, "unknown", "partner-employer-unknown", null],
    [
      "Comune staff, admitted",
      comune,
      { applicant: { comuneEmployee: true } },
      {},
      "pass",
      "comune-employee",
      true
    ],
    [
      "Comune staff, not admitted",
      comune,
      { applicant: { comuneEmployee: true } },
      { settings: { comuneStaffAreRecipients: false } },
      "fail",
      "comune-staff-excluded",
      false
    ],
    [
      "not Comune staff",
      comune,
      { applicant: { comuneEmployee: false } },
      {},
      "fail",
      "not-comune-employee",
      false
    ],
    ["Comune staff unknown", comune, {}, {}, "unknown", "comune-employee-unknown", null],
    ["resident in the Ambito", residence, { residence: "018033" }, {}, "pass", "resident", "018033"],
    ["resident in Pavia", residence, { residence: "018110" }, {}, "fail", "not-resident", "018110"],
    ["residence unknown", residence, {}, {}, "unknown", "residence-unknown", null],
    [
      "unknown territory group",
      { kind: "residence", group: "milano" },
      { residence: "018182" },
      {},
      "fail",
      "territory-group-unknown",
      "018182"
    ],
    ["child of age", age, { child: giulia }, {}, "pass", "child-age-in-range", 36],
    ["child too young", age, { child: giulia }, { date: d("2023-01-11") }, "fail", "child-too-young", 35],
    ["child too old", age, { child: { birthDate: d("2016-05-03") } }, {}, "fail", "child-too-old", 80],
    [
      "birth date unknown",
      age,
      { child: { name: "Giulia" } },
      {},
      "unknown",
      "child-birth-date-unknown",
      null
    ],
    ["ISEE at the cap", isee, { isee: 2_000_000 }, {}, "pass", "isee-within-cap", 2_000_000],
    ["ISEE over the cap", isee, { isee: 2_000_001 }, {}, "fail", "isee-over-cap", 2_000_001],
    ["no ISEE", isee, { isee: null }, {}, "fail", "isee-absent", null],
    ["ISEE unknown", isee, {}, {}, "unknown", "isee-unknown", null],
    ["a closure day (Christmas)", closure, {}, { date: d("2022-12-27") }, "pass", "closure-day", "christmas"],
    [
      "a closure day (institute's bridge)",
      closure,
      {},
      { date: d("2022-10-31") },
      "pass",
      "closure-day",
      "bridge"
    ],
    ["a school day", closure, {}, { date: d("2023-01-16") }, "fail", "not-closure-day", null],
    ["no calendar", closure, {}, { calendar: undefined }, "fail", "calendar-missing", null],
    [
      "documents held",
      documents,
      { documents: ["certificato-vaccinale", "altro"] },
      {},
      "pass",
      "documents-held",
      ["certificato-vaccinale", "altro"]
    ],
    ["documents missing", documents, { documents: [] }, {}, "fail", "documents-missing", []],
    ["documents unknown", documents, {}, {}, "unknown", "documents-unknown", null]
  ] as const)("%s", (_, condition, facts, more, status, code, value) => {
    const o = Eligibility.check(
      single(condition),
      facts as Eligibility.Facts,
      ctx("2023-01-12", more as Partial<Eligibility.Context>)
    )
    expect(o.reasons).toHaveLength(1)
    expect(o.reasons[0]).toMatchObject({ status, code, value, condition: 0 })
    expect(o.reasons[0]!.message.length).toBeGreaterThan(0)
    expect(o.reasons[0]!.messageEn.length).toBeGreaterThan(0)
    expect(o.status).toBe(status === "pass" ? "eligible" : status === "fail" ? "ineligible" : "undetermined")
  })
})

describe("Eligibility: counterfactuals and missing facts", () => {
  it("says from when a child is old enough (the issue's example)", () => {
    const o = Eligibility.check(
      ruleSet("smartfam-infanzia"),
      { residence: "018182", child: giulia, documents: ["certificato-vaccinale"] },
      ctx("2022-09-05")
    )
    expect(o.status).toBe("ineligible")
    expect(o.counterfactuals).toEqual([
      {
        code: "eligible-from",
        condition: 3,
        message: "idonea dal 2023-01-12, quando Giulia compie 3 anni",
        messageEn: "eligible from 2023-01-12, when Giulia turns 3",
        sufficient: true,
        date: "2023-01-12"
      }
    ])
    // Decided: nothing more to ask.
    expect(o.missing).toEqual([])
  })

  it("says the employer must confirm, and that it would be enough", () => {
    const o = Eligibility.check(
      ruleSet("smartfam-lavoratori"),
      { applicant: { partnerEmployer: "cresciamo", comuneEmployee: false } },
      ctx("2022-09-05")
    )
    expect(o.counterfactuals.map((c) => [c.message, c.sufficient])).toEqual([
      ["idonea se il datore di lavoro conferma l'impiego", true]
    ])
  })

  it("says the ISEE cap, with the amount", () => {
    const o = Eligibility.check(single(isee), { isee: 2_500_000 }, ctx("2022-09-05"))
    expect(o.counterfactuals).toMatchObject([
      { code: "isee-at-most", message: "idonea con ISEE ≤ € 20.000,00", amount: 2_000_000, sufficient: true }
    ])
  })

  it("marks a change that is not enough on its own", () => {
    const o = Eligibility.check(
      ruleSet("smartfam-chiusure"),
      {
        applicant: { partnerEmployer: "cresciamo", employmentConfirmed: true },
        child: { birthDate: d("2015-03-01") },
        isee: 2_500_000
      },
      ctx("2023-01-16")
    )
    expect(o.counterfactuals.map((c) => [c.code, c.sufficient])).toEqual([
      ["next-closure-day", false],
      ["isee-at-most", false]
    ])
    expect(o.counterfactuals[0]?.date).toBe("2023-02-20")
  })

  it("lists the documents still to present", () => {
    const o = Eligibility.check(
      single({
        ...documents,
        required: [...documents.required, { id: "delega", label: "delega", labelEn: "proxy" }]
      }),
      { documents: ["delega"] },
      ctx("2022-09-05")
    )
    expect(o.counterfactuals).toMatchObject([
      {
        code: "documents-presented",
        documents: ["certificato-vaccinale"],
        message: "idonea presentando: certificato vaccinale"
      }
    ])
  })

  it("asks an anonymous visitor only what the rules read", () => {
    expect(Eligibility.check(ruleSet("smartfam-nido"), {}, ctx("2022-09-05")).missing).toEqual([
      "applicant.partnerEmployer",
      "applicant.comuneEmployee",
      "residence",
      "child.birthDate",
      "documents"
    ])
    expect(
      Eligibility.check(
        ruleSet("smartfam-nido"),
        {},
        ctx("2022-09-05", { settings: { comuneStaffAreRecipients: false } })
      ).missing
    ).toEqual(["applicant.partnerEmployer", "residence", "child.birthDate", "documents"])
    expect(Eligibility.reads(ruleSet("smartfam-chiusure"), ctx("2022-09-05"))).toEqual([
      "applicant.partnerEmployer",
      "applicant.comuneEmployee",
      "residence",
      "child.birthDate",
      "isee"
    ])
  })

  it("an OR group passes on one member: its other members' facts are no longer asked", () => {
    const o = Eligibility.check(ruleSet("smartfam-nido"), { residence: "018182" }, ctx("2022-09-05"))
    expect(o.status).toBe("undetermined")
    expect(o.missing).toEqual(["child.birthDate", "documents"])
    expect(
      Eligibility.check(ruleSet("smartfam-famiglie"), { residence: "018182" }, ctx("2022-09-05"))
    ).toMatchObject({ status: "eligible", missing: [] })
  })

  it("a failed AND needs nothing more", () => {
    const o = Eligibility.check(
      ruleSet("smartfam-nido"),
      { child: { birthDate: d("2015-01-01") } },
      ctx("2022-09-05")
    )
    expect(o).toMatchObject({ status: "ineligible", missing: [] })
  })
})

describe("Eligibility: API", () => {
  it("check and a compiled checker agree", () => {
    const rs = ruleSet("smartfam-nido")
    const facts = { residence: "018182", child: giulia }
    expect(Eligibility.compile(rs).check(facts, ctx("2022-09-05"))).toEqual(
      Eligibility.check(rs, facts, ctx("2022-09-05"))
    )
  })

  it("an outcome is plain data that survives JSON", () => {
    const o = Eligibility.check(
      ruleSet("smartfam-chiusure"),
      { isee: 2_500_000, child: giulia },
      ctx("2022-12-27")
    )
    expect(JSON.parse(JSON.stringify(o))).toEqual(o)
  })

  it("toResult fails with Ineligible carrying the reasons against", () => {
    const o = Eligibility.check(single(isee), { isee: 2_500_000 }, ctx("2022-09-05"))
    const r = Eligibility.toResult(o)
    assert.isTrue(Result.isFailure(r))
    if (Result.isFailure(r)) {
      expect(r.failure._tag).toBe("Ineligible")
      expect(r.failure.codes).toEqual(["isee-over-cap"])
      expect(r.failure.message).toBe("non idonea: ISEE oltre il limite di € 20.000,00")
    }
    assert.isTrue(
      Result.isSuccess(Eligibility.toResult(Eligibility.check(single(isee), { isee: 1 }, ctx("2022-09-05"))))
    )
  })

  it("checks a decoded household", () => {
    const household = Household.decode({
      id: "bianchi",
      adults: [
        {
          codiceFiscale: Person.make({
            surname: "Bianchi",
            name: "Anna",
            sex: "F",
            birthDate: d("1990-03-12"),
            birthPlace: "M109" as Person.Decoded["birthPlace"]
          }),
          sex: "F",
          employer: { name: "Staffora Lab S.n.c.", partnerId: "staffora-lab", confirmed: true },
          comuneEmployee: false,
          weeklyHours: 25,
          residence: "018110"
        }
      ],
      children: [{ id: "giulia", name: "Giulia", birthDate: "2020-01-12", disability104: false }],
      isee: { value: 1_500_000, dsuProtocol: "INPS-ISEE-2022-00000001A-00", issuedOn: "2022-03-01" },
      singleParent: true,
      consents: []
    })
    const facts = Eligibility.factsOf(household, {
      date: d("2023-01-12"),
      documents: ["certificato-vaccinale"]
    })
    expect(Eligibility.check(ruleSet("smartfam-infanzia"), facts, ctx("2023-01-12")).status).toBe("eligible")
    // The 2022 ISEE has expired in 2023: the cap now fails with "no ISEE".
    expect(Eligibility.factsOf(household, { date: d("2023-01-12") }).isee).toBeNull()
  })

  it.each([
    ["an age range upside down", { kind: "child-age", minMonths: 72, maxMonths: 36 }],
    ["an unknown kind", { kind: "astrology" }],
    ["a documents condition with no document", { kind: "documents", required: [] }],
    ["a fractional ISEE cap", { kind: "isee-max", maxCents: 1.5 }]
  ])("rejects a rule set with %s", (_, condition) => {
    expect(() => single(condition)).toThrow()
  })

  it("selects the latest version in force", () => {
    const v2 = Eligibility.decodeRuleSet({
      ...Schema.encodeSync(Eligibility.RuleSet)(ruleSet("smartfam-nido")),
      version: 2,
      validFrom: "2023-01-01"
    })
    const all = [...Eligibility.smartfamVoghera, v2]
    expect(Eligibility.byId(all, "smartfam-nido", d("2022-12-31"))?.version).toBe(1)
    expect(Eligibility.byId(all, "smartfam-nido", d("2023-01-01"))?.version).toBe(2)
  })
})

// ---------------------------------------------------------------------------------------------------------
// Properties over random (partial) facts, every shipped rule set and a few contexts.

const Pick = (n: number) => Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: n })))
const Input = Schema.Struct({
  ruleSet: Pick(Eligibility.smartfamVoghera.length - 1),
  partner: Pick(3), // 0 absent, 1 null, 2 cresciamo, 3 unknown firm
  confirmed: Pick(2), // 0 absent, 1 false, 2 true
  comune: Pick(2),
  residence: Pick(3), // 0 absent, 1 Voghera, 2 Casei Gerola, 3 Pavia
  birth: Pick(6000), // 0 absent, else days after 2007-01-01
  isee: Pick(40), // 0 absent, 1 null, else (n − 2) × € 1.000
  documents: Pick(3), // 0 absent, 1 none, 2 vaccinations, 3 both
  date: Pick(365),
  comuneAdmitted: Schema.Boolean
})

const factsOf = (i: typeof Input.Type): Eligibility.Facts => ({
  applicant: {
    ...(i.partner === 0 ? {} : { partnerEmployer: [null, "cresciamo", "ditta-x"][i.partner - 1] ?? null }),
    ...(i.confirmed === 0 ? {} : { employmentConfirmed: i.confirmed === 2 }),
    ...(i.comune === 0 ? {} : { comuneEmployee: i.comune === 2 })
  },
  ...(i.residence === 0 ? {} : { residence: ["018182", "018033", "018110"][i.residence - 1]! }),
  ...(i.birth === 0
    ? {}
    : { child: { name: "Giulia", birthDate: LocalDate.addDays(d("2007-01-01"), i.birth) } }),
  ...(i.isee === 0 ? {} : { isee: i.isee === 1 ? null : (i.isee - 2) * 100_000 }),
  ...(i.documents === 0
    ? {}
    : {
        documents: [[], ["certificato-vaccinale"], ["certificato-vaccinale", "certificazione-104"]][
          i.documents - 1
        ]!
      })
})

const contextOf = (i: typeof Input.Type): Eligibility.Context =>
  ctx(LocalDate.addDays(d("2022-09-01"), i.date), {
    settings: { comuneStaffAreRecipients: i.comuneAdmitted }
  })

/** A reference evaluator: the rule tree, in three-valued logic, over the reasons' statuses. */
const evaluate = (
  rule: Eligibility.Rule,
  reasons: ReadonlyArray<Eligibility.Reason>,
  next: { i: number }
): Eligibility.Status => {
  if (rule.kind === "all" || rule.kind === "any") {
    const values = rule.of.map((r) => evaluate(r, reasons, next))
    const strong = rule.kind === "all" ? "fail" : "pass"
    if (values.includes(strong)) return strong
    if (values.includes("unknown")) return "unknown"
    return rule.kind === "all" ? "pass" : "fail"
  }
  return reasons[next.i++]!.status
}

const pathOf: Record<Eligibility.ConditionKind, Eligibility.FactPath | undefined> = {
  "partner-employee": "applicant.partnerEmployer",
  "comune-employee": "applicant.comuneEmployee",
  residence: "residence",
  "child-age": "child.birthDate",
  "isee-max": "isee",
  "closure-day": undefined,
  documents: "documents"
}

const absent = (facts: Eligibility.Facts, path: Eligibility.FactPath): boolean => {
  switch (path) {
    case "applicant.partnerEmployer":
      return facts.applicant?.partnerEmployer === undefined
    case "applicant.comuneEmployee":
      return facts.applicant?.comuneEmployee === undefined
    case "residence":
      return facts.residence === undefined
    case "child.birthDate":
      return facts.child?.birthDate === undefined
    case "isee":
      return facts.isee === undefined
    case "documents":
      return facts.documents === undefined
  }
}

describe("Eligibility properties", () => {
  it.prop("one reason per condition; the outcome is the rule tree over the reasons", [Input], ([i]) => {
    const rs = Eligibility.smartfamVoghera[i.ruleSet]!
    const o = Eligibility.check(rs, factsOf(i), contextOf(i))
    const conditions = Eligibility.conditions(rs.rule)
    assert.deepStrictEqual(
      o.reasons.map((r) => r.kind),
      conditions.map((c) => c.kind)
    )
    const expected = evaluate(rs.rule, o.reasons, { i: 0 })
    assert.strictEqual(
      o.status,
      expected === "pass" ? "eligible" : expected === "fail" ? "ineligible" : "undetermined"
    )
    assert.strictEqual(o.eligible, o.status === "eligible")
  })

  it.prop("for an AND of conditions, eligible iff every reason passes", [Input], ([i]) => {
    const rs = Eligibility.byId(Eligibility.smartfamVoghera, "rete-alunni-disabili")!
    const o = Eligibility.check(rs, factsOf(i), contextOf(i))
    assert.strictEqual(
      o.eligible,
      o.reasons.every((r) => r.status === "pass")
    )
  })

  it.prop(
    "missing is exactly the absent facts the rules read that can still change the outcome",
    [Input],
    ([i]) => {
      const rs = Eligibility.smartfamVoghera[i.ruleSet]!
      const facts = factsOf(i)
      const context = contextOf(i)
      const o = Eligibility.check(rs, facts, context)
      const unknown = o.reasons.flatMap((r, k) => (r.status === "unknown" ? [k] : []))
      // Brute force: leaf k matters if, for some completion of the other unknown leaves, passing or failing it changes the tree.
      const statusesWith = (assign: ReadonlyMap<number, Eligibility.Status>) =>
        o.reasons.map((r, k) => ({ ...r, status: assign.get(k) ?? r.status }))
      const matters = (k: number) => {
        const others = unknown.filter((u) => u !== k)
        for (let mask = 0; mask < 1 << others.length; mask++) {
          const assign = new Map<number, Eligibility.Status>(
            others.map((u, b) => [u, (mask >> b) & 1 ? "pass" : "fail"])
          )
          const pass = evaluate(rs.rule, statusesWith(new Map([...assign, [k, "pass"]])), { i: 0 })
          const fail = evaluate(rs.rule, statusesWith(new Map([...assign, [k, "fail"]])), { i: 0 })
          if (pass !== fail) return true
        }
        return false
      }
      const paths = new Set(unknown.filter(matters).map((k) => pathOf[o.reasons[k]!.kind]))
      assert.deepStrictEqual(
        o.missing,
        Eligibility.FactPath.literals.filter((p) => paths.has(p))
      )
      // …so nothing is missing once the outcome is decided, and every missing fact is one the rules read and is absent.
      assert.strictEqual(o.missing.length === 0, o.status !== "undetermined")
      const reads = Eligibility.reads(rs, context)
      for (const p of o.missing) assert.isTrue(reads.includes(p) && absent(facts, p), p)
    }
  )

  it.prop("a counterfactual marked sufficient does make the family eligible", [Input], ([i]) => {
    const rs = Eligibility.smartfamVoghera[i.ruleSet]!
    const facts = factsOf(i)
    const context = contextOf(i)
    for (const c of Eligibility.check(rs, facts, context).counterfactuals) {
      if (!c.sufficient) continue
      const changed: Eligibility.Facts | undefined =
        c.code === "isee-at-most"
          ? { ...facts, isee: c.amount! }
          : c.code === "employer-confirms"
            ? { ...facts, applicant: { ...facts.applicant, employmentConfirmed: true } }
            : c.code === "resident-in"
              ? { ...facts, residence: "018182" }
              : c.code === "documents-presented"
                ? { ...facts, documents: [...(facts.documents ?? []), ...c.documents!] }
                : undefined
      if (changed !== undefined)
        assert.strictEqual(Eligibility.check(rs, changed, context).status, "eligible", c.code)
      if (c.code === "eligible-from") {
        // On that date the age condition passes; the day before the child is still too young.
        const on = Eligibility.check(rs, facts, { ...context, date: c.date! }).reasons[c.condition]!
        const before = Eligibility.check(rs, facts, { ...context, date: LocalDate.addDays(c.date!, -1) })
          .reasons[c.condition]!
        assert.strictEqual(on.status, "pass")
        assert.strictEqual(before.code, "child-too-young")
      }
    }
  })

  it.prop(
    "reasons do not depend on earlier checks (interned reasons are shared safely)",
    [Input, Input],
    ([a, b]) => {
      const rs = Eligibility.smartfamVoghera[a.ruleSet]!
      const first = JSON.stringify(Eligibility.check(rs, factsOf(a), contextOf(a)))
      Eligibility.check(rs, factsOf(b), contextOf(b))
      assert.strictEqual(JSON.stringify(Eligibility.check(rs, factsOf(a), contextOf(a))), first)
    }
  )
})
