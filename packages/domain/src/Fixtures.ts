/**
 * The Smartfam Voghera 2022-23 project as data: the first network Smartfam serves, and the API's demo seed.
 *
 * Public facts (partners' roles, money, dates, the call) come from the project's description. Where it
 * is silent the values are invented and marked: a wholly invented partner has `demo: true`; invented
 * fields of a real partner are listed in its `demoFields`; every budget line is `demo: true`. The tax
 * codes are made up (with valid check digits) and belong to no one on purpose.
 */
import * as Budget from "./Budget.ts"
import * as Call from "./Call.ts"
import { LocalDate } from "./LocalDate.ts"
import * as Money from "./Money.ts"
import { Partner, PartnerId, withCheckDigit } from "./Partnership.ts"
import type { Seat } from "./Partnership.ts"
import { Project, ProjectId } from "./Project.ts"

const cents = Money.cents

const voghera: Seat = { comune: "Voghera", istat: "018182", province: "PV", region: "Lombardia" }
const rivanazzano: Seat = { comune: "Rivanazzano Terme", province: "PV", region: "Lombardia" }

/** The call the project applied to: Regione Lombardia 2022, DGR XI/5755. */
export const smartfamVogheraCall: Call.Call = Call.lombardia2022

/** Famiglie Smart – Smartfam Voghera (2022-23), DGR XI/5755. */
export const smartfamVoghera: Project = new Project({
  id: ProjectId.make("smartfam-voghera-2022"),
  title: "Famiglie Smart – Smartfam Voghera",
  callId: Call.lombardia2022.id,
  summary:
    "Rete territoriale di conciliazione vita-lavoro del Comune di Voghera: servizi per le famiglie che lavorano, " +
    "dai nidi ai centri estivi, dal sostegno ai caregiver ai servizi salva-tempo.",
  aims: [
    "Welfare aziendale per i dipendenti delle micro e piccole imprese partner",
    "Una rete territoriale di conciliazione che rafforza i servizi già presenti",
    "Servizi salva-tempo, assistenza alla famiglia e all'infanzia, sostegno ai caregiver",
    "Lavoro flessibile e cura dei figli durante le chiusure scolastiche",
    "Parità di genere nel lavoro e nell'accesso alle opportunità"
  ],
  partners: [
    new Partner({
      id: PartnerId.make("cresciamo"),
      legalName: "CresciAmo Società Cooperativa Sociale",
      kind: "third-sector",
      role: "capofila",
      taxCode: withCheckDigit("0212345018"),
      comune: "Voghera",
      description: "Gestisce nidi e scuole dell'infanzia (0–6 anni) e l'assistenza scolastica agli alunni con disabilità.",
      registeredSeat: voghera,
      operatingSeats: [voghera],
      services: [
        "Nido e scuola dell'infanzia con orari flessibili",
        "Accoglienza dei bambini nelle chiusure scolastiche",
        "Sportello informativo per i dipendenti",
        "Coordinamento della rete"
      ],
      cofinancing: cents(3_544_029),
      demo: false,
      demoFields: ["taxCode", "registeredSeat", "operatingSeats", "services", "cofinancing"]
    }),
    new Partner({
      id: PartnerId.make("oltrepo-servizi"),
      legalName: "Oltrepò Servizi Famiglia S.r.l.",
      kind: "micro-enterprise",
      role: "partner",
      taxCode: withCheckDigit("0298765018"),
      comune: "Voghera",
      description: "Servizi salva-tempo e di supporto ai caregiver (dati dimostrativi).",
      registeredSeat: voghera,
      operatingSeats: [voghera],
      size: { staffAwu: 6, turnover: cents(38_000_000), balanceSheetTotal: cents(21_000_000), publicOwnership: Money.bp(0) },
      services: ["Commissioni e consegne a domicilio", "Lavanderia e stireria", "Sostegno ai caregiver familiari"],
      cofinancing: cents(1_000_000),
      demo: true
    }),
    new Partner({
      id: PartnerId.make("staffora-lab"),
      legalName: "Staffora Lab S.n.c.",
      kind: "small-enterprise",
      role: "partner",
      taxCode: withCheckDigit("0245678018"),
      comune: "Rivanazzano Terme",
      description: "Centri estivi e attività nelle chiusure scolastiche, spazio di coworking (dati dimostrativi).",
      registeredSeat: rivanazzano,
      operatingSeats: [rivanazzano, voghera],
      size: { staffAwu: 14, turnover: cents(125_000_000), balanceSheetTotal: cents(70_000_000), publicOwnership: Money.bp(0) },
      services: ["Centri estivi", "Attività nelle chiusure scolastiche", "Spazio di coworking"],
      cofinancing: cents(1_000_000),
      demo: true
    }),
    new Partner({
      id: PartnerId.make("comune-voghera"),
      legalName: "Comune di Voghera",
      kind: "public-body",
      role: "partner",
      taxCode: withCheckDigit("0012345018"),
      comune: "Voghera",
      description:
        "Armonizza il progetto con i servizi del territorio, ne promuove la conoscenza e apre le attività ai propri dipendenti.",
      registeredSeat: voghera,
      operatingSeats: [voghera],
      services: [
        "Raccordo con i servizi già presenti sul territorio",
        "Promozione dei servizi della rete",
        "Apertura delle attività ai dipendenti comunali"
      ],
      cofinancing: Money.zero,
      demo: false,
      demoFields: ["taxCode"]
    })
  ],
  totalCost: cents(10_544_029),
  grant: cents(5_000_000),
  startDate: LocalDate.make("2022-09-01"),
  endDate: LocalDate.make("2023-08-31")
})

const pid = PartnerId.make
const aid = Budget.ActionId.make

/**
 * The project's budget: EUR 105,440.29 of costs, EUR 50,000.00 of grant, EUR 55,440.29 co-financed by
 * the partners, nothing for the Comune. Totals are public; the split into lines is invented (demo).
 */
export const smartfamVogheraBudget: Budget.Budget = new Budget.Budget({
  period: { start: LocalDate.make("2022-09-01"), end: LocalDate.make("2023-08-31") },
  actions: [
    { id: aid("coordination"), title: "Coordinamento e governance della rete", area: "firm-network-welfare" },
    { id: aid("childcare"), title: "Nidi e infanzia con orari flessibili", area: "care-services-access" },
    { id: aid("school-closures"), title: "Accoglienza nelle chiusure scolastiche e centri estivi", area: "care-services-access" },
    { id: aid("time-saving"), title: "Servizi salva-tempo", area: "time-saving" },
    { id: aid("caregivers"), title: "Sostegno ai caregiver familiari", area: "intergenerational-conciliation" },
    { id: aid("info-desk"), title: "Sportello informativo per i dipendenti", area: "information-desk" },
    { id: aid("coworking"), title: "Coworking e lavoro flessibile", area: "flexibility-coworking" }
  ],
  partners: [
    { partnerId: pid("cresciamo"), cofinancing: cents(3_544_029), declaresCosts: true },
    { partnerId: pid("oltrepo-servizi"), cofinancing: cents(1_000_000), declaresCosts: true },
    { partnerId: pid("staffora-lab"), cofinancing: cents(1_000_000), declaresCosts: true },
    { partnerId: pid("comune-voghera"), cofinancing: Money.zero, declaresCosts: false }
  ],
  lines: [
    // CresciAmo: € 65.440,29
    { id: "cr-01", partnerId: pid("cresciamo"), actionId: aid("coordination"), category: "coordination", description: "Coordinatrice di progetto, 12 mesi", amount: cents(1_200_000), demo: true },
    { id: "cr-02", partnerId: pid("cresciamo"), actionId: aid("coordination"), category: "communication", description: "Materiali e campagna di promozione", amount: cents(250_000), demo: true },
    { id: "cr-03", partnerId: pid("cresciamo"), actionId: aid("childcare"), category: "staff", description: "Educatrici per l'orario prolungato del nido", amount: cents(2_150_000), demo: true },
    { id: "cr-04", partnerId: pid("cresciamo"), actionId: aid("childcare"), category: "goods", description: "Materiali didattici e di consumo", amount: cents(264_029), demo: true },
    { id: "cr-05", partnerId: pid("cresciamo"), actionId: aid("school-closures"), category: "staff", description: "Educatori nelle chiusure di Natale, Carnevale e Pasqua", amount: cents(1_400_000), demo: true },
    { id: "cr-06", partnerId: pid("cresciamo"), actionId: aid("info-desk"), category: "staff", description: "Operatore dello sportello, 8 ore a settimana", amount: cents(780_000), demo: true },
    { id: "cr-07", partnerId: pid("cresciamo"), actionId: aid("caregivers"), category: "services", description: "Consulenza psicologica per caregiver", amount: cents(500_000), demo: true },
    // Oltrepò Servizi Famiglia: € 20.000,00
    { id: "os-01", partnerId: pid("oltrepo-servizi"), actionId: aid("time-saving"), category: "services", description: "Commissioni, consegne e lavanderia per i dipendenti", amount: cents(1_100_000), demo: true },
    { id: "os-02", partnerId: pid("oltrepo-servizi"), actionId: aid("time-saving"), category: "communication", description: "Volantini e app di prenotazione", amount: cents(50_000), demo: true },
    { id: "os-03", partnerId: pid("oltrepo-servizi"), actionId: aid("caregivers"), category: "staff", description: "Operatrice di sostegno ai caregiver", amount: cents(650_000), demo: true },
    { id: "os-04", partnerId: pid("oltrepo-servizi"), actionId: aid("coordination"), category: "staff", description: "Partecipazione al tavolo di rete", amount: cents(200_000), demo: true },
    // Staffora Lab: € 20.000,00
    { id: "sl-01", partnerId: pid("staffora-lab"), actionId: aid("school-closures"), category: "staff", description: "Animatori dei centri estivi", amount: cents(1_150_000), demo: true },
    { id: "sl-02", partnerId: pid("staffora-lab"), actionId: aid("school-closures"), category: "goods", description: "Materiali per i centri estivi", amount: cents(180_000), demo: true },
    { id: "sl-03", partnerId: pid("staffora-lab"), actionId: aid("coworking"), category: "services", description: "Postazioni di coworking per i dipendenti", amount: cents(520_000), demo: true },
    { id: "sl-04", partnerId: pid("staffora-lab"), actionId: aid("coworking"), category: "goods", description: "Arredi e connettività del coworking", amount: cents(100_000), demo: true },
    { id: "sl-05", partnerId: pid("staffora-lab"), actionId: aid("coordination"), category: "staff", description: "Partecipazione al tavolo di rete", amount: cents(50_000), demo: true }
  ],
  totalCost: cents(10_544_029),
  grant: cents(5_000_000)
})

/**
 * Smartfam Voghera's own settings: the Comune opens the project's activities to its employees, so they
 * are recipients (the call leaves this to each project: `Call.publicStaffAreRecipients`).
 */
export const smartfamVogheraSettings = { comuneStaffAreRecipients: true } as const
