/**
 * Persons: the 16-character codice fiscale (DM 23/12/1976, DPR 605/1973). Validates format, omocodia and
 * check character; decodes sex, birth date (century resolved against a reference date passed in) and
 * birthplace (Belfiore code); builds a code from personal data.
 *
 * Written here rather than taken from a library: the only maintained candidate, codice-fiscale-js 2.4.0,
 * declares a default export its runtime does not have (TOOLCHAIN.md), so its types cannot be trusted, and
 * a pure domain needs the century resolved against a date we pass in and one distinct, bilingual error
 * per way a code can be wrong. The algorithm is short and fully specified, so it is written once, here.
 *
 * A codice fiscale proves nothing about identity: it is a checksum over personal data, not a credential.
 * Errors never carry the code itself (it is personal data): only positions and characters.
 *
 * @example
 * ```ts
 * const cf = Person.make({ surname: "Rossi", name: "Maria", sex: "F", birthDate: LocalDate.make("1985-03-12"),
 *   birthPlace: Territory.voghera.belfiore! })                     // "RSSMRA85C52M109?"
 * Person.decode(cf, LocalDate.make("2022-09-01"))                  // Success({ sex: "F", birthDate: "1985-03-12", ... })
 * Person.validate("RSSMRA85C52M109A")                             // Failure(InvalidCheckCharacter { expected, found })
 * ```
 */
import { Result, Schema } from "effect"
import * as LocalDate from "./LocalDate.ts"
import { BelfioreCode } from "./Territory.ts"

/** Sex as recorded in the codice fiscale: `M` or `F` (females have 40 added to the day of birth). */
export const Sex = Schema.Literals(["M", "F"])
export type Sex = typeof Sex.Type

/** Month letters, January … December. */
export const monthLetters = "ABCDEHLMPRST"

/** Omocodia substitutes for the digits 0 … 9. */
export const omocodiaLetters = "LMNPQRSTUV"

/** 0-based indices of the digits omocodia may replace, rightmost first (the order substitutions follow). */
const omocodiaIndices = [14, 13, 12, 10, 9, 7, 6] as const

// Odd-position values (1-based odd positions) for A…Z; digits 0…9 share the values of A…J.
const oddValues = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
]

const valueOf = (c: string): number => {
  const code = c.charCodeAt(0)
  return code >= 48 && code <= 57 ? code - 48 : code - 65
}

/** The check character for the first 15 characters of a (normalised) codice fiscale. */
export const checkCharacter = (first15: string): string => {
  let sum = 0
  for (let i = 0; i < 15; i++) {
    const v = valueOf(first15.charAt(i))
    sum += i % 2 === 0 ? (oddValues[v] ?? 0) : v
  }
  return String.fromCharCode(65 + (sum % 26))
}

/** Removes spaces and upper-cases: what a person may type becomes what is checked. */
export const normalise = (input: string): string => input.replace(/\s+/g, "").toUpperCase()

// ---------------------------------------------------------------------------------------------------------
// Errors: one per way a code can be wrong. `message` is Italian (what users read), `messageEn` English.

/** The code does not have 16 characters. */
export class InvalidLength extends Schema.TaggedError<InvalidLength>()("InvalidLength", {
  length: Schema.Int
}) {
  /** Stable machine code. */
  readonly code = "cf-invalid-length"
  override get message(): string {
    return `il codice fiscale deve avere 16 caratteri, ne ha ${this.length}`
  }
  /** English text. */
  get messageEn(): string {
    return `a codice fiscale has 16 characters, this one has ${this.length}`
  }
}

/** A character is neither a letter A–Z nor a digit. */
export class InvalidCharacter extends Schema.TaggedError<InvalidCharacter>()("InvalidCharacter", {
  position: Schema.Int,
  character: Schema.String
}) {
  /** Stable machine code. */
  readonly code = "cf-invalid-character"
  override get message(): string {
    return `carattere non ammesso "${this.character}" in posizione ${this.position}: solo lettere A-Z e cifre`
  }
  /** English text. */
  get messageEn(): string {
    return `character "${this.character}" at position ${this.position} is not allowed: only letters A-Z and digits`
  }
}

/** A letter stands where a digit belongs, or a digit where a letter belongs. */
export class MisplacedCharacter extends Schema.TaggedError<MisplacedCharacter>()("MisplacedCharacter", {
  position: Schema.Int,
  character: Schema.String,
  expected: Schema.Literals(["letter", "digit"])
}) {
  /** Stable machine code. */
  readonly code = "cf-misplaced-character"
  override get message(): string {
    const what = this.expected === "letter" ? "una lettera" : "una cifra (o una lettera di omocodia L-V)"
    return `in posizione ${this.position} ci vuole ${what}, non "${this.character}"`
  }
  /** English text. */
  get messageEn(): string {
    const what = this.expected === "letter" ? "a letter" : "a digit (or an omocodia letter L-V)"
    return `position ${this.position} must hold ${what}, not "${this.character}"`
  }
}

/** Omocodia letters must replace digits from the right: here a digit stands right of a replaced one. */
export class InvalidOmocodia extends Schema.TaggedError<InvalidOmocodia>()("InvalidOmocodia", {
  position: Schema.Int
}) {
  /** Stable machine code. */
  readonly code = "cf-invalid-omocodia"
  override get message(): string {
    return `omocodia non valida: la cifra in posizione ${this.position} avrebbe dovuto essere sostituita prima di quelle alla sua sinistra`
  }
  /** English text. */
  get messageEn(): string {
    return `invalid omocodia: the digit at position ${this.position} should have been replaced before those to its left`
  }
}

/** The month letter (position 9) is not one of A B C D E H L M P R S T. */
export class InvalidMonth extends Schema.TaggedError<InvalidMonth>()("InvalidMonth", {
  letter: Schema.String
}) {
  /** Stable machine code. */
  readonly code = "cf-invalid-month"
  override get message(): string {
    return `lettera del mese "${this.letter}" non valida: ammesse ${monthLetters.split("").join(" ")}`
  }
  /** English text. */
  get messageEn(): string {
    return `month letter "${this.letter}" is not valid: allowed are ${monthLetters.split("").join(" ")}`
  }
}

/** The day field is not 01–31 (males) or 41–71 (females). */
export class InvalidDay extends Schema.TaggedError<InvalidDay>()("InvalidDay", { day: Schema.Int }) {
  /** Stable machine code. */
  readonly code = "cf-invalid-day"
  override get message(): string {
    return `giorno "${String(this.day).padStart(2, "0")}" non valido: 01-31 per i maschi, 41-71 per le femmine`
  }
  /** English text. */
  get messageEn(): string {
    return `day "${String(this.day).padStart(2, "0")}" is not valid: 01-31 for males, 41-71 for females`
  }
}

/** Day and month are each valid but the date does not exist (31 April; 29 February of a common year). */
export class ImpossibleDate extends Schema.TaggedError<ImpossibleDate>()("ImpossibleDate", {
  year: Schema.Int,
  month: Schema.Int,
  day: Schema.Int
}) {
  /** Stable machine code. */
  readonly code = "cf-impossible-date"
  override get message(): string {
    return `la data di nascita ${this.day}/${this.month}/${String(this.year).padStart(2, "0")} non esiste`
  }
  /** English text. */
  get messageEn(): string {
    return `the birth date ${this.day}/${this.month}/${String(this.year).padStart(2, "0")} does not exist`
  }
}

/** The birthplace code (positions 12–15) cannot be a Belfiore code (numeric part 000). */
export class InvalidPlaceCode extends Schema.TaggedError<InvalidPlaceCode>()("InvalidPlaceCode", {
  place: Schema.String
}) {
  /** Stable machine code. */
  readonly code = "cf-invalid-place"
  override get message(): string {
    return `codice del luogo di nascita "${this.place}" non valido`
  }
  /** English text. */
  get messageEn(): string {
    return `birthplace code "${this.place}" is not valid`
  }
}

/** The check character (position 16) does not match the other 15: usually a typo. */
export class InvalidCheckCharacter extends Schema.TaggedError<InvalidCheckCharacter>()(
  "InvalidCheckCharacter",
  {
    expected: Schema.String,
    found: Schema.String
  }
) {
  /** Stable machine code. */
  readonly code = "cf-invalid-check-character"
  override get message(): string {
    return `carattere di controllo errato: "${this.found}" invece di "${this.expected}" (probabile errore di battitura)`
  }
  /** English text. */
  get messageEn(): string {
    return `wrong check character: "${this.found}" instead of "${this.expected}" (probably a typo)`
  }
}

/** Every way a codice fiscale can be wrong. */
export const CodiceFiscaleError = Schema.Union([
  InvalidLength,
  InvalidCharacter,
  MisplacedCharacter,
  InvalidOmocodia,
  InvalidMonth,
  InvalidDay,
  ImpossibleDate,
  InvalidPlaceCode,
  InvalidCheckCharacter
])
export type CodiceFiscaleError = typeof CodiceFiscaleError.Type

// ---------------------------------------------------------------------------------------------------------
// Validation

// 0-based indices that hold letters in every code; all others hold digits or omocodia letters.
const letterIndices = new Set([0, 1, 2, 3, 4, 5, 8, 11, 15])
const omocodiaSet = new Set<number>(omocodiaIndices)

const isLetter = (c: string): boolean => c >= "A" && c <= "Z"
const isDigit = (c: string): boolean => c >= "0" && c <= "9"

/** Replaces omocodia letters with the digits they stand for, giving the original (level-0) code. */
export const withoutOmocodia = (code: string): string =>
  code
    .split("")
    .map((c, i) => (omocodiaSet.has(i) && isLetter(c) ? String(omocodiaLetters.indexOf(c)) : c))
    .join("")

/** How many digits omocodia replaced (0 … 7) in a well-formed code. */
export const omocodiaLevel = (code: string): number =>
  omocodiaIndices.filter((i) => isLetter(code.charAt(i))).length

const check = (code: string): Result.Result<string, CodiceFiscaleError> => {
  if (code.length !== 16) return Result.fail(new InvalidLength({ length: code.length }))
  for (let i = 0; i < 16; i++) {
    const c = code.charAt(i)
    if (!isLetter(c) && !isDigit(c))
      return Result.fail(new InvalidCharacter({ position: i + 1, character: c }))
  }
  for (let i = 0; i < 16; i++) {
    const c = code.charAt(i)
    if (letterIndices.has(i)) {
      if (!isLetter(c))
        return Result.fail(new MisplacedCharacter({ position: i + 1, character: c, expected: "letter" }))
    } else if (!isDigit(c) && !omocodiaLetters.includes(c)) {
      return Result.fail(new MisplacedCharacter({ position: i + 1, character: c, expected: "digit" }))
    }
  }
  // Substitutions go right to left: once a digit is met (scanning from the right), no letter may follow.
  let digitAt: number | undefined
  for (const i of omocodiaIndices) {
    if (isDigit(code.charAt(i))) digitAt ??= i
    else if (digitAt !== undefined) return Result.fail(new InvalidOmocodia({ position: digitAt + 1 }))
  }
  const plain = withoutOmocodia(code)
  const monthIndex = monthLetters.indexOf(plain.charAt(8))
  if (monthIndex < 0) return Result.fail(new InvalidMonth({ letter: plain.charAt(8) }))
  const rawDay = Number(plain.slice(9, 11))
  const day = rawDay > 40 ? rawDay - 40 : rawDay
  if (day < 1 || day > 31) return Result.fail(new InvalidDay({ day: rawDay }))
  const yy = Number(plain.slice(6, 8))
  // Without a reference date the century is unknown: 29 February is possible whenever yy is a multiple of 4.
  if (LocalDate.fromParts(yy % 4 === 0 ? 2000 : 2001, monthIndex + 1, day) === undefined)
    return Result.fail(new ImpossibleDate({ year: yy, month: monthIndex + 1, day }))
  if (plain.slice(12, 15) === "000") return Result.fail(new InvalidPlaceCode({ place: plain.slice(11, 15) }))
  const expected = checkCharacter(code)
  if (code.charAt(15) !== expected)
    return Result.fail(new InvalidCheckCharacter({ expected, found: code.charAt(15) }))
  return Result.succeed(code)
}

/** A valid codice fiscale for a person: normalised (upper case, no spaces), well-formed, right check character. */
export const CodiceFiscale = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s) =>
      Result.match(check(s), { onSuccess: () => true, onFailure: (e) => `${e.message} (${e.messageEn})` })
    )
  ),
  Schema.brand("CodiceFiscale")
)
export type CodiceFiscale = typeof CodiceFiscale.Type

/** Checks a codice fiscale as typed (spaces and lower case allowed) and returns it normalised, or why not. */
export const validate = (input: string): Result.Result<CodiceFiscale, CodiceFiscaleError> =>
  check(normalise(input)) as Result.Result<CodiceFiscale, CodiceFiscaleError>

/** Whether a string is a valid codice fiscale once normalised. */
export const isValid = (input: string): boolean => Result.isSuccess(validate(input))

// ---------------------------------------------------------------------------------------------------------
// Decoding

/** What a codice fiscale says about its holder. */
export class Decoded extends Schema.Class<Decoded>("Decoded")({
  codiceFiscale: CodiceFiscale,
  sex: Sex,
  birthDate: LocalDate.LocalDate,
  birthPlace: BelfioreCode,
  bornAbroad: Schema.Boolean,
  omocodia: Schema.Int
}) {}

/**
 * Decodes a codice fiscale. The two-digit year is resolved to the latest century that puts the birth on
 * or before `reference` (e.g. the application date), so people over 100 years old decode a century late.
 */
export const decode = (
  input: string,
  reference: LocalDate.LocalDate
): Result.Result<Decoded, CodiceFiscaleError> =>
  Result.flatMap(validate(input), (cf) => {
    const plain = withoutOmocodia(cf)
    const yy = Number(plain.slice(6, 8))
    const month = monthLetters.indexOf(plain.charAt(8)) + 1
    const rawDay = Number(plain.slice(9, 11))
    const day = rawDay > 40 ? rawDay - 40 : rawDay
    const base = Math.floor(LocalDate.year(reference) / 100) * 100
    const birthDate = [base, base - 100, base - 200]
      .map((century) => LocalDate.fromParts(century + yy, month, day))
      .find((d): d is LocalDate.LocalDate => d !== undefined && d <= reference)
    if (birthDate === undefined) return Result.fail(new ImpossibleDate({ year: yy, month, day }))
    const birthPlace = BelfioreCode.make(plain.slice(11, 15))
    return Result.succeed(
      new Decoded({
        codiceFiscale: cf,
        sex: rawDay > 40 ? "F" : "M",
        birthDate,
        birthPlace,
        bornAbroad: birthPlace.startsWith("Z"),
        omocodia: omocodiaLevel(cf)
      })
    )
  })

// ---------------------------------------------------------------------------------------------------------
// Encoding

const letters = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "")
const consonants = (s: string): string => s.replace(/[AEIOU]/g, "")
const vowels = (s: string): string => s.replace(/[^AEIOU]/g, "")

/** The 3 letters for a surname: its consonants, then its vowels, then X. */
export const surnameCode = (surname: string): string => {
  const l = letters(surname)
  return (consonants(l) + vowels(l) + "XXX").slice(0, 3)
}

/** The 3 letters for a given name: the 1st, 3rd and 4th consonant if it has 4 or more, else as a surname. */
export const nameCode = (name: string): string => {
  const l = letters(name)
  const c = consonants(l)
  return c.length >= 4 ? c.charAt(0) + c.charAt(2) + c.charAt(3) : (c + vowels(l) + "XXX").slice(0, 3)
}

/** The personal data a codice fiscale is computed from. */
export interface Holder {
  readonly surname: string
  readonly name: string
  readonly sex: Sex
  readonly birthDate: LocalDate.LocalDate
  readonly birthPlace: BelfioreCode
  /** How many digits to replace for omocodia, 0 (none, the default) … 7; the Agenzia assigns it. */
  readonly omocodia?: number
}

/** Builds the codice fiscale of a person (and, with `omocodia`, its omocodic variants). */
export const make = (holder: Holder): CodiceFiscale => {
  const y = LocalDate.year(holder.birthDate)
  const m = LocalDate.month(holder.birthDate)
  const d = LocalDate.day(holder.birthDate) + (holder.sex === "F" ? 40 : 0)
  const chars = (
    surnameCode(holder.surname) +
    nameCode(holder.name) +
    String(y % 100).padStart(2, "0") +
    monthLetters.charAt(m - 1) +
    String(d).padStart(2, "0") +
    holder.birthPlace
  ).split("")
  const level = Math.max(0, Math.min(7, Math.trunc(holder.omocodia ?? 0)))
  for (const i of omocodiaIndices.slice(0, level)) chars[i] = omocodiaLetters.charAt(Number(chars[i]))
  const first15 = chars.join("")
  return CodiceFiscale.make(first15 + checkCharacter(first15))
}
