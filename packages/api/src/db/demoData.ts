/**
 * The demo beyond accounts: the Smartfam Voghera catalogue with its sessions on the Voghera 2022/23
 * calendar, and the two demo families' households. The demo runs on the project's own year through the
 * demo clock (SMARTFAM_CLOCK, see README): the calendar data shipped is the 2022/23 school year.
 */
import { Calendar, Fixtures, Household, LocalDate, Person, Service, Territory } from "@smartfam/domain"
import { Effect, Schema } from "effect"
import { Catalogue } from "../services/Catalogue.ts"
import { Database } from "../services/Database.ts"
import { Households } from "../services/Households.ts"

const cf = (surname: string, name: string, sex: "M" | "F", birthDate: string) =>
  Person.make({ surname, name, sex, birthDate: LocalDate.make(birthDate), birthPlace: Territory.BelfioreCode.make("M109") })

const VOGHERA = "018182"

/** The demo households, by account email (invented people: demo data). */
export const demoHouseholds: ReadonlyArray<{ email: string; household: Omit<Household.Household, "id"> }> = [
  {
    email: "famiglia.rossi@smartfam.example",
    household: Schema.decodeUnknownSync(Household.Household)({
      id: "placeholder",
      adults: [
        {
          codiceFiscale: cf("Rossi", "Giulia", "F", "1988-03-14"),
          sex: "F",
          employer: { name: "Oltrepò Servizi Famiglia S.r.l.", partnerId: "oltrepo-servizi", confirmed: true },
          comuneEmployee: false,
          weeklyHours: 30,
          residence: VOGHERA
        }
      ],
      children: [
        { id: "sofia", name: "Sofia", birthDate: "2019-02-10", disability104: false },
        { id: "luca", name: "Luca", birthDate: "2015-09-03", disability104: false }
      ],
      isee: { value: 1_850_000, dsuProtocol: "INPS-ISEE-2023-00001234A-00", issuedOn: "2023-01-20" },
      singleParent: true,
      consents: [{ purpose: "service-delivery", givenAt: "2023-01-20T09:00:00.000Z", version: "2022-09" }]
    })
  },
  {
    email: "famiglia.bianchi@smartfam.example",
    household: Schema.decodeUnknownSync(Household.Household)({
      id: "placeholder",
      adults: [
        { codiceFiscale: cf("Bianchi", "Marco", "M", "1984-11-02"), sex: "M", employer: { name: "Comune di Voghera", partnerId: "comune-voghera", confirmed: true }, comuneEmployee: true, weeklyHours: 36, residence: VOGHERA },
        { codiceFiscale: cf("Verdi", "Anna", "F", "1986-05-21"), sex: "F", employer: { name: "Staffora Lab S.n.c.", partnerId: "staffora-lab", confirmed: true }, comuneEmployee: false, weeklyHours: 24, residence: VOGHERA }
      ],
      children: [{ id: "tommaso", name: "Tommaso", birthDate: "2016-06-30", disability104: false }],
      singleParent: false,
      consents: [{ purpose: "service-delivery", givenAt: "2023-02-01T09:00:00.000Z", version: "2022-09" }]
    })
  },
  {
    // A toddler for the nursery's admission round (Admission.smartfamVoghera): consent to rankings given.
    email: "famiglia.ferrari@smartfam.example",
    household: Schema.decodeUnknownSync(Household.Household)({
      id: "placeholder",
      adults: [
        { codiceFiscale: cf("Ferrari", "Elena", "F", "1990-07-08"), sex: "F", employer: { name: "Oltrepò Servizi Famiglia S.r.l.", partnerId: "oltrepo-servizi", confirmed: true }, comuneEmployee: false, weeklyHours: 36, residence: VOGHERA },
        { codiceFiscale: cf("Ferrari", "Paolo", "M", "1988-02-19"), sex: "M", comuneEmployee: false, weeklyHours: 40, residence: VOGHERA }
      ],
      children: [{ id: "giorgia", name: "Giorgia", birthDate: "2022-04-18", disability104: false }],
      isee: { value: 2_640_000, dsuProtocol: "INPS-ISEE-2023-00005678B-00", issuedOn: "2023-02-14" },
      singleParent: false,
      consents: [
        { purpose: "service-delivery", givenAt: "2023-03-01T09:00:00.000Z", version: "2022-09" },
        { purpose: "ranking", givenAt: "2023-03-01T09:00:00.000Z", version: "2022-09" }
      ]
    })
  }
]

/** Loads the catalogue and its sessions, and the demo households (idempotent). */
export const seedDemo = (at: Date) =>
  Effect.gen(function* () {
    const loaded = yield* (yield* Catalogue).load(Fixtures.smartfamVoghera.id, Service.smartfamVoghera, Calendar.voghera, at)
    const { kysely } = yield* Database
    const households = yield* Households
    for (const { email, household } of demoHouseholds) {
      const account = yield* Effect.promise(() => kysely.selectFrom("accounts").select("id").where("email", "=", email).executeTakeFirst())
      if (account === undefined) continue
      const existing = yield* households.ofAccount(account.id).pipe(Effect.option)
      if (existing._tag === "Some") continue
      const id = yield* households.idFor(account.id)
      yield* households.save(account.id, new Household.Household({ ...household, id: Household.HouseholdId.make(id) }))
    }
    return loaded
  })
