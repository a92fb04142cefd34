/**
 * The demo's accounts, created by `seed`: staff for each role and two families, all verified, all with the
 * same documented password (README, demo section). Seeding again leaves existing accounts as they are.
 */
import { Fixtures } from "@smartfam/domain"
import { Effect } from "effect"
import type { Role } from "./schema.ts"
import { Accounts, type StaffRole } from "../services/Accounts.ts"

/** The password of every demo account. Demo only: never seed it on a real deployment. */
export const DEMO_PASSWORD = "smartfam-demo"

export interface DemoAccount {
  readonly email: string
  readonly role: Role
  readonly partnerId?: string
  readonly displayName: string
}

const project = Fixtures.smartfamVoghera
const capofila = project.partners.find((p) => p.role === "capofila")
const comune = project.partners.find((p) => p.kind === "public-body")

/** Coordinator, an operator per non-public partner, the Comune officer, an admin, two families. */
export const demoAccounts: ReadonlyArray<DemoAccount> = [
  {
    email: "coordinamento@smartfam.example",
    role: "coordinator",
    ...(capofila ? { partnerId: capofila.id } : {}),
    displayName: "Coordinamento CresciAmo"
  },
  ...project.partners
    .filter((p) => p.kind !== "public-body")
    .map((p) => ({
      email: `operatore.${p.id}@smartfam.example`,
      role: "operator" as const,
      partnerId: p.id,
      displayName: `Operatore ${p.legalName}`
    })),
  {
    email: "comune@smartfam.example",
    role: "comune",
    ...(comune ? { partnerId: comune.id } : {}),
    displayName: "Ufficio Politiche Sociali, Comune di Voghera"
  },
  { email: "admin@smartfam.example", role: "admin", displayName: "Amministrazione Smartfam" },
  { email: "famiglia.rossi@smartfam.example", role: "family", displayName: "Giulia Rossi" },
  { email: "famiglia.bianchi@smartfam.example", role: "family", displayName: "Marco Bianchi" },
  { email: "famiglia.ferrari@smartfam.example", role: "family", displayName: "Elena Ferrari" }
]

/** Creates the demo accounts that do not exist yet; returns the emails created. */
export const seedAccounts = Effect.gen(function* () {
  const accounts = yield* Accounts
  const created: Array<string> = []
  for (const a of demoAccounts) {
    const input = { email: a.email, password: DEMO_PASSWORD, displayName: a.displayName }
    const result = yield* Effect.result(
      a.role === "family"
        ? accounts.createFamily(input)
        : accounts.createStaff({
            ...input,
            role: a.role as StaffRole,
            ...(a.partnerId === undefined ? {} : { partnerId: a.partnerId })
          })
    )
    if (result._tag === "Success") created.push(a.email)
    else if (result.failure._tag !== "Conflict") return yield* Effect.die(result.failure)
  }
  return created
})
