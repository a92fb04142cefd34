import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, DateTime, Result, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import * as LocalDate from "../src/LocalDate.ts"
import * as Money from "../src/Money.ts"
import * as Ranking from "../src/Ranking.ts"
import * as Vimercate from "../src/Vimercate.ts"

const rules = Ranking.vogheraRules
const on = LocalDate.make("2022-07-15")
const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const fail = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

const defaultFacts = {
  disability: false,
  socialServicesReferral: false,
  singleParent: false,
  parentsWeeklyHours: [],
  siblings: 0,
  minors: 1,
  disabledHouseholdMember: false,
  noFamilyNetwork: false
}

/** An application from the few fields a case sets; the rest get neutral defaults. Decoded, so JSON-shaped input works. */
const application = (raw: Record<string, unknown>, category = "nido"): Ranking.Application =>
  Schema.decodeUnknownSync(Ranking.Application)({
    childKey: raw["id"],
    householdKey: raw["id"],
    category,
    childBirthDate: "2021-01-01",
    submittedAt: "2022-06-01T08:00:00Z",
    ...raw,
    facts: { ...defaultFacts, ...(raw["facts"] as object | undefined) }
  })

const seats = (n: number, category = "nido"): Ranking.Mode => ({
  kind: "seats",
  categories: [{ category, seats: n }]
})
const admittedIds = (r: Ranking.Ranking) =>
  r.categories.flatMap((c) =>
    c.positions
      .filter((p) => p.outcome === "admitted" || p.outcome === "admitted-with-reservation")
      .map((p) => p.applicationId)
  )

describe("Ranking.score", () => {
  it.each([
    ["nothing", {}, []],
    ["single parent, not working", { singleParent: true, parentsWeeklyHours: [0] }, [["single-parent", 10]]],
    [
      "single parent, working",
      { singleParent: true, parentsWeeklyHours: [20] },
      [
        ["single-parent", 10],
        ["single-parent-working", 5]
      ]
    ],
    ["both working, one part-time (10 h)", { parentsWeeklyHours: [10, 40] }, [["both-parents-working", 4]]],
    ["both working, 18 h and more", { parentsWeeklyHours: [18, 40] }, [["both-parents-working", 6]]],
    ["both working full time", { parentsWeeklyHours: [38, 40] }, [["both-parents-working", 8]]],
    ["one parent working of two", { parentsWeeklyHours: [0, 40] }, []],
    ["five siblings count as three", { siblings: 5, minors: 6 }, [["siblings", 6]]],
    [
      "disabled member and no family network",
      { disabledHouseholdMember: true, noFamilyNetwork: true },
      [
        ["disabled-household-member", 5],
        ["no-family-network", 3]
      ]
    ]
  ] as const)("%s", (_, facts, lines) => {
    const score = Ranking.score({ ...defaultFacts, ...facts }, rules)
    expect(score.map((l) => [l.code, l.points])).toEqual(lines)
    expect(score.every((l) => l.label.length > 0)).toBe(true)
  })

  it("labels say what counted, in Italian", () => {
    expect(Ranking.score({ ...defaultFacts, parentsWeeklyHours: [30, 30] }, rules)[0]?.label).toBe(
      "Entrambi i genitori lavorano (almeno 30 ore settimanali ciascuno)"
    )
  })

  it("priorities follow the rules' order", () => {
    const both = { ...defaultFacts, disability: true, socialServicesReferral: true }
    expect(Ranking.priorityOf(both, rules)).toBe("disability")
    expect(
      Ranking.priorityOf({ ...defaultFacts, socialServicesReferral: true }, Vimercate.rankingRules)
    ).toBeUndefined()
  })
})

describe("Ranking.rank", () => {
  it("every position carries its breakdown, priority and tie-break values", () => {
    const r = Ranking.rank(
      [application({ id: "a", facts: { disability: true, parentsWeeklyHours: [40, 40], isee: 700000 } })],
      { rules, mode: seats(1), on }
    )
    const p = r.categories[0]!.positions[0]!
    expect(p).toMatchObject({
      position: 1,
      applicationId: "a",
      score: 8,
      outcome: "admitted",
      priority: { code: "disability" }
    })
    expect(p.tieBreaks.map((t) => [t.code, t.value])).toEqual([
      ["lower-isee", 700000],
      ["more-minors", 1],
      ["younger-child", "2021-01-01"],
      ["earlier-submission", "2022-06-01T08:00:00.000Z"]
    ])
    expect(r.status).toBe("provisional")
  })

  it("an id used twice excludes both, whatever the order", () => {
    const a = application({ id: "a" })
    const a2 = application({ id: "a", facts: { singleParent: true } })
    const r1 = Ranking.rank([a, a2, application({ id: "b" })], { rules, mode: seats(1), on })
    const r2 = Ranking.rank([a2, application({ id: "b" }), a], { rules, mode: seats(1), on })
    expect(r1).toEqual(r2)
    expect(r1.excluded).toEqual([
      { applicationId: "a", reasons: [expect.objectContaining({ code: "duplicate-id" })] }
    ])
  })

  it("an application in a category the ranking has not is excluded", () => {
    const r = Ranking.rank([application({ id: "a" }, "estate")], { rules, mode: seats(1), on })
    expect(r.excluded[0]?.reasons[0]?.code).toBe("category-not-in-ranking")
  })

  it("selects the rules in force", () => {
    const v2 = new Ranking.Rules({ ...rules, version: 2, validFrom: LocalDate.make("2023-01-01") })
    expect(Ranking.select([rules, v2], rules.id, LocalDate.make("2022-09-01"))?.version).toBe(1)
    expect(Ranking.select([rules, v2], rules.id, LocalDate.make("2023-02-01"))?.version).toBe(2)
    expect(Ranking.select([rules, v2], rules.id, LocalDate.make("2024-01-01"))).toBeUndefined()
  })
})

describe("Ranking publication and scrolling", () => {
  const apps = ["a", "b", "c", "d"].map((id, i) =>
    application({
      id,
      facts: { parentsWeeklyHours: [40, 40], isee: 100000 * (i + 1) },
      ...(id === "b" ? { pendingDocuments: ["certificato vaccinale"] } : {})
    })
  )
  const provisional = Ranking.rank(apps, { rules, mode: seats(2), on })
  const at = DateTime.makeUnsafe("2022-07-20T08:00:00Z")

  it("publishes once", () => {
    const definitive = ok(Ranking.publish(provisional, at))
    expect(definitive.status).toBe("definitive")
    expect(fail(Ranking.publish(definitive, at))).toMatchObject({
      _tag: "AlreadyDefinitive",
      code: "ranking-already-definitive"
    })
  })

  it("scrolls only a definitive ranking, admitting the next in line", () => {
    expect(fail(Ranking.scroll(provisional, "a", at))._tag).toBe("NotDefinitive")
    const definitive = ok(Ranking.publish(provisional, at))
    expect(admittedIds(definitive)).toEqual(["a", "b"])
    expect(Ranking.positionOf(definitive, "b")?.outcome).toBe("admitted-with-reservation")
    const [after, admitted] = ok(Ranking.scroll(definitive, "a", at))
    expect(admitted).toEqual(["c"])
    expect(Ranking.positionOf(after, "a")?.outcome).toBe("withdrawn")
    expect(admittedIds(after)).toEqual(["b", "c"])
    // A waiting application withdrawing frees nothing.
    const [after2, none] = ok(Ranking.scroll(after, "d", at))
    expect(none).toEqual([])
    expect(fail(Ranking.scroll(after2, "d", at))._tag).toBe("InvalidOutcome")
    expect(fail(Ranking.scroll(after2, "zz", at))._tag).toBe("UnknownApplication")
  })

  it("a document delivered lifts the reservation", () => {
    const r = ok(Ranking.confirmDocuments(provisional, "b"))
    expect(Ranking.positionOf(r, "b")).toMatchObject({ outcome: "admitted", pendingDocuments: [] })
    expect(fail(Ranking.confirmDocuments(r, "b"))._tag).toBe("InvalidOutcome")
  })

  it("a pool seat freed goes to the next pool member, then to everyone after the release date", () => {
    const pool: Ranking.Pool = {
      id: "firm",
      label: "Impresa",
      category: "nido",
      seats: 1,
      releaseOn: LocalDate.make("2022-10-01")
    }
    const members = [
      application({ id: "m1", pools: ["firm"], facts: { parentsWeeklyHours: [10, 10] } }),
      application({ id: "m2", pools: ["firm"], facts: {} }),
      application({ id: "g1", facts: { singleParent: true } }),
      application({ id: "g2", facts: { singleParent: true, isee: 100 } })
    ]
    const r = ok(Ranking.publish(Ranking.rank(members, { rules, mode: seats(2), pools: [pool], on }), at))
    expect(admittedIds(r)).toEqual(["g2", "m1"])
    const [r2, a2] = ok(Ranking.scroll(r, "m1", at))
    expect(a2).toEqual(["m2"])
    expect(Ranking.positionOf(r2, "m2")?.pool).toBe("firm")
    const [, a3] = ok(Ranking.scroll(r2, "m2", DateTime.makeUnsafe("2022-10-02T08:00:00Z")))
    expect(a3).toEqual(["g1"])
  })

  it("budget mode scrolls while the money freed covers the next request", () => {
    const mode: Ranking.Mode = {
      kind: "budget",
      categories: [{ category: "nido", amount: Money.cents(100000) }]
    }
    const list = [
      application({ id: "a", amount: 60000, facts: { singleParent: true } }),
      application({ id: "b", amount: 40000, facts: { parentsWeeklyHours: [40, 40] } }),
      application({ id: "c", amount: 30000, facts: {} }),
      application({ id: "d", amount: 30000, facts: { siblings: 0 } })
    ]
    const r = ok(Ranking.publish(Ranking.rank(list, { rules, mode, on }), at))
    expect(admittedIds(r)).toEqual(["a", "b"])
    const [, admitted] = ok(Ranking.scroll(r, "a", at))
    expect(admitted).toEqual(["c", "d"])
  })
})

describe("Ranking properties", () => {
  const int = (min: number, max: number) =>
    Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: min, maximum: max })))
  const Raw = Schema.Struct({
    flags: int(0, 63),
    hoursA: int(0, 40),
    hoursB: int(0, 40),
    siblings: int(0, 4),
    isee: int(-1, 4),
    birth: int(0, 3),
    minute: int(0, 3),
    category: int(0, 1)
  })
  const input = Arbitrary.all({
    raws: Arbitrary.schema(Schema.Array(Raw)),
    seed: Arbitrary.schema(int(0, 1_000_000))
  })
  const build = (raws: ReadonlyArray<typeof Raw.Type>) =>
    raws.map((r, i) =>
      application(
        {
          id: `app-${i}`,
          childKey: `child-${i % 7}`,
          childBirthDate: `202${r.birth}-03-01`,
          submittedAt: `2022-06-01T08:0${r.minute}:00Z`,
          facts: {
            disability: (r.flags & 1) !== 0,
            socialServicesReferral: (r.flags & 2) !== 0,
            singleParent: (r.flags & 4) !== 0,
            disabledHouseholdMember: (r.flags & 8) !== 0,
            noFamilyNetwork: (r.flags & 16) !== 0,
            parentsWeeklyHours: (r.flags & 32) !== 0 ? [r.hoursA] : [r.hoursA, r.hoursB],
            siblings: r.siblings,
            minors: r.siblings + 1,
            ...(r.isee < 0 ? {} : { isee: r.isee * 500000 })
          }
        },
        r.category === 0 ? "nido" : "infanzia"
      )
    )
  const shuffle = <A>(xs: ReadonlyArray<A>, seed: number): Array<A> => {
    const out = [...xs]
    let s = seed || 1
    for (let i = out.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0
      const j = s % (i + 1)
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
  const mode: Ranking.Mode = {
    kind: "seats",
    categories: [
      { category: "nido", seats: 3 },
      { category: "infanzia", seats: 2 }
    ]
  }

  it.prop("a ranking does not depend on the input's order", [input], ([{ raws, seed }]) => {
    const apps = build(raws)
    const a = Ranking.rank(apps, { rules, mode, on })
    const b = Ranking.rank(shuffle(apps, seed), { rules, mode, on })
    assert.deepStrictEqual(b, a)
  })

  it.prop(
    "compare is a total order: antisymmetric, zero only for the same id, transitive on sorted lists",
    [input],
    ([{ raws }]) => {
      const apps = build(raws)
      for (const x of apps)
        for (const y of apps) {
          const c = Ranking.compare(x, y, rules)
          assert.strictEqual(Math.sign(c), -Math.sign(Ranking.compare(y, x, rules)))
          assert.strictEqual(c === 0, x.id === y.id)
        }
      const sorted = [...apps].sort((x, y) => Ranking.compare(x, y, rules))
      for (let i = 1; i < sorted.length; i++)
        assert.isBelow(Ranking.compare(sorted[i - 1]!, sorted[i]!, rules), 0)
    }
  )

  it.prop(
    "priorities rank above points; admitted ones come first in each list; seats are never exceeded",
    [input],
    ([{ raws }]) => {
      const r = Ranking.rank(build(raws), { rules, mode, on })
      for (const list of r.categories) {
        const level = (p: Ranking.Position) =>
          p.priority === undefined ? 2 : rules.priorities.indexOf(p.priority.code)
        list.positions.forEach((p, i) => {
          assert.strictEqual(p.position, i + 1)
          assert.strictEqual(
            p.score,
            p.breakdown.reduce((s, l) => s + l.points, 0)
          )
          const prev = list.positions[i - 1]
          if (prev !== undefined)
            assert.isTrue(level(prev) < level(p) || (level(prev) === level(p) && prev.score >= p.score))
        })
        const admitted = list.positions.filter((p) => p.outcome !== "waiting")
        assert.isAtMost(admitted.length, list.available)
        assert.deepStrictEqual(admitted, list.positions.slice(0, admitted.length))
      }
    }
  )
})

// ---------------------------------------------------------------------------------------------------------
// Case files: test/cases/ranking/*.json, written as a coordinator would.

interface Case {
  readonly name: string
  readonly rules: "voghera" | "vimercate"
  readonly on: string
  readonly mode: unknown
  readonly pools?: ReadonlyArray<unknown>
  readonly overrides?: ReadonlyArray<unknown>
  readonly applications: ReadonlyArray<Record<string, unknown>>
  readonly expected: {
    readonly order: Record<string, ReadonlyArray<string>>
    readonly admitted: ReadonlyArray<string>
    readonly withReservation?: ReadonlyArray<string>
    readonly excluded?: Record<string, ReadonlyArray<string>>
    readonly priority?: Record<string, string>
    readonly scores?: Record<string, number>
    readonly breakdown?: Record<string, ReadonlyArray<string>>
    readonly pool?: Record<string, string>
    readonly carried?: number
  }
}

describe("Ranking case files", () => {
  const dir = join(import.meta.dirname, "cases", "ranking")
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()

  it("there are case files", () => {
    expect(files.length).toBeGreaterThanOrEqual(5)
  })

  it.each(files)("%s", (file) => {
    const c = JSON.parse(readFileSync(join(dir, file), "utf8")) as Case
    const mode = Schema.decodeUnknownSync(Ranking.Mode)(c.mode)
    const firstCategory = mode.categories[0]!.category
    const apps = c.applications.map((a) => application(a, firstCategory))
    const input: Ranking.Input = {
      rules: c.rules === "voghera" ? Ranking.vogheraRules : Vimercate.rankingRules,
      mode,
      on: LocalDate.make(c.on),
      pools: (c.pools ?? []).map((p) => Schema.decodeUnknownSync(Ranking.Pool)(p)),
      overrides: (c.overrides ?? []).map((o) => Schema.decodeUnknownSync(Ranking.Override)(o))
    }
    const r = Ranking.rank(apps, input)
    const e = c.expected
    expect(Ranking.order(r), c.name).toEqual(e.order)
    expect([...admittedIds(r)].sort()).toEqual([...e.admitted].sort())
    const reserved = r.categories.flatMap((l) =>
      l.positions.filter((p) => p.outcome === "admitted-with-reservation").map((p) => p.applicationId)
    )
    expect(reserved).toEqual(e.withReservation ?? [])
    expect(
      Object.fromEntries(r.excluded.map((x) => [x.applicationId, x.reasons.map((reason) => reason.code)]))
    ).toEqual(e.excluded ?? {})
    expect(r.excluded.every((x) => x.reasons.every((reason) => reason.message.length > 0))).toBe(true)
    for (const [id, code] of Object.entries(e.priority ?? {}))
      expect(Ranking.positionOf(r, id)?.priority?.code).toBe(code)
    for (const [id, score] of Object.entries(e.scores ?? {}))
      expect(Ranking.positionOf(r, id)?.score, id).toBe(score)
    for (const [id, codes] of Object.entries(e.breakdown ?? {}))
      expect(
        Ranking.positionOf(r, id)?.breakdown.map((l) => l.code),
        id
      ).toEqual(codes)
    for (const [id, pool] of Object.entries(e.pool ?? {}))
      expect(Ranking.positionOf(r, id)?.pool, id).toBe(pool)
    if (e.carried !== undefined) expect(r.carried).toBe(e.carried)
    // The same case in reverse input order gives the same ranking.
    expect(Ranking.rank([...apps].reverse(), input)).toEqual(r)
  })
})
