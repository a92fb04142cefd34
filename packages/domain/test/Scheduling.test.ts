import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, DateTime, Schema } from "effect"
import * as Calendar from "../src/Calendar.ts"
import * as LocalDate from "../src/LocalDate.ts"
import * as Scheduling from "../src/Scheduling.ts"

const d = LocalDate.make
const voghera = Calendar.voghera
const institute = Calendar.vogheraDemoInstitute

const preScuola: Scheduling.Plan = {
  serviceId: "pre-scuola",
  schedule: {
    kind: "recurring",
    weekdays: [1, 2, 3, 4, 5],
    start: "07:30",
    end: "08:30",
    from: d("2022-09-01"),
    to: d("2023-08-31"),
    schoolDaysOf: "primaria"
  }
}
const nido: Scheduling.Plan = {
  serviceId: "nido",
  schedule: {
    kind: "recurring",
    weekdays: [1, 2, 3, 4, 5],
    start: "07:30",
    end: "17:00",
    from: d("2022-09-05"),
    to: d("2023-07-28")
  },
  closures: [d("2022-12-30")]
}
const chiusure: Scheduling.Plan = {
  serviceId: "chiusure",
  schedule: {
    kind: "closure-only",
    level: "primaria",
    start: "08:00",
    end: "16:30",
    from: d("2022-09-01"),
    to: d("2023-08-31")
  }
}
const estivo: Scheduling.Plan = {
  serviceId: "centro-estivo",
  schedule: {
    kind: "closure-only",
    level: "primaria",
    start: "08:30",
    end: "16:00",
    from: d("2023-06-01"),
    to: d("2023-07-31"),
    reasons: ["summer"]
  }
}

const datesOf = (sessions: ReadonlyArray<Scheduling.Session>) => sessions.map((s) => s.date as string)

describe("Scheduling.generate", () => {
  const pre = Scheduling.generate(preScuola, { calendar: voghera, institute })
  const nidoSessions = Scheduling.generate(nido, { calendar: voghera })
  const closure = Scheduling.generate(chiusure, { calendar: voghera, institute })

  it("gives stable ids from service, date and start time", () => {
    expect(pre[0]).toEqual({
      id: "pre-scuola:2022-09-12:0730",
      serviceId: "pre-scuola",
      date: "2022-09-12",
      start: "07:30",
      end: "08:30"
    })
    expect(Scheduling.sessionId("pre-scuola", d("2022-09-12"), "07:30")).toBe(pre[0]?.id)
    expect(new Set(pre.map((s) => s.id)).size).toBe(pre.length)
  })

  it.each([
    // [plan, date, has a session?, why]
    ["pre", "2022-09-09", false, "before term"],
    ["pre", "2022-09-12", true, "first day of primary school"],
    ["pre", "2022-10-31", false, "the institute's bridge"],
    ["pre", "2022-11-01", false, "All Saints"],
    ["pre", "2022-12-22", true, "last day before Christmas"],
    ["pre", "2022-12-23", false, "Christmas break"],
    ["pre", "2023-02-20", false, "Carnival, Roman rite"],
    ["pre", "2023-02-24", true, "Ambrosian Carnival does not apply in Voghera"],
    ["pre", "2023-06-08", true, "last day of school"],
    ["pre", "2023-06-09", false, "summer"],
    ["nido", "2022-12-23", true, "the nido opens in the school break"],
    ["nido", "2022-12-26", false, "Santo Stefano"],
    ["nido", "2022-12-30", false, "the nido's own closure"],
    ["nido", "2023-04-10", false, "Easter Monday"],
    ["nido", "2023-04-11", true, "the day after Easter Monday"],
    ["nido", "2023-04-25", false, "Liberation Day"],
    ["nido", "2023-06-02", false, "Republic Day"],
    ["closure", "2022-09-01", true, "before term"],
    ["closure", "2022-09-12", false, "a school day"],
    ["closure", "2022-10-31", true, "the institute's bridge"],
    ["closure", "2022-12-26", false, "a holiday is never a session"],
    ["closure", "2022-12-27", true, "Christmas break"],
    ["closure", "2023-02-20", true, "Roman Carnival"],
    ["closure", "2023-02-24", false, "a school day in Voghera"],
    ["closure", "2023-04-24", true, "bridge"],
    ["closure", "2023-08-15", false, "Ferragosto"],
    ["closure", "2023-08-16", true, "summer"]
  ] as const)("%s on %s: %s (%s)", (plan, date, expected, _why) => {
    const sessions = plan === "pre" ? pre : plan === "nido" ? nidoSessions : closure
    expect(datesOf(sessions).includes(date)).toBe(expected)
  })

  it("holds closure-only sessions exactly on the closure days of the calendar (weekdays)", () => {
    const days = Calendar.closureWindows(
      voghera,
      "primaria",
      d("2022-09-01"),
      d("2023-08-31"),
      institute
    ).flatMap((w) => w.days)
    expect(datesOf(closure)).toEqual(days)
    expect(closure.find((s) => s.date === "2023-02-20")?.closure).toBe("carnival")
  })

  it("keeps to the closure reasons a service covers", () => {
    const summer = Scheduling.generate(estivo, { calendar: voghera })
    expect(summer[0]?.date).toBe("2023-06-09")
    expect(summer.every((s) => s.closure === "summer" && s.date >= "2023-06-09")).toBe(true)
    expect(summer).toHaveLength(37) // 9 Jun – 31 Jul, weekdays, no holiday falls on them except 2 Jun (before)
  })

  it("generateAll lays many plans on one calendar, in plan order", () => {
    const all = Scheduling.generateAll([preScuola, chiusure], { calendar: voghera, institute })
    expect(all).toEqual([...pre, ...closure])
    expect(Scheduling.generateAll([], { calendar: voghera })).toEqual([])
  })

  it("explains the scheduled weekdays that get no session", () => {
    const skipped = Scheduling.skipped(nido, { calendar: voghera })
    expect(skipped.find((s) => s.date === "2023-04-25")).toEqual({
      serviceId: "nido",
      date: "2023-04-25",
      reason: "holiday",
      holiday: Calendar.holidays(2023).find((h) => h.date === "2023-04-25")!.name
    })
    expect(skipped.find((s) => s.date === "2022-12-30")?.reason).toBe("service-closure")
    const preSkipped = Scheduling.skipped(preScuola, { calendar: voghera, institute })
    expect(preSkipped.find((s) => s.date === "2022-10-31")?.reason).toBe("no-lessons")
    expect(Scheduling.skipReasonLabel["no-lessons"]).toBe("giorno senza lezioni")
  })

  it("a patron day closes office-hours services only when the comune's act says so", () => {
    const closed = new Calendar.LocalCalendar({
      ...voghera,
      patronDays: [
        new Calendar.PatronDay({
          ...Calendar.sanBovo,
          closures: [new Calendar.PatronDayClosure({ year: 2023, schools: "closed", offices: "closed" })]
        })
      ]
    })
    expect(datesOf(nidoSessions)).toContain("2023-05-22") // unknown: open
    expect(datesOf(Scheduling.generate(nido, { calendar: closed }))).not.toContain("2023-05-22")
    expect(datesOf(Scheduling.generate(chiusure, { calendar: closed }))).toContain("2023-05-22") // schools closed: a closure day
  })

  it("outside the calendar's data, pre-school and closure-only services hold no session", () => {
    const later: Scheduling.Plan = {
      ...preScuola,
      schedule: { ...preScuola.schedule, from: d("2023-09-01"), to: d("2023-09-30") }
    }
    expect(Scheduling.generate(later, { calendar: voghera })).toEqual([])
    expect(Scheduling.skipped(later, { calendar: voghera })[0]?.reason).toBe("no-calendar-data")
  })

  it("decodes plans from JSON and rejects ill-formed ones", () => {
    const decode = Schema.decodeUnknownSync(Scheduling.Plan)
    expect(decode(JSON.parse(JSON.stringify(chiusure)))).toEqual(chiusure)
    expect(() =>
      decode({ serviceId: "x", schedule: { ...chiusure.schedule, start: "17:00", end: "08:00" } })
    ).toThrow(/fine/)
    expect(() => decode({ serviceId: "x", schedule: { ...chiusure.schedule, start: "8:00" } })).toThrow()
    expect(() => decode({ serviceId: "x", schedule: { ...nido.schedule, weekdays: [0] } })).toThrow()
  })
})

describe("Scheduling.instants", () => {
  it.each([
    ["2023-03-24", "08:00", "2023-03-24T07:00:00.000Z", "winter time, UTC+1"],
    ["2023-03-27", "08:00", "2023-03-27T06:00:00.000Z", "summer time from 26 March, UTC+2"],
    ["2022-10-28", "08:00", "2022-10-28T06:00:00.000Z", "summer time until 30 October"],
    ["2022-10-31", "08:00", "2022-10-31T07:00:00.000Z", "winter time again"]
  ])("%s %s Rome is %s (%s)", (date, start, utc) => {
    const i = Scheduling.instants({ date: d(date), start, end: "16:30" })
    expect(DateTime.formatIso(i.start)).toBe(utc)
    expect(DateTime.toEpochMillis(i.end) - DateTime.toEpochMillis(i.start)).toBe(8.5 * 3_600_000)
  })
})

describe("Scheduling.regenerate", () => {
  const ambrosian = new Calendar.LocalCalendar({ ...voghera, rite: "ambrosiano" })

  it("reports what a calendar change adds, removes and moves", () => {
    const old = Scheduling.generateAll([chiusure, preScuola], { calendar: voghera, institute })
    const diff = Scheduling.regenerate(old, [chiusure, preScuola], { calendar: ambrosian })
    // Carnival moves from 20–21 Feb (Roman) to 24 Feb (Ambrosian; the 25th is a Saturday).
    expect(
      diff.moved.filter((m) => m.from.serviceId === "chiusure").map((m) => [m.from.date, m.to.date])
    ).toEqual([["2023-02-20", "2023-02-24"]])
    expect(diff.removed.filter((s) => s.serviceId === "chiusure").map((s) => s.date)).toContain("2023-02-21")
    // Without the demo institute its three bridges become school days: pre-school is added back on them.
    expect(diff.added.filter((s) => s.serviceId === "pre-scuola").map((s) => s.date)).toEqual(
      expect.arrayContaining(["2022-10-31", "2022-12-09", "2023-04-24"])
    )
    expect(diff.unchanged + diff.added.length + diff.moved.length).toBe(diff.sessions.length)
    expect(diff.unchanged + diff.removed.length + diff.moved.length).toBe(old.length)
  })

  it("same day at another time is a move; no change is no change", () => {
    const old = Scheduling.generate(nido, { calendar: voghera })
    expect(Scheduling.regenerate(old, [nido], { calendar: voghera })).toMatchObject({
      added: [],
      removed: [],
      moved: [],
      unchanged: old.length
    })
    const later: Scheduling.Plan = { ...nido, schedule: { ...nido.schedule, start: "08:00" } }
    const diff = Scheduling.regenerate(old, [later], { calendar: voghera })
    expect(diff.moved).toHaveLength(old.length)
    expect(diff.moved.every((m) => m.from.date === m.to.date && m.to.id.endsWith(":0800"))).toBe(true)
  })
})

describe("Scheduling properties", () => {
  const int = (max: number) =>
    Arbitrary.schema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: max }))))
  const start = d("2022-08-01")
  const input = Arbitrary.all({
    level: Arbitrary.schema(Calendar.SchoolLevel),
    from: int(420),
    length: int(420),
    mask: int(127),
    hour: int(20),
    institute: Arbitrary.schema(Schema.Boolean),
    follows: Arbitrary.schema(Schema.Boolean)
  })
  type In = typeof input extends Arbitrary.Arbitrary<infer A> ? A : never
  const planOf = (i: In, kind: "recurring" | "closure-only"): Scheduling.Plan => {
    const from = LocalDate.addDays(start, i.from)
    const to = LocalDate.addDays(from, i.length)
    const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((w) => (i.mask & (1 << (w - 1))) !== 0)
    const startTime = `${String(i.hour).padStart(2, "0")}:00`
    const endTime = `${String(i.hour + 3).padStart(2, "0")}:30`
    return kind === "recurring"
      ? {
          serviceId: "s",
          schedule: {
            kind,
            weekdays,
            start: startTime,
            end: endTime,
            from,
            to,
            ...(i.follows ? { schoolDaysOf: i.level } : {})
          }
        }
      : {
          serviceId: "s",
          schedule: { kind, level: i.level, weekdays, start: startTime, end: endTime, from, to }
        }
  }

  it.prop("recurring sessions never fall on a holiday, and keep to the service window", [input], ([i]) => {
    const plan = planOf(i, "recurring")
    const s = plan.schedule
    const inst = i.institute ? institute : undefined
    for (const session of Scheduling.generate(plan, {
      calendar: voghera,
      ...(inst ? { institute: inst } : {})
    })) {
      assert.isFalse(Calendar.isHoliday(session.date), `${session.date} is a holiday`)
      assert.isTrue(LocalDate.isBetween(session.date, s.from, s.to))
      assert.include(s.kind === "recurring" ? s.weekdays : [], LocalDate.weekday(session.date))
      assert.strictEqual(session.start, s.start)
      assert.strictEqual(session.end, s.end)
      if (s.kind === "recurring" && s.schoolDaysOf !== undefined)
        assert.isTrue(Calendar.isSchoolDay(voghera, s.schoolDaysOf, session.date, inst))
    }
  })

  it.prop(
    "closure-only sessions fall only on closure days, never on a holiday, inside the window",
    [input],
    ([i]) => {
      const plan = planOf(i, "closure-only")
      const s = plan.schedule
      const inst = i.institute ? institute : undefined
      const sessions = Scheduling.generate(plan, { calendar: voghera, ...(inst ? { institute: inst } : {}) })
      for (const session of sessions) {
        assert.isFalse(Calendar.isHoliday(session.date))
        assert.isTrue(LocalDate.isBetween(session.date, s.from, s.to))
        assert.isDefined(
          Calendar.closureReason(voghera, i.level, session.date, inst),
          `${session.date} is not a closure day`
        )
        assert.strictEqual(session.closure, Calendar.closureReason(voghera, i.level, session.date, inst))
      }
      // …and on every closure day of the window that falls on one of its weekdays.
      const weekdays = s.kind === "closure-only" ? (s.weekdays ?? []) : []
      const expected = Calendar.closureWindows(voghera, i.level, s.from, s.to, inst)
        .flatMap((w) => w.days)
        .filter((day) => weekdays.includes(LocalDate.weekday(day)))
      assert.deepStrictEqual(datesOf(sessions), expected)
    }
  )
})
