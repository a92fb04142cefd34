/**
 * The Smartfam Voghera 2022-23 catalogue and its eligibility rule sets, as plain data (the encoded form
 * `Service.decodeCatalogue` and `Eligibility.decodeRuleSet` read). `Service.smartfamVoghera` and
 * `Eligibility.smartfamVoghera` are these values decoded.
 *
 * Kinds, providers and intervention areas follow the project's description (DOMAIN.md §1). Hours, fees,
 * capacities, ISEE caps, contacts and page texts are INVENTED for demonstration: every service and every
 * rule set says `demo: true`. Contacts use the reserved `.example` domain.
 */
import type { RuleSet } from "../Eligibility.ts"
import type { Catalogue } from "../Service.ts"

type RuleSetData = typeof RuleSet.Encoded
type CatalogueData = typeof Catalogue.Encoded
type ServiceData = CatalogueData["services"][number]

const ambito = "ambito-voghera-oltrepo"
const voghera = "018182"

/** Employees of a partner firm, Comune staff (when the project admits them), families resident in the Ambito. */
const recipients = {
  kind: "any",
  label: "destinatari",
  of: [{ kind: "partner-employee" }, { kind: "comune-employee" }, { kind: "residence", group: ambito }]
} as const

/** Workers only: employees of a partner firm or of the Comune (corporate-welfare services). */
const workers = {
  kind: "any",
  label: "lavoratori",
  of: [{ kind: "partner-employee" }, { kind: "comune-employee" }]
} as const

const vaccinations = {
  kind: "documents",
  required: [
    { id: "certificato-vaccinale", label: "certificato vaccinale", labelEn: "vaccination certificate" }
  ]
} as const

const period = { validFrom: "2022-09-01", validTo: "2023-08-31" } as const

/** The rule sets the catalogue's services name in `eligibility`. */
export const ruleSets: ReadonlyArray<RuleSetData> = [
  {
    id: "smartfam-nido",
    version: 1,
    title: "Nido: bambini da 3 a 36 mesi di famiglie destinatarie, in regola con le vaccinazioni",
    ...period,
    rule: { kind: "all", of: [recipients, { kind: "child-age", minMonths: 3, maxMonths: 36 }, vaccinations] },
    demo: true
  },
  {
    id: "smartfam-infanzia",
    version: 1,
    title:
      "Scuola dell'infanzia: bambini da 3 a 6 anni di famiglie destinatarie, in regola con le vaccinazioni",
    ...period,
    rule: {
      kind: "all",
      of: [recipients, { kind: "child-age", minMonths: 36, maxMonths: 72 }, vaccinations]
    },
    demo: true
  },
  {
    id: "smartfam-centro-estivo",
    version: 1,
    title:
      "Centro estivo: bambini da 6 a 12 anni di famiglie destinatarie, nei giorni di chiusura della primaria",
    ...period,
    rule: {
      kind: "all",
      of: [
        recipients,
        { kind: "child-age", minMonths: 72, maxMonths: 144 },
        { kind: "closure-day", level: "primaria" }
      ]
    },
    demo: true
  },
  {
    id: "smartfam-chiusure",
    version: 1,
    title: "Accoglienza gratuita nelle chiusure scolastiche: bambini da 6 a 12 anni, ISEE fino a € 20.000,00",
    ...period,
    rule: {
      kind: "all",
      of: [
        recipients,
        { kind: "child-age", minMonths: 72, maxMonths: 144 },
        { kind: "closure-day", level: "primaria" },
        { kind: "isee-max", maxCents: 2_000_000 }
      ]
    },
    demo: true,
    note: "Tetto ISEE sul modello di «Nidi Gratis» 2022/23 (€ 20.000,00): dato dimostrativo"
  },
  {
    id: "smartfam-post-scuola",
    version: 1,
    title: "Post-scuola: alunni della primaria (6–12 anni) di famiglie destinatarie",
    ...period,
    rule: { kind: "all", of: [recipients, { kind: "child-age", minMonths: 72, maxMonths: 144 }] },
    demo: true
  },
  {
    id: "smartfam-famiglie",
    version: 1,
    title: "Servizi per gli adulti delle famiglie destinatarie",
    ...period,
    rule: { kind: "all", of: [recipients] },
    demo: true
  },
  {
    id: "smartfam-lavoratori",
    version: 1,
    title: "Servizi di welfare aziendale: dipendenti delle imprese partner e, se ammessi, del Comune",
    ...period,
    rule: { kind: "all", of: [workers] },
    demo: true
  },
  {
    id: "rete-alunni-disabili",
    version: 1,
    title:
      "Assistenza scolastica: alunni da 3 a 14 anni residenti nell'Ambito con certificazione L. 104/1992",
    validFrom: "2022-09-01",
    rule: {
      kind: "all",
      of: [
        { kind: "residence", group: ambito },
        { kind: "child-age", minMonths: 36, maxMonths: 168 },
        {
          kind: "documents",
          required: [
            {
              id: "certificazione-104",
              label: "certificazione L. 104/1992",
              labelEn: "certification under Law 104/1992"
            }
          ]
        }
      ]
    },
    demo: true
  },
  {
    id: "rete-residenti",
    version: 1,
    title: "Servizi della rete locale per i residenti nell'Ambito",
    validFrom: "2022-09-01",
    rule: { kind: "all", of: [{ kind: "residence", group: ambito }] },
    demo: true
  }
]

const contacts = (what: string, email: string, phone: string) => ({
  it: `${what}: ${email}, tel. ${phone} (recapiti dimostrativi)`,
  en: `${what}: ${email}, phone ${phone} (demo contacts)`
})

const applyOnPortal = {
  it: "Si fa domanda sul portale Smartfam con SPID o CIE: il portale chiede solo i dati che servono per la verifica.",
  en: "Apply on the Smartfam portal with SPID or CIE: it asks only for the data the check needs."
}

const recipientsText = {
  it: "Dipendenti delle imprese partner del progetto e le loro famiglie, dipendenti del Comune di Voghera, famiglie residenti nell'Ambito di Voghera e Comunità Montana Oltrepò Pavese.",
  en: "Employees of the project's partner firms and their families, Comune di Voghera staff, families resident in the Ambito of Voghera and Comunità Montana Oltrepò Pavese."
}

const workersText = {
  it: "Dipendenti delle imprese partner del progetto e dipendenti del Comune di Voghera.",
  en: "Employees of the project's partner firms and Comune di Voghera staff."
}

const projectFunding = ["regional-grant", "partner-cofinancing"] as const

const services: ReadonlyArray<ServiceData> = [
  {
    id: "nido-cresciamo",
    name: { it: "Nido CresciAmo con orario prolungato", en: "CresciAmo nursery with extended hours" },
    summary: {
      it: "Nido per bambini da 3 a 36 mesi aperto fino alle 18:30, per chi lavora su turni o fino a sera.",
      en: "Nursery for children from 3 to 36 months, open until 18:30 for parents working shifts or late."
    },
    kind: "nido",
    provider: { partnerId: "cresciamo", name: "CresciAmo Società Cooperativa Sociale" },
    area: "care-services-access",
    target: { kind: "child", minMonths: 3, maxMonths: 36 },
    location: voghera,
    capacity: 12,
    fees: {
      unit: "month",
      bands: [
        { maxIsee: 1_000_000, amount: 15_000 },
        { maxIsee: 2_000_000, amount: 25_000 },
        { maxIsee: 3_000_000, amount: 38_000 },
        { amount: 48_000 }
      ]
    },
    fundingSources: [...projectFunding, "family-fees"],
    schedule: {
      kind: "recurring",
      weekdays: [1, 2, 3, 4, 5],
      start: "07:30",
      end: "18:30",
      from: "2022-09-05",
      to: "2023-07-28"
    },
    eligibility: "smartfam-nido",
    page: {
      whoFor: recipientsText,
      howToApply: applyOnPortal,
      whatYouNeed: {
        it: "Codice fiscale del genitore e del bambino, certificato vaccinale, ISEE in corso di validità (facoltativo)."
      },
      whatYouGet: {
        it: "Un posto al nido dalle 7:30 alle 18:30, pasti compresi, con educatrici qualificate."
      },
      timesAndDeadlines: {
        it: "Da settembre 2022 a luglio 2023, dal lunedì al venerdì. Domande aperte tutto l'anno fino a esaurimento posti."
      },
      conditions: { it: "Retta mensile secondo la fascia ISEE; senza ISEE si applica la fascia più alta." },
      contacts: contacts("Segreteria del nido", "nido@cresciamo.example", "0383 000001")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "infanzia-cresciamo",
    name: {
      it: "Scuola dell'infanzia CresciAmo: pre e post orario",
      en: "CresciAmo pre-school: early and late hours"
    },
    summary: {
      it: "Scuola dell'infanzia per bambini da 3 a 6 anni con ingresso anticipato e uscita posticipata."
    },
    kind: "infanzia",
    provider: { partnerId: "cresciamo", name: "CresciAmo Società Cooperativa Sociale" },
    area: "care-services-access",
    target: { kind: "child", minMonths: 36, maxMonths: 72 },
    location: voghera,
    capacity: 20,
    fees: { unit: "month", bands: [{ maxIsee: 1_500_000, amount: 9_000 }, { amount: 16_000 }] },
    fundingSources: [...projectFunding, "family-fees"],
    schedule: {
      kind: "recurring",
      weekdays: [1, 2, 3, 4, 5],
      start: "07:30",
      end: "18:00",
      from: "2022-09-05",
      to: "2023-06-30"
    },
    eligibility: "smartfam-infanzia",
    page: {
      whoFor: recipientsText,
      howToApply: applyOnPortal,
      whatYouNeed: { it: "Codice fiscale del genitore e del bambino, certificato vaccinale." },
      whatYouGet: { it: "Accoglienza dalle 7:30 e uscita fino alle 18:00 oltre l'orario scolastico." },
      timesAndDeadlines: { it: "Dal 5 settembre 2022 al 30 giugno 2023, dal lunedì al venerdì." },
      conditions: { it: "Retta mensile secondo la fascia ISEE; senza ISEE si applica la fascia più alta." },
      contacts: contacts("Segreteria della scuola", "infanzia@cresciamo.example", "0383 000002")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "centro-estivo-staffora",
    name: { it: "Centro estivo Staffora Lab", en: "Staffora Lab summer camp" },
    summary: { it: "Centro estivo per bambini della scuola primaria nei giorni di chiusura estiva." },
    kind: "closure-childcare",
    provider: { partnerId: "staffora-lab", name: "Staffora Lab S.n.c." },
    area: "care-services-access",
    target: { kind: "child", minMonths: 72, maxMonths: 144 },
    location: voghera,
    capacity: 30,
    fees: { unit: "week", bands: [{ maxIsee: 2_000_000, amount: 4_000 }, { amount: 8_000 }] },
    fundingSources: [...projectFunding, "family-fees"],
    schedule: {
      kind: "closure-only",
      level: "primaria",
      start: "08:00",
      end: "17:00",
      from: "2023-06-09",
      to: "2023-08-31"
    },
    eligibility: "smartfam-centro-estivo",
    page: {
      whoFor: recipientsText,
      howToApply: applyOnPortal,
      whatYouNeed: { it: "Codice fiscale del genitore e del bambino; ISEE per la tariffa ridotta." },
      whatYouGet: { it: "Giornate di gioco, sport e laboratori dalle 8:00 alle 17:00, pranzo compreso." },
      timesAndDeadlines: {
        it: "Dalla fine della scuola (9 giugno 2023) al 31 agosto 2023, nei giorni feriali. Iscrizioni entro il 15 maggio 2023."
      },
      conditions: {
        it: "Quota settimanale secondo la fascia ISEE; senza ISEE si applica la fascia più alta."
      },
      contacts: contacts("Staffora Lab", "estate@staffora.example", "0383 000003")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "chiusure-scolastiche",
    name: { it: "Accoglienza nelle chiusure scolastiche", en: "Care on school-closure days" },
    summary: {
      it: "Accoglienza gratuita dei bambini della primaria a Natale, Carnevale, Pasqua e nei ponti."
    },
    kind: "closure-childcare",
    provider: { partnerId: "cresciamo", name: "CresciAmo Società Cooperativa Sociale" },
    area: "care-services-access",
    target: { kind: "child", minMonths: 72, maxMonths: 144 },
    location: voghera,
    capacity: 25,
    fees: { unit: "day", bands: [{ amount: 0 }] },
    fundingSources: [...projectFunding],
    schedule: {
      kind: "closure-only",
      level: "primaria",
      start: "07:45",
      end: "17:30",
      from: "2022-09-01",
      to: "2023-06-08"
    },
    eligibility: "smartfam-chiusure",
    page: {
      whoFor: { it: `${recipientsText.it} Con ISEE fino a € 20.000,00.` },
      howToApply: applyOnPortal,
      whatYouNeed: { it: "Codice fiscale del genitore e del bambino, ISEE in corso di validità." },
      whatYouGet: {
        it: "Una giornata di accoglienza con pranzo nei giorni in cui la scuola è chiusa ma si lavora."
      },
      timesAndDeadlines: {
        it: "Nei giorni di chiusura del calendario scolastico 2022/23; prenotazione entro 5 giorni prima."
      },
      conditions: { it: "Gratuito per ISEE fino a € 20.000,00." },
      contacts: contacts("Coordinamento CresciAmo", "chiusure@cresciamo.example", "0383 000004")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "post-scuola",
    name: { it: "Post-scuola", en: "After-school care" },
    summary: { it: "Compiti e gioco dopo la scuola primaria, fino alle 18:30." },
    kind: "pre-post-school",
    provider: { partnerId: "cresciamo", name: "CresciAmo Società Cooperativa Sociale" },
    area: "care-services-access",
    target: { kind: "child", minMonths: 72, maxMonths: 144 },
    location: voghera,
    capacity: 20,
    fees: { unit: "month", bands: [{ maxIsee: 1_500_000, amount: 3_000 }, { amount: 6_000 }] },
    fundingSources: [...projectFunding, "family-fees"],
    schedule: {
      kind: "recurring",
      weekdays: [1, 2, 3, 4, 5],
      start: "16:30",
      end: "18:30",
      from: "2022-09-12",
      to: "2023-06-08"
    },
    eligibility: "smartfam-post-scuola",
    page: {
      whoFor: recipientsText,
      howToApply: applyOnPortal,
      whatYouNeed: { it: "Codice fiscale del genitore e del bambino." },
      whatYouGet: { it: "Assistenza ai compiti e attività dalle 16:30 alle 18:30." },
      timesAndDeadlines: { it: "Nei giorni di scuola dal 12 settembre 2022 all'8 giugno 2023." },
      conditions: { it: "Quota mensile secondo la fascia ISEE; senza ISEE si applica la fascia più alta." },
      contacts: contacts("Coordinamento CresciAmo", "postscuola@cresciamo.example", "0383 000005")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "sportello-caregiver",
    name: { it: "Sportello per i caregiver familiari", en: "Family caregiver desk" },
    summary: { it: "Ascolto, orientamento e piccoli aiuti per chi assiste un familiare anziano o fragile." },
    kind: "caregiver-support",
    provider: { partnerId: "oltrepo-servizi", name: "Oltrepò Servizi Famiglia S.r.l." },
    area: "intergenerational-conciliation",
    target: { kind: "adult" },
    location: voghera,
    capacity: 6,
    fees: { unit: "session", bands: [{ amount: 0 }] },
    fundingSources: [...projectFunding],
    schedule: {
      kind: "recurring",
      weekdays: [2, 4],
      start: "14:00",
      end: "18:00",
      from: "2022-09-06",
      to: "2023-08-31"
    },
    eligibility: "smartfam-famiglie",
    page: {
      whoFor: recipientsText,
      howToApply: { it: "Si prenota un colloquio sul portale Smartfam o per telefono." },
      whatYouNeed: { it: "Codice fiscale." },
      whatYouGet: {
        it: "Un colloquio con un'operatrice, informazioni sui servizi per anziani e il supporto di un gruppo di auto-aiuto."
      },
      timesAndDeadlines: { it: "Martedì e giovedì dalle 14:00 alle 18:00, su appuntamento." },
      conditions: { it: "Gratuito." },
      contacts: contacts("Oltrepò Servizi Famiglia", "caregiver@oltrepo-servizi.example", "0383 000006")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "salva-tempo",
    name: { it: "Salva-tempo: lavanderia e commissioni", en: "Time saver: laundry and errands" },
    summary: { it: "Ritiro e consegna del bucato e piccole commissioni sul luogo di lavoro." },
    kind: "time-saving",
    provider: { partnerId: "oltrepo-servizi", name: "Oltrepò Servizi Famiglia S.r.l." },
    area: "time-saving",
    target: { kind: "adult" },
    location: voghera,
    capacity: 15,
    fees: { unit: "session", bands: [{ maxIsee: 2_000_000, amount: 500 }, { amount: 1_000 }] },
    fundingSources: [...projectFunding, "family-fees"],
    schedule: {
      kind: "recurring",
      weekdays: [1, 3, 5],
      start: "09:00",
      end: "13:00",
      from: "2022-09-05",
      to: "2023-08-31"
    },
    eligibility: "smartfam-lavoratori",
    page: {
      whoFor: workersText,
      howToApply: { it: "Si prenota il ritiro sul portale Smartfam entro le 18:00 del giorno prima." },
      whatYouNeed: { it: "Codice fiscale e conferma dell'impiego da parte del datore di lavoro." },
      whatYouGet: { it: "Ritiro e riconsegna in azienda del bucato lavato e stirato; commissioni in città." },
      timesAndDeadlines: { it: "Lunedì, mercoledì e venerdì dalle 9:00 alle 13:00." },
      conditions: {
        it: "Quota per ritiro secondo la fascia ISEE; senza ISEE si applica la fascia più alta."
      },
      contacts: contacts("Oltrepò Servizi Famiglia", "salvatempo@oltrepo-servizi.example", "0383 000007")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "sportello-dipendenti",
    name: { it: "Sportello informativo per i dipendenti", en: "Employee information desk" },
    summary: { it: "Informazioni e orientamento su congedi, servizi per la famiglia e welfare aziendale." },
    kind: "information-desk",
    provider: { partnerId: "cresciamo", name: "CresciAmo Società Cooperativa Sociale" },
    area: "information-desk",
    target: { kind: "adult" },
    location: voghera,
    capacity: 4,
    fees: { unit: "session", bands: [{ amount: 0 }] },
    fundingSources: [...projectFunding],
    schedule: {
      kind: "recurring",
      weekdays: [1, 3],
      start: "09:00",
      end: "13:00",
      from: "2022-09-05",
      to: "2023-08-31"
    },
    eligibility: "smartfam-lavoratori",
    page: {
      whoFor: workersText,
      howToApply: { it: "Si prenota un appuntamento sul portale Smartfam, anche in videochiamata." },
      whatYouNeed: { it: "Nessun documento per il primo colloquio." },
      whatYouGet: { it: "Un colloquio su congedi parentali, permessi, servizi della rete e agevolazioni." },
      timesAndDeadlines: { it: "Lunedì e mercoledì dalle 9:00 alle 13:00." },
      conditions: { it: "Gratuito." },
      contacts: contacts("Sportello Smartfam", "sportello@cresciamo.example", "0383 000008")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "coworking-staffora",
    name: { it: "Coworking Staffora Lab", en: "Staffora Lab coworking" },
    summary: { it: "Postazioni di lavoro vicino a casa per chi lavora in modalità agile." },
    kind: "flexible-work-coworking",
    provider: { partnerId: "staffora-lab", name: "Staffora Lab S.n.c." },
    area: "flexibility-coworking",
    target: { kind: "adult" },
    location: voghera,
    capacity: 8,
    fees: { unit: "day", bands: [{ amount: 0 }] },
    fundingSources: [...projectFunding],
    schedule: {
      kind: "recurring",
      weekdays: [1, 2, 3, 4, 5],
      start: "08:30",
      end: "18:30",
      from: "2022-09-05",
      to: "2023-08-31"
    },
    eligibility: "smartfam-lavoratori",
    page: {
      whoFor: workersText,
      howToApply: { it: "Si prenota la postazione sul portale Smartfam." },
      whatYouNeed: { it: "Accordo di lavoro agile con il proprio datore di lavoro." },
      whatYouGet: { it: "Una postazione con connessione, stampante e sala riunioni su prenotazione." },
      timesAndDeadlines: { it: "Dal lunedì al venerdì dalle 8:30 alle 18:30." },
      conditions: { it: "Gratuito per i destinatari del progetto." },
      contacts: contacts("Staffora Lab", "coworking@staffora.example", "0383 000009")
    },
    funded: true,
    network: "project",
    demo: true
  },
  {
    id: "assistenza-alunni-disabili",
    name: {
      it: "Assistenza educativa scolastica agli alunni con disabilità",
      en: "School assistance for disabled pupils"
    },
    summary: {
      it: "Servizio comunale di assistenza in classe, affidato a CresciAmo: non finanziato dal progetto."
    },
    kind: "disabled-pupil-assistance",
    provider: {
      partnerId: "cresciamo",
      name: "Comune di Voghera, gestito da CresciAmo Società Cooperativa Sociale"
    },
    area: "care-services-access",
    target: { kind: "child", minMonths: 36, maxMonths: 168 },
    location: voghera,
    capacity: 0,
    fees: { unit: "month", bands: [{ amount: 0 }] },
    fundingSources: ["comune"],
    schedule: {
      kind: "recurring",
      weekdays: [1, 2, 3, 4, 5],
      start: "08:00",
      end: "16:00",
      from: "2022-09-12",
      to: "2023-06-08"
    },
    eligibility: "rete-alunni-disabili",
    page: {
      whoFor: { it: "Alunni con certificazione ai sensi della L. 104/1992 residenti nell'Ambito." },
      howToApply: {
        it: "La richiesta si presenta alla scuola, che la inoltra ai Servizi sociali del Comune."
      },
      whatYouNeed: { it: "Certificazione L. 104/1992 e profilo di funzionamento." },
      whatYouGet: {
        it: "Un'educatrice in classe per le ore stabilite nel piano educativo individualizzato."
      },
      timesAndDeadlines: { it: "Per tutto l'anno scolastico." },
      conditions: { it: "Gratuito." },
      contacts: contacts(
        "Servizi sociali del Comune di Voghera",
        "servizisociali@comune-voghera.example",
        "0383 000010"
      )
    },
    funded: false,
    network: "local",
    demo: true
  },
  {
    id: "assistenza-domiciliare",
    name: { it: "Servizio di assistenza domiciliare (SAD)", en: "Home care service" },
    summary: {
      it: "Aiuto a domicilio per anziani e persone fragili: servizio della rete locale, non finanziato dal progetto."
    },
    kind: "caregiver-support",
    provider: { name: "Servizi sociali del Comune di Voghera" },
    area: "intergenerational-conciliation",
    target: { kind: "adult" },
    location: voghera,
    capacity: 0,
    fees: {
      unit: "hour",
      bands: [{ maxIsee: 1_000_000, amount: 0 }, { maxIsee: 2_500_000, amount: 800 }, { amount: 1_800 }]
    },
    fundingSources: ["comune", "family-fees"],
    schedule: {
      kind: "recurring",
      weekdays: [1, 2, 3, 4, 5, 6],
      start: "08:00",
      end: "14:00",
      from: "2022-09-01",
      to: "2023-08-31"
    },
    eligibility: "rete-residenti",
    page: {
      whoFor: { it: "Anziani e persone fragili residenti nell'Ambito, e i familiari che li assistono." },
      howToApply: { it: "Si chiede un colloquio ai Servizi sociali del Comune di residenza." },
      whatYouNeed: { it: "Documento d'identità, ISEE socio-sanitario per la tariffa ridotta." },
      whatYouGet: { it: "Ore di assistenza a domicilio per l'igiene, i pasti e le commissioni." },
      timesAndDeadlines: { it: "Dal lunedì al sabato, secondo il piano concordato." },
      conditions: { it: "Tariffa oraria secondo l'ISEE; senza ISEE si applica la fascia più alta." },
      contacts: contacts(
        "Servizi sociali del Comune di Voghera",
        "servizisociali@comune-voghera.example",
        "0383 000010"
      )
    },
    funded: false,
    network: "local",
    demo: true
  }
]

/** The catalogue, encoded. */
export const catalogue: CatalogueData = {
  id: "smartfam-voghera-2022",
  projectId: "smartfam-voghera-2022",
  title: "Catalogo dei servizi Smartfam Voghera 2022-23 e della rete locale",
  validFrom: "2022-09-01",
  validTo: "2023-08-31",
  services
}
