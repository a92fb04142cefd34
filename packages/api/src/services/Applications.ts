/**
 * Applications to admission rounds (domain `Admission`): services whose places go by ranking, not first
 * come, first served. An application keeps the ranking facts as they stood when the family applied (the
 * list must not move because a profile changed after the deadline); the round's list is drawn up with the
 * domain's `Ranking` whenever a family looks, so every position comes with its score line by line.
 * Another family's facts never leave this service: a family sees its own positions only.
 */
import { randomUUID } from "node:crypto"
import { Admission, Eligibility, type LocalDate, Ranking } from "@smartfam/domain"
import { Context, DateTime, Effect, Layer, Schema } from "effect"
import type { ApplicationsTable } from "../db/schema.ts"
import { Database } from "./Database.ts"
import { Conflict, NotFound } from "./errors.ts"

/** Where an application stands in its round's list, drawn up on `on`. */
export interface Standing {
  /** Provisional until the list is published (publication is the coordinator's, not yet in the API). */
  readonly status: "provisional"
  readonly on: string
  /** 1-based. */
  readonly position: number
  /** Applications in the list. */
  readonly of: number
  readonly seats: number
  // Plain types, not the domain's: the typed client's declarations must name every type they use.
  readonly outcome: "admitted" | "admitted-with-reservation" | "waiting" | "withdrawn"
  readonly priority: { readonly code: string; readonly label: string; readonly labelEn: string } | null
  readonly score: number
  readonly breakdown: ReadonlyArray<{ readonly code: string; readonly label: string; readonly labelEn: string; readonly points: number }>
  readonly tieBreaks: ReadonlyArray<{ readonly code: string; readonly label: string; readonly labelEn: string; readonly value: number | string | null }>
}

/** A document the service asks for, still to deliver. */
export interface PendingDocument {
  readonly id: string
  readonly label: string
  readonly labelEn: string
}

/** What the applicant stated (`Admission.Declarations`). */
export interface Declarations {
  readonly socialServicesReferral: boolean
  readonly disabledHouseholdMember: boolean
  readonly noFamilyNetwork: boolean
}

/** An application as its family sees it. */
export interface ApplicationView {
  readonly id: string
  readonly roundId: string
  readonly serviceId: string
  readonly childId: string
  /** Null once withdrawn: what was stated for the ranking is not kept past it. */
  readonly declarations: Declarations | null
  /** Documents still to deliver: an admitted place is "with reservation" until they arrive. */
  readonly pendingDocuments: ReadonlyArray<PendingDocument>
  readonly submittedAt: string
  readonly withdrawnAt: string | null
  readonly status: "submitted" | "withdrawn"
  /** Null once withdrawn (or when no ranking rules are in force). */
  readonly standing: Standing | null
}

export interface NewApplication {
  readonly round: Admission.Round
  readonly householdId: string
  readonly childId: string
  readonly childBirthDate: string
  readonly facts: Ranking.Facts
  readonly declarations: Admission.Declarations
  readonly pendingDocuments: ReadonlyArray<PendingDocument>
}

const encodeFacts = Schema.encodeSync(Schema.fromJsonString(Ranking.Facts))
const decodeFacts = Schema.decodeUnknownSync(Schema.fromJsonString(Ranking.Facts))
const decodeDeclarations = Schema.decodeUnknownSync(Schema.fromJsonString(Admission.Declarations))
const decodeDocuments = Schema.decodeUnknownSync(Schema.fromJsonString(Schema.Array(Eligibility.RequiredDocument)))

export class Applications extends Context.Service<
  Applications,
  {
    /** Stores an application; a live one for the same child and round is a conflict. */
    apply(input: NewApplication, now: Date, on: LocalDate.LocalDate): Effect.Effect<ApplicationView, Conflict>
    /** The household's applications, each with its standing in its round's list as drawn up on `on`. */
    ofHousehold(householdId: string, on: LocalDate.LocalDate): Effect.Effect<ReadonlyArray<ApplicationView>>
    /** The household's applications as `ofHousehold` gives them, each with the facts it was ranked on (null once withdrawn): the family's data export. */
    exportOf(householdId: string, on: LocalDate.LocalDate): Effect.Effect<ReadonlyArray<ApplicationView & { readonly facts: unknown }>>
    /** Withdraws one of the household's applications. */
    withdraw(householdId: string, applicationId: string, now: Date, on: LocalDate.LocalDate): Effect.Effect<ApplicationView, NotFound | Conflict>
  }
>()("smartfam/Applications") {
  /** Over the database, for the network's `rounds` ranked by its `rules` (every version). */
  static readonly layerSql = (rounds: ReadonlyArray<Admission.Round>, rules: ReadonlyArray<Ranking.Rules>) =>
    Layer.effect(
      Applications,
      Effect.gen(function* () {
        const { kysely } = yield* Database
        const roundById = new Map(rounds.map((r) => [r.id, r]))

        /** The round's list from its live applications, with pseudonymous keys only. */
        const listOf = async (round: Admission.Round, on: LocalDate.LocalDate) => {
          const ruleSet = Admission.rulesOf(round, rules)
          if (ruleSet === undefined) return undefined
          const rows = await kysely.selectFrom("applications").selectAll().where("round_id", "=", round.id).where("withdrawn_at", "is", null).execute()
          const applications = rows.map(
            (r): Ranking.Application => ({
              id: r.id,
              childKey: `${r.household_id}/${r.child_id}`,
              householdKey: r.household_id,
              category: round.id,
              childBirthDate: r.child_birth_date as LocalDate.LocalDate,
              submittedAt: DateTime.makeUnsafe(r.submitted_at),
              facts: decodeFacts(r.facts),
              pendingDocuments: decodeDocuments(r.pending_documents).map((d) => d.label)
            })
          )
          return { ranking: Admission.rank(round, ruleSet, applications, on), size: applications.length }
        }

        const standingIn = (list: { ranking: Ranking.Ranking; size: number } | undefined, round: Admission.Round, id: string): Standing | null => {
          const p = list === undefined ? undefined : Ranking.positionOf(list.ranking, id)
          if (list === undefined || p === undefined) return null
          return {
            status: "provisional",
            on: list.ranking.on,
            position: p.position,
            of: list.size,
            seats: round.seats,
            outcome: p.outcome,
            priority: p.priority === undefined ? null : { code: p.priority.code, label: p.priority.label, labelEn: p.priority.labelEn },
            score: p.score,
            breakdown: p.breakdown,
            tieBreaks: p.tieBreaks
          }
        }

        /** Views of rows, each round's list drawn up once. */
        const views = async (rows: ReadonlyArray<ApplicationsTable>, on: LocalDate.LocalDate): Promise<ReadonlyArray<ApplicationView>> => {
          const lists = new Map<string, Awaited<ReturnType<typeof listOf>>>()
          const out: Array<ApplicationView> = []
          for (const r of rows) {
            const round = roundById.get(r.round_id)
            let standing: Standing | null = null
            if (round !== undefined && r.withdrawn_at === null) {
              if (!lists.has(round.id)) lists.set(round.id, await listOf(round, on))
              standing = standingIn(lists.get(round.id), round, r.id)
            }
            out.push({
              id: r.id,
              roundId: r.round_id,
              serviceId: round?.serviceId ?? "",
              childId: r.child_id,
              declarations: r.withdrawn_at === null ? decodeDeclarations(r.declarations) : null,
              pendingDocuments: r.withdrawn_at === null ? decodeDocuments(r.pending_documents) : [],
              submittedAt: r.submitted_at,
              withdrawnAt: r.withdrawn_at,
              status: r.withdrawn_at === null ? "submitted" : "withdrawn",
              standing
            })
          }
          return out
        }

        const rowsOf = (householdId: string) =>
          kysely.selectFrom("applications").selectAll().where("household_id", "=", householdId).orderBy("submitted_at").orderBy("id").execute()

        const apply: Applications["Service"]["apply"] = (input, now, on) =>
          Effect.promise(async () => {
            const row: ApplicationsTable = {
              id: `a-${randomUUID()}`,
              round_id: input.round.id,
              household_id: input.householdId,
              child_id: input.childId,
              child_birth_date: input.childBirthDate,
              facts: encodeFacts(input.facts),
              declarations: JSON.stringify(input.declarations),
              pending_documents: JSON.stringify(input.pendingDocuments),
              submitted_at: now.toISOString(),
              withdrawn_at: null
            }
            // The partial unique index decides between concurrent requests, on either engine.
            const inserted = await kysely
              .insertInto("applications")
              .values(row)
              .onConflict((oc) => oc.columns(["round_id", "household_id", "child_id"]).where("withdrawn_at", "is", null).doNothing())
              .returning("id")
              .execute()
            if (inserted.length === 0) return undefined
            return (await views([row], on))[0]!
          }).pipe(
            Effect.flatMap((view) =>
              view === undefined
                ? Effect.fail(
                    new Conflict({
                      code: "already-applied",
                      message: "Hai già presentato domanda per questo bambino in questo bando: ritirala prima di presentarne un'altra (already applied)"
                    })
                  )
                : Effect.succeed(view)
            )
          )

        const ofHousehold: Applications["Service"]["ofHousehold"] = (householdId, on) => Effect.promise(async () => views(await rowsOf(householdId), on))

        const withdraw: Applications["Service"]["withdraw"] = (householdId, applicationId, now, on) =>
          Effect.promise(async () => {
            const updated = await kysely
              .updateTable("applications")
              // Withdrawn, the application leaves the list: the facts and statements it was ranked on
              // (a child's disability among them) are not kept past it.
              .set({ withdrawn_at: now.toISOString(), facts: "null", declarations: "null", pending_documents: "[]" })
              .where("id", "=", applicationId)
              .where("household_id", "=", householdId)
              .where("withdrawn_at", "is", null)
              .executeTakeFirst()
            const row = await kysely.selectFrom("applications").selectAll().where("id", "=", applicationId).where("household_id", "=", householdId).executeTakeFirst()
            if (row === undefined) return "missing" as const
            if (Number(updated.numUpdatedRows) === 0) return "withdrawn" as const
            return (await views([row], on))[0]!
          }).pipe(
            Effect.flatMap((r): Effect.Effect<ApplicationView, NotFound | Conflict> => {
              if (r === "missing") return Effect.fail(new NotFound({ resource: "application", id: applicationId }))
              if (r === "withdrawn") return Effect.fail(new Conflict({ code: "already-withdrawn", message: "Questa domanda è già stata ritirata (already withdrawn)" }))
              return Effect.succeed(r)
            })
          )

        const exportOf: Applications["Service"]["exportOf"] = (householdId, on) =>
          Effect.promise(async () => {
            const rows = await rowsOf(householdId)
            return (await views(rows, on)).map((v, i) => ({ ...v, facts: JSON.parse(rows[i]!.facts) as unknown }))
          })

        return Applications.of({ apply, ofHousehold, withdraw, exportOf })
      })
    )
}
