/**
 * The data this deployment's network runs on, in one place: another Lombardy project runs the same API
 * by changing these references (all of them are data in @smartfam/domain), not the code.
 */
import { Admission, Calendar, Eligibility, Fixtures, Ranking, Service } from "@smartfam/domain"

export const network = {
  project: Fixtures.smartfamVoghera,
  catalogue: Service.smartfamVoghera,
  ruleSets: Eligibility.smartfamVoghera,
  calendar: Calendar.voghera,
  settings: Fixtures.smartfamVogheraSettings,
  /** Admission rounds (places allotted by ranking) and the ranking rules they name. */
  admissions: Admission.smartfamVoghera,
  rankingRules: [Ranking.vogheraRules]
} as const

export type Network = typeof network
