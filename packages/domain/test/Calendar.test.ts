import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, Result, Schema } from "effect"
import { Calendar, LocalDate } from "../src/index.ts"

const d = LocalDate.make

describe("Calendar: national holidays", () => {
  // Easter Sunday, 2022–2030 (Gregorian computus), written out by hand.
  const easterSunday: Record<number, string> = {
    2022: "04-17",
    2023: "04-09",
    2024: "03-31",
    2025: "04-20",
    2026: "04-05",
    2027: "03-28",
    2028: "04-16",
    2029: "04-01",
    2030: "04-21"
  }
  const fixed = ["01-01", "01-06", "04-25", "05-01", "06-02", "08-15", "11-01", "12-08", "12-25", "12-26"]

  it.each(Object.entries(easterSunday))("%s matches the official list", (y, easter) => {
    const year = Number(y)
    const easterMonday = LocalDate.addDays(d(`${year}-${easter}`), 1).slice(5)
    // Legge 2025: 4 October (San Francesco d'Assisi) is a national holiday again from 2026.
    const expected = [...fixed, easter, easterMonday, ...(year >= 2026 ? ["10-04"] : [])]
      .map((md) => `${year}-${md}`)
      .sort()
    expect(Calendar.holidays(year).map((h) => h.date)).toEqual(expected)
    expect(Calendar.easter(year)).toBe(`${year}-${easter}`)
  })

  it("Easter 2023 is 9 April and Easter Monday 10 April (not 11)", () => {
    expect(Calendar.easter(2023)).toBe("2023-04-09")
    expect(Calendar.isHoliday(d("2023-04-10"))).toBe(true)
    expect(Calendar.isHoliday(d("2023-04-11"))).toBe(false)
  })

  it("keeps only public holidays: no observances such as Mother's Day", () => {
    expect(Calendar.isHoliday(d("2023-05-14"))).toBe(false)
    expect(Calendar.holidays(2023)).toHaveLength(12)
    expect(Calendar.holidays(2026)).toHaveLength(13)
  })

  it("weekend holidays are not moved", () => {
    expect(Calendar.isHoliday(d("2022-12-25"))).toBe(true) // a Sunday
    expect(Calendar.isHoliday(d("2022-12-27"))).toBe(false)
  })

  it("has Italian names", () => {
    expect(Calendar.holidays(2023).find((h) => h.date === "2023-06-02")?.name).toBe("Festa della Repubblica")
  })

  it("rejects a year it cannot answer for", () => {
    expect(() => Calendar.holidays(2023.5)).toThrow(RangeError)
  })
})

describe("Calendar: Lombardy 2022/23 and Voghera", () => {
  const voghera = Calendar.voghera
  const institute = Calendar.vogheraDemoInstitute
  const ambrosian = new Calendar.Institute({ ...institute, id: "ambrosian", rite: "ambrosiano" })

  it.each([
    // [level, date, with the demo institute?, school day?]
    ["primaria", "2022-09-09", false, false], // before term
    ["primaria", "2022-09-12", false, true], // first day
    ["infanzia", "2022-09-05", false, true],
    ["infanzia", "2022-09-02", false, false],
    ["primaria", "2022-10-31", false, true],
    ["primaria", "2022-10-31", true, false], // the institute's bridge
    ["primaria", "2022-11-01", false, false], // national holiday
    ["primaria", "2022-12-09", true, false],
    ["primaria", "2022-12-22", false, true],
    ["primaria", "2022-12-23", false, false], // Christmas break
    ["primaria", "2023-01-06", false, false],
    ["primaria", "2023-01-09", false, true],
    ["primaria", "2023-02-20", false, false], // Roman Carnival
    ["primaria", "2023-02-24", false, true],
    ["infanzia", "2023-04-06", false, false], // Easter break
    ["primaria", "2023-04-11", false, false],
    ["primaria", "2023-04-12", false, true],
    ["primaria", "2023-04-24", true, false],
    ["primaria", "2023-05-22", false, true], // San Bovo: closure not known, so lessons
    ["secondaria-secondo-grado", "2023-06-08", false, true], // last day
    ["secondaria-primo-grado", "2023-06-09", false, false], // summer
    ["infanzia", "2023-06-09", false, true],
    ["infanzia", "2023-06-30", false, true],
    ["infanzia", "2023-07-03", false, false],
    ["primaria", "2022-09-17", false, false], // Saturday
    ["primaria", "2023-09-12", false, false] // no calendar data for 2023/24
  ] as const)("%s on %s (institute: %s): school day %s", (level, date, withInstitute, expected) => {
    expect(Calendar.isSchoolDay(voghera, level, d(date), withInstitute ? institute : undefined)).toBe(
      expected
    )
  })

  it("Carnival follows the rite: the institute's, else the place's, else Roman", () => {
    expect(Calendar.isSchoolDay(voghera, "primaria", d("2023-02-20"), ambrosian)).toBe(true)
    expect(Calendar.isSchoolDay(voghera, "primaria", d("2023-02-24"), ambrosian)).toBe(false)
    expect(Calendar.isSchoolDay(Calendar.lombardia2022_23, "primaria", d("2023-02-20"))).toBe(false)
  })

  it("a patron day closes schools only when that year's flag says so", () => {
    const closing = new Calendar.LocalCalendar({
      ...voghera,
      patronDays: [
        new Calendar.PatronDay({
          ...Calendar.sanBovo,
          closures: [new Calendar.PatronDayClosure({ year: 2023, schools: "closed", offices: "open" })]
        })
      ]
    })
    expect(Calendar.isSchoolDay(closing, "primaria", d("2023-05-22"))).toBe(false)
    expect(Calendar.closureReason(closing, "primaria", d("2023-05-22"))).toBe("patron-day")
    expect(Calendar.patronDayCloses(closing, d("2023-05-22"), "offices")).toBe(false)
    expect(Calendar.patronDayCloses(voghera, d("2023-05-22"), "schools")).toBe(false)
    expect(Calendar.patronDayOn(voghera, d("2023-05-22"))?.saint).toBe("San Bovo")
  })

  const summary = (ws: ReadonlyArray<Calendar.ClosureWindow>) =>
    ws.map((w) => `${w.from}..${w.to} ${w.days.length} ${w.reasons.join("+")}`)

  it("closure windows for school-age children, with the institute's bridges", () => {
    expect(
      summary(Calendar.closureWindows(voghera, "primaria", d("2022-09-01"), d("2023-08-31"), institute))
    ).toEqual([
      "2022-09-01..2022-09-09 7 before-term",
      "2022-10-31..2022-10-31 1 bridge",
      "2022-12-09..2022-12-09 1 bridge",
      "2022-12-23..2023-01-05 9 christmas",
      "2023-02-20..2023-02-21 2 carnival",
      "2023-04-06..2023-04-11 3 easter",
      "2023-04-24..2023-04-24 1 bridge",
      "2023-06-09..2023-08-31 59 summer"
    ])
  })

  it("closure windows for 3–6 year-olds: summer from 1 July (the first weekday, 3 July 2023)", () => {
    expect(summary(Calendar.closureWindows(voghera, "infanzia", d("2022-09-01"), d("2023-08-31")))).toEqual([
      "2022-09-01..2022-09-02 2 before-term",
      "2022-12-23..2023-01-05 9 christmas",
      "2023-02-20..2023-02-21 2 carnival",
      "2023-04-06..2023-04-11 3 easter",
      "2023-07-03..2023-08-31 43 summer"
    ])
  })

  it("a window is cut at the edges of the asked range and where data end", () => {
    expect(summary(Calendar.closureWindows(voghera, "primaria", d("2022-12-28"), d("2022-12-29")))).toEqual([
      "2022-12-28..2022-12-29 2 christmas"
    ])
    expect(summary(Calendar.closureWindows(voghera, "primaria", d("2023-08-30"), d("2023-09-15")))).toEqual([
      "2023-08-30..2023-08-31 2 summer"
    ])
  })

  it("an institute may add at most 3 closure days", () => {
    expect(Result.isSuccess(Calendar.checkInstitute(Calendar.lombardia2022_23, institute))).toBe(true)
    const greedy = new Calendar.Institute({
      ...institute,
      closures: [...institute.closures, d("2023-06-05")]
    })
    const r = Calendar.checkInstitute(Calendar.lombardia2022_23, greedy)
    assert.isTrue(Result.isFailure(r))
    if (Result.isFailure(r))
      expect(r.failure).toMatchObject({ _tag: "TooManyInstituteClosures", count: 4, max: 3 })
  })

  it("a break or term that ends before it starts is rejected", () => {
    expect(
      () => new Calendar.Term({ levels: ["primaria"], from: d("2023-06-08"), to: d("2022-09-12") })
    ).toThrow()
    expect(() =>
      Schema.decodeUnknownSync(Calendar.Break)({
        kind: "easter",
        from: "2023-04-11",
        to: "2023-04-06",
        verified: true
      })
    ).toThrow(/end date before start date/)
  })

  it("the Voghera calendar round-trips through JSON", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Calendar.LocalCalendar)(voghera)))
    expect(Schema.decodeUnknownSync(Calendar.LocalCalendar)(json)).toEqual(voghera)
  })

  // ---------------------------------------------------------------------------------------------------------
  // Properties

  const offset = (max: number) =>
    Arbitrary.schema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: max }))))
  const start = d("2022-08-01") // a month before the data begin, to a month after they end
  const input = Arbitrary.all({
    level: Arbitrary.schema(Calendar.SchoolLevel),
    from: offset(425),
    length: offset(425),
    institute: Arbitrary.schema(Schema.Literals(["none", "demo", "ambrosian"]))
  })
  const instituteOf = (k: "none" | "demo" | "ambrosian") =>
    k === "none" ? undefined : k === "demo" ? institute : ambrosian

  it.prop("every closure day is a weekday that is neither a school day nor a holiday", [input], ([i]) => {
    const from = LocalDate.addDays(start, i.from)
    const to = LocalDate.addDays(from, i.length)
    const inst = instituteOf(i.institute)
    for (const w of Calendar.closureWindows(voghera, i.level, from, to, inst)) {
      assert.isTrue(w.from <= w.to && w.days[0] === w.from && w.days[w.days.length - 1] === w.to)
      for (const day of w.days) {
        assert.isTrue(LocalDate.isBetween(day, from, to))
        assert.isFalse(LocalDate.isWeekend(day), `${day} is a weekend day`)
        assert.isFalse(Calendar.isHoliday(day), `${day} is a holiday`)
        assert.isFalse(Calendar.isSchoolDay(voghera, i.level, day, inst), `${day} is a school day`)
      }
    }
  })

  it.prop("every weekday without lessons, not a holiday, inside the data, is in a window", [input], ([i]) => {
    const from = LocalDate.addDays(start, i.from)
    const to = LocalDate.addDays(from, i.length)
    const inst = instituteOf(i.institute)
    const inWindows = new Set(
      Calendar.closureWindows(voghera, i.level, from, to, inst).flatMap((w) => w.days)
    )
    for (const day of LocalDate.range(from, to)) {
      const covered = Calendar.schoolCalendarOn(voghera, day) !== undefined
      const closure =
        covered &&
        !LocalDate.isWeekend(day) &&
        !Calendar.isHoliday(day) &&
        !Calendar.isSchoolDay(voghera, i.level, day, inst)
      assert.strictEqual(inWindows.has(day), closure, day)
    }
  })
})
