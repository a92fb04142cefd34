/**
 * Fast test families: an account, a live session and a household written straight into the database
 * (hashing 200 passwords with argon2 would only slow the concurrency tests down; the auth tests cover
 * registration and login).
 */
import crypto from "node:crypto"
import { Household, LocalDate, Person, Territory } from "@smartfam/domain"
import { Effect, Schema } from "effect"
import type { AppRuntime } from "../src/runtime.ts"
import { newToken, tokenId } from "../src/services/Accounts.ts"
import { Database } from "../src/services/Database.ts"
import { Households } from "../src/services/Households.ts"

export interface TestFamily {
  readonly accountId: string
  readonly cookie: string
  readonly householdId: string
  readonly childId: string
}

const VOGHERA = "018182"

/** A household with one child born on `birthDate`, the parent employed by a partner firm, living in Voghera. */
export const householdOf = (id: string, n: number, birthDate = "2016-05-10") =>
  Schema.decodeUnknownSync(Household.Household)({
    id,
    adults: [
      {
        codiceFiscale: Person.make({ surname: `Test${n}`, name: "Parent", sex: n % 2 === 0 ? "F" : "M", birthDate: LocalDate.make("1985-01-15"), birthPlace: Territory.BelfioreCode.make("M109") }),
        sex: n % 2 === 0 ? "F" : "M",
        employer: { name: "Oltrepò Servizi Famiglia S.r.l.", partnerId: "oltrepo-servizi", confirmed: true },
        comuneEmployee: false,
        weeklyHours: 36,
        residence: VOGHERA
      }
    ],
    children: [{ id: "c1", name: `Bimbo ${n}`, birthDate, disability104: false }],
    singleParent: false,
    consents: []
  })

/** Creates `count` verified families with a household each; returns their cookies. */
export const families = async (runtime: AppRuntime, count: number, prefix = "f", birthDate?: string): Promise<ReadonlyArray<TestFamily>> =>
  runtime.runPromise(
    Effect.gen(function* () {
      const { kysely } = yield* Database
      const households = yield* Households
      const out: Array<TestFamily> = []
      for (let n = 0; n < count; n++) {
        const accountId = `${prefix}-${crypto.randomUUID()}`
        const token = newToken()
        yield* Effect.promise(async () => {
          await kysely
            .insertInto("accounts")
            .values({ id: accountId, email: `${accountId}@test.example`, password_hash: null, email_verified_at: "2023-01-01T00:00:00.000Z", role: "family", partner_id: null, oidc_subject: null, display_name: null, created_at: "2023-01-01T00:00:00.000Z" })
            .execute()
          await kysely.insertInto("auth_sessions").values({ id: tokenId(token), account_id: accountId, created_at: "2023-01-01T00:00:00.000Z", expires_at: "2099-01-01T00:00:00.000Z" }).execute()
        })
        const householdId = `h-${crypto.randomUUID()}`
        yield* households.save(accountId, householdOf(householdId, n, birthDate))
        out.push({ accountId, cookie: `smartfam_session=${token}`, householdId, childId: "c1" })
      }
      return out
    })
  )
