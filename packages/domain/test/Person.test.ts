import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, Result, Schema } from "effect"
import { LocalDate, Person, Territory } from "../src/index.ts"

const d = LocalDate.make
const belfiore = Territory.BelfioreCode.make
const reference = d("2022-09-01")

const failure = <E>(r: Result.Result<unknown, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}
const success = <A>(r: Result.Result<A, unknown>): A => {
  if (Result.isFailure(r)) throw new Error(`expected a success, got ${String(r.failure)}`)
  return r.success
}

describe("Person: codice fiscale", () => {
  it("builds the textbook example RSSMRA85T10A562S", () => {
    const cf = Person.make({
      surname: "Rossi",
      name: "Mario",
      sex: "M",
      birthDate: d("1985-12-10"),
      birthPlace: belfiore("A562")
    })
    expect(cf).toBe("RSSMRA85T10A562S")
    expect(Person.isValid(cf)).toBe(true)
  })

  it.each([
    ["Rossi", "surname", "RSS"],
    ["Fo", "surname", "FOX"],
    ["D'Amico", "surname", "DMC"],
    ["De Luca", "surname", "DLC"],
    ["Mario", "name", "MRA"],
    ["Gianfranco", "name", "GFR"],
    ["Luca", "name", "LCU"],
    ["Niccolò", "name", "NCL"],
    ["Ai", "name", "AIX"]
  ] as const)("%s as a %s gives %s", (input, kind, code) => {
    expect(kind === "surname" ? Person.surnameCode(input) : Person.nameCode(input)).toBe(code)
  })

  it("accepts lower case and spaces, and returns the normalised code", () => {
    expect(success(Person.validate(" rssmra85t10a562s "))).toBe("RSSMRA85T10A562S")
    expect(success(Person.validate("RSS MRA 85T10 A562S"))).toBe("RSSMRA85T10A562S")
  })

  it("decodes sex, birth date and birthplace", () => {
    const woman = Person.make({
      surname: "Bianchi",
      name: "Anna",
      sex: "F",
      birthDate: d("1990-02-28"),
      birthPlace: belfiore("M109")
    })
    expect(woman.slice(9, 11)).toBe("68")
    const decoded = success(Person.decode(woman, reference))
    expect(decoded).toMatchObject({
      sex: "F",
      birthDate: "1990-02-28",
      birthPlace: "M109",
      bornAbroad: false,
      omocodia: 0
    })
  })

  it("flags a birthplace abroad (Z codes)", () => {
    const cf = Person.make({
      surname: "Popescu",
      name: "Ana",
      sex: "F",
      birthDate: d("2001-07-04"),
      birthPlace: belfiore("Z129")
    })
    expect(success(Person.decode(cf, reference)).bornAbroad).toBe(true)
  })

  it.each([
    // [birth date, reference, decoded birth date]
    ["2021-05-03", "2022-09-01", "2021-05-03"],
    ["1923-05-03", "2022-09-01", "1923-05-03"], // 2023 would be after the reference
    ["1921-05-03", "2022-09-01", "2021-05-03"], // over 100 years old: indistinguishable, read as the later century
    ["2022-09-01", "2022-09-01", "2022-09-01"],
    ["1922-09-02", "2022-09-01", "1922-09-02"], // one day in the future if read as 2022: a century earlier
    ["2000-02-29", "2022-09-01", "2000-02-29"],
    ["1999-12-31", "2000-01-01", "1999-12-31"]
  ])("resolves the century: born %s, read on %s, gives %s", (born, ref, expected) => {
    const cf = Person.make({
      surname: "Verdi",
      name: "Luigi",
      sex: "M",
      birthDate: d(born),
      birthPlace: belfiore("M109")
    })
    expect(success(Person.decode(cf, d(ref))).birthDate).toBe(expected)
  })

  it("29 February of year 00 read before 2000-02-29 has no valid century", () => {
    const cf = Person.make({
      surname: "Verdi",
      name: "Luigi",
      sex: "M",
      birthDate: d("2000-02-29"),
      birthPlace: belfiore("M109")
    })
    expect(failure(Person.decode(cf, d("2000-01-01")))._tag).toBe("ImpossibleDate")
  })

  it("omocodia: every level validates and decodes to the same person", () => {
    const holder = {
      surname: "Rossi",
      name: "Mario",
      sex: "M",
      birthDate: d("1985-12-10"),
      birthPlace: belfiore("A562")
    } as const
    const codes = [0, 1, 2, 3, 4, 5, 6, 7].map((omocodia) => Person.make({ ...holder, omocodia }))
    expect(codes[1]?.slice(0, 15)).toBe("RSSMRA85T10A56N")
    expect(codes[7]).toMatch(/^RSSMRAURTMLA[L-V]{3}[A-Z]$/)
    for (const [level, cf] of codes.entries()) {
      const decoded = success(Person.decode(cf, reference))
      expect(decoded).toMatchObject({
        sex: "M",
        birthDate: "1985-12-10",
        birthPlace: "A562",
        omocodia: level
      })
    }
  })

  // Each way a code can be wrong, starting from the valid RSSMRA85T10A562S.
  it.each([
    ["RSSMRA85T10A562", "InvalidLength", { length: 15 }],
    ["RSSMRA85T10A562SX", "InvalidLength", { length: 17 }],
    ["", "InvalidLength", { length: 0 }],
    ["RSSMRA85T10A56_S", "InvalidCharacter", { position: 15, character: "_" }],
    ["RSSMRA85T10À562S", "InvalidCharacter", { position: 12, character: "À" }],
    ["RSS1RA85T10A562S", "MisplacedCharacter", { position: 4, expected: "letter" }],
    ["RSSMRA85110A562S", "MisplacedCharacter", { position: 9, expected: "letter" }],
    ["RSSMRA85T101562S", "MisplacedCharacter", { position: 12, expected: "letter" }],
    ["RSSMRA8AT10A562S", "MisplacedCharacter", { position: 8, character: "A", expected: "digit" }],
    ["RSSMRA85T10AW62S", "MisplacedCharacter", { position: 13, character: "W", expected: "digit" }],
    ["RSSMRAU5T10A562S", "InvalidOmocodia", { position: 15 }],
    ["RSSMRA85T1LA56NS", "InvalidOmocodia", { position: 14 }],
    ["RSSMRA85F10A562S", "InvalidMonth", { letter: "F" }],
    ["RSSMRA85Z10A562S", "InvalidMonth", { letter: "Z" }],
    ["RSSMRA85T00A562S", "InvalidDay", { day: 0 }],
    ["RSSMRA85T32A562S", "InvalidDay", { day: 32 }],
    ["RSSMRA85T40A562S", "InvalidDay", { day: 40 }],
    ["RSSMRA85T72A562S", "InvalidDay", { day: 72 }],
    ["RSSMRA85D31A562S", "ImpossibleDate", { year: 85, month: 4, day: 31 }],
    ["RSSMRA85B29A562S", "ImpossibleDate", { year: 85, month: 2, day: 29 }],
    ["RSSMRA85B70A562S", "ImpossibleDate", { year: 85, month: 2, day: 30 }],
    ["RSSMRA85T10A000S", "InvalidPlaceCode", { place: "A000" }],
    ["RSSMRA85T10A562A", "InvalidCheckCharacter", { expected: "S", found: "A" }],
    ["RSSMRA85T10A526S", "InvalidCheckCharacter", { found: "S" }]
  ] as const)("%j fails with %s", (input, tag, fields) => {
    const error = failure(Person.validate(input))
    expect(error._tag).toBe(tag)
    expect(error).toMatchObject(fields)
    expect(error.code).toMatch(/^cf-/)
    expect(error.message.length).toBeGreaterThan(10)
    expect(error.messageEn.length).toBeGreaterThan(10)
    expect(error.message).not.toBe(error.messageEn)
  })

  it("every error has its own machine code, and none carries the code itself", () => {
    const inputs = [
      "RSS",
      "RSSMRA85T10A56_S",
      "RSS1RA85T10A562S",
      "RSSMRAU5T10A562S",
      "RSSMRA85F10A562S",
      "RSSMRA85T32A562S",
      "RSSMRA85D31A562S",
      "RSSMRA85T10A000S",
      "RSSMRA85T10A562A"
    ]
    const errors = inputs.map((i) => failure(Person.validate(i)))
    expect(new Set(errors.map((e) => e.code)).size).toBe(inputs.length)
    for (const e of errors) expect(JSON.stringify(e)).not.toContain("RSSMRA")
  })

  it("the CodiceFiscale schema accepts only normalised valid codes, with the bilingual reason", () => {
    expect(Schema.decodeUnknownSync(Person.CodiceFiscale)("RSSMRA85T10A562S")).toBe("RSSMRA85T10A562S")
    expect(() => Schema.decodeUnknownSync(Person.CodiceFiscale)("rssmra85t10a562s")).toThrow()
    expect(() => Schema.decodeUnknownSync(Person.CodiceFiscale)("RSSMRA85T10A562A")).toThrow(
      /carattere di controllo errato.*wrong check character/
    )
  })

  it("errors are serialisable tagged errors", () => {
    const error = failure(Person.validate("RSSMRA85F10A562S"))
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Person.CodiceFiscaleError)(error)))
    expect(json).toEqual({ _tag: "InvalidMonth", letter: "F" })
    expect(Schema.decodeUnknownSync(Person.CodiceFiscaleError)(json)).toBeInstanceOf(Person.InvalidMonth)
  })

  // ---------------------------------------------------------------------------------------------------------
  // Properties

  const letter = Arbitrary.schema(
    Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 25 })))
  ).pipe(Arbitrary.map((i) => String.fromCharCode(65 + i)))
  const word = Arbitrary.array(letter, { maxLength: 14 }).pipe(Arbitrary.map((ls) => ls.join("")))
  const intBetween = (minimum: number, maximum: number) =>
    Arbitrary.schema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum, maximum }))))
  // Births up to ~99 years before the reference date, so the century is never ambiguous.
  const holder = Arbitrary.all({
    surname: word,
    name: word,
    sex: Arbitrary.schema(Person.Sex),
    ageInDays: intBetween(0, 36_000),
    placeLetter: letter,
    placeNumber: intBetween(1, 999),
    omocodia: intBetween(0, 7)
  }).pipe(
    Arbitrary.map((h) => ({
      surname: h.surname,
      name: h.name,
      sex: h.sex,
      birthDate: LocalDate.addDays(reference, -h.ageInDays),
      birthPlace: belfiore(h.placeLetter + String(h.placeNumber).padStart(3, "0")),
      omocodia: h.omocodia
    }))
  )

  it.prop(
    "any code built from valid data validates and decodes back (omocodia included)",
    [holder],
    ([h]) => {
      const cf = Person.make(h)
      assert.isTrue(Person.isValid(cf))
      const decoded = success(Person.decode(cf, reference))
      assert.strictEqual(decoded.sex, h.sex)
      assert.strictEqual(decoded.birthDate, h.birthDate)
      assert.strictEqual(decoded.birthPlace, h.birthPlace)
      assert.strictEqual(decoded.omocodia, h.omocodia)
      assert.strictEqual(
        Person.withoutOmocodia(cf).slice(0, 15),
        Person.withoutOmocodia(Person.make({ ...h, omocodia: 0 })).slice(0, 15)
      )
    }
  )

  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
  it.prop(
    "changing any one character of a valid code makes it invalid",
    [holder, intBetween(0, 15), intBetween(1, 35)],
    ([h, position, shift]) => {
      const cf = Person.make(h)
      const i = alphabet.indexOf(cf.charAt(position))
      const changed = cf.slice(0, position) + alphabet.charAt((i + shift) % 36) + cf.slice(position + 1)
      assert.isFalse(Person.isValid(changed), `${changed} should be invalid`)
    }
  )
})
