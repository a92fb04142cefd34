/**
 * The Smartfam Voghera 2022-23 project as data: the first network Smartfam serves, and the API's demo seed.
 *
 * Public facts (partners' roles, money, dates) come from the project's description. Where it is silent
 * (the two firms' names, how co-financing splits between partners) the values are invented and the
 * partner is marked `demo: true`.
 */
import { LocalDate } from "./LocalDate.ts"
import { Cents, Partner, PartnerId, Project, ProjectId } from "./Project.ts"

const cents = (n: number) => Cents.make(n)

/** Famiglie Smart – Smartfam Voghera (2022-23), DGR XI/5755. */
export const smartfamVoghera: Project = new Project({
  id: ProjectId.make("smartfam-voghera-2022"),
  title: "Famiglie Smart – Smartfam Voghera",
  callId: "lombardia-dgr-xi-5755-2022",
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
      comune: "Voghera",
      description: "Gestisce nidi e scuole dell'infanzia (0–6 anni) e l'assistenza scolastica agli alunni con disabilità.",
      cofinancing: cents(3_544_029),
      demo: false
    }),
    new Partner({
      id: PartnerId.make("oltrepo-servizi"),
      legalName: "Oltrepò Servizi Famiglia S.r.l.",
      kind: "micro-enterprise",
      role: "partner",
      comune: "Voghera",
      description: "Servizi salva-tempo e di supporto ai caregiver (dati dimostrativi).",
      cofinancing: cents(1_000_000),
      demo: true
    }),
    new Partner({
      id: PartnerId.make("staffora-lab"),
      legalName: "Staffora Lab S.n.c.",
      kind: "small-enterprise",
      role: "partner",
      comune: "Rivanazzano Terme",
      description: "Centri estivi e attività nelle chiusure scolastiche, spazio di coworking (dati dimostrativi).",
      cofinancing: cents(1_000_000),
      demo: true
    }),
    new Partner({
      id: PartnerId.make("comune-voghera"),
      legalName: "Comune di Voghera",
      kind: "public-body",
      role: "partner",
      comune: "Voghera",
      description:
        "Armonizza il progetto con i servizi del territorio, ne promuove la conoscenza e apre le attività ai propri dipendenti.",
      cofinancing: cents(0),
      demo: false
    })
  ],
  totalCost: cents(10_544_029),
  grant: cents(5_000_000),
  startDate: LocalDate.make("2022-09-01"),
  endDate: LocalDate.make("2023-08-31")
})
