/**
 * A broken rule: a machine code, Italian text (the text users read) and English text, plus what it is
 * about. Rule checks (`Partnership.validate`, `Budget.validate`) return every violation, never just the first.
 */
import { Schema } from "effect"

/** One broken rule, serialisable as is. */
export class Violation extends Schema.Class<Violation>("Violation")({
  /** Stable machine code, e.g. `grant-over-max-amount`. */
  code: Schema.String,
  /** Italian text explaining what is wrong and by how much. */
  message: Schema.String,
  /** The same in English. */
  messageEn: Schema.String,
  /** The partner it is about, if any. */
  partnerId: Schema.optionalKey(Schema.String),
  /** The rule, line or item it is about, if any (a requirement id, a cost line id). */
  ref: Schema.optionalKey(Schema.String)
}) {}

/** Builds a violation; `about` names the partner or the item concerned. */
export const make = (
  code: string,
  message: string,
  messageEn: string,
  about: { readonly partnerId?: string; readonly ref?: string } = {}
): Violation =>
  new Violation({
    code,
    message,
    messageEn,
    ...(about.partnerId === undefined ? {} : { partnerId: about.partnerId }),
    ...(about.ref === undefined ? {} : { ref: about.ref })
  })

/** The codes of some violations, in order: handy in tests and logs. */
export const codes = (violations: ReadonlyArray<Violation>): ReadonlyArray<string> => violations.map((v) => v.code)
