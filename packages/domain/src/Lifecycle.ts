/**
 * A project's lifecycle: its states and the guarded transitions between them.
 *
 *   draft → submitted → approved | rejected;  approved → funded → agreement-signed → running → closed → reported
 *
 * Submission is accepted only before the call's deadline instant; the partnership agreement (which the
 * Comune signs) only once the project is approved and funded; the project runs only within its period.
 * Time is always a parameter. Illegal transitions fail with tagged errors carrying a code and Italian text.
 *
 * @example
 * const r = Lifecycle.submit(Lifecycle.initial, { at, deadline: Call.lombardia2022.window.deadline })
 * // Success(state "submitted") or Failure(DeadlinePassed)
 */
import { DateTime, Result, Schema } from "effect"
import { LocalDate } from "./LocalDate.ts"

/** The states of a project. */
export const Status = Schema.Literals([
  "draft",
  "submitted",
  "approved",
  "rejected",
  "funded",
  "agreement-signed",
  "running",
  "closed",
  "reported"
])
/** A state of a project. */
export type Status = typeof Status.Type

/** Which states each state may move to: the machine as data. */
export const transitions: Record<Status, ReadonlyArray<Status>> = {
  draft: ["submitted"],
  submitted: ["approved", "rejected"],
  approved: ["funded"],
  rejected: [],
  funded: ["agreement-signed"],
  "agreement-signed": ["running"],
  running: ["closed"],
  closed: ["reported"],
  reported: []
}

/** Italian names of the states. */
export const statusLabel: Record<Status, string> = {
  draft: "bozza",
  submitted: "presentato",
  approved: "approvato",
  rejected: "non ammesso",
  funded: "finanziato",
  "agreement-signed": "accordo di partenariato firmato",
  running: "in corso",
  closed: "concluso",
  reported: "rendicontato"
}

/** One step taken: from, to, and the instant it happened. */
export const Step = Schema.Struct({ from: Status, to: Status, at: Schema.DateTimeUtcFromString })
/** One step taken. */
export type Step = typeof Step.Type

/** Where a project stands, with the steps that brought it there. */
export class State extends Schema.Class<State>("LifecycleState")({
  status: Status,
  history: Schema.Array(Step)
}) {}

/** A new project: a draft with no history. */
export const initial: State = new State({ status: "draft", history: [] })

/** The move is not allowed from the current state; `code` says why, `message` says it in Italian. */
export class InvalidTransition extends Schema.TaggedError<InvalidTransition>()("InvalidTransition", {
  from: Status,
  to: Status,
  code: Schema.Literals(["not-allowed", "agreement-before-funding", "already-final"]),
  message: Schema.String
}) {}

/** Submission came at or after the deadline instant. */
export class DeadlinePassed extends Schema.TaggedError<DeadlinePassed>()("DeadlinePassed", {
  at: Schema.DateTimeUtcFromString,
  deadline: Schema.DateTimeUtcFromString,
  code: Schema.Literal("deadline-passed"),
  message: Schema.String
}) {}

/** The project is started before its start date, or closed before its end date. */
export class OutsidePeriod extends Schema.TaggedError<OutsidePeriod>()("OutsidePeriod", {
  to: Status,
  date: LocalDate,
  start: LocalDate,
  end: LocalDate,
  code: Schema.Literals(["before-start", "after-end", "before-end"]),
  message: Schema.String
}) {}

/** Any reason a transition fails. */
export type LifecycleError = InvalidTransition | DeadlinePassed | OutsidePeriod

/** Whether the machine allows `from → to` at all (guards aside). */
export const canMove = (from: Status, to: Status): boolean => transitions[from].includes(to)

/** The local date of an instant in a zone (default Europe/Rome). */
export const localDate = (at: DateTime.DateTime, zone = "Europe/Rome"): LocalDate =>
  DateTime.formatIsoDate(DateTime.setZoneNamedUnsafe(at, zone)) as LocalDate

const romeTime = (at: DateTime.DateTime): string =>
  DateTime.formatIsoZoned(DateTime.setZoneNamedUnsafe(at, "Europe/Rome")).slice(0, 16).replace("T", " ")

const move = (state: State, to: Status, at: DateTime.DateTime): Result.Result<State, InvalidTransition> => {
  if (!canMove(state.status, to)) {
    const final = transitions[state.status].length === 0
    const agreement = to === "agreement-signed" && (state.status === "submitted" || state.status === "approved")
    return Result.fail(
      new InvalidTransition({
        from: state.status,
        to,
        code: agreement ? "agreement-before-funding" : final ? "already-final" : "not-allowed",
        message: agreement
          ? `L'accordo di partenariato si firma solo dopo l'approvazione e il finanziamento del progetto: ora è "${statusLabel[state.status]}"`
          : final
            ? `Il progetto è "${statusLabel[state.status]}": non può più cambiare stato`
            : `Un progetto "${statusLabel[state.status]}" non può passare a "${statusLabel[to]}"`
      })
    )
  }
  return Result.succeed(
    new State({ status: to, history: [...state.history, { from: state.status, to, at: DateTime.toUtc(at) }] })
  )
}

/** draft → submitted, only strictly before the deadline instant (the call's `window.deadline`). */
export const submit = (
  state: State,
  options: { readonly at: DateTime.DateTime; readonly deadline: DateTime.DateTime }
): Result.Result<State, InvalidTransition | DeadlinePassed> => {
  if (canMove(state.status, "submitted") && DateTime.isGreaterThanOrEqualTo(options.at, options.deadline)) {
    return Result.fail(
      new DeadlinePassed({
        at: DateTime.toUtc(options.at),
        deadline: DateTime.toUtc(options.deadline),
        code: "deadline-passed",
        message: `Domanda presentata il ${romeTime(options.at)}: il termine era il ${romeTime(options.deadline)} (ora di Roma)`
      })
    )
  }
  return move(state, "submitted", options.at)
}

/** submitted → approved. */
export const approve = (state: State, at: DateTime.DateTime): Result.Result<State, InvalidTransition> =>
  move(state, "approved", at)

/** submitted → rejected (final). */
export const reject = (state: State, at: DateTime.DateTime): Result.Result<State, InvalidTransition> =>
  move(state, "rejected", at)

/** approved → funded. */
export const fund = (state: State, at: DateTime.DateTime): Result.Result<State, InvalidTransition> => move(state, "funded", at)

/** funded → agreement-signed: the Comune signs only after approval and funding. */
export const signAgreement = (state: State, at: DateTime.DateTime): Result.Result<State, InvalidTransition> =>
  move(state, "agreement-signed", at)

/** The project period, both dates included (Europe/Rome local dates). */
export interface Period {
  readonly start: LocalDate
  readonly end: LocalDate
}

/** agreement-signed → running, on a day within the period (the instant's date in Europe/Rome). */
export const start = (
  state: State,
  options: { readonly at: DateTime.DateTime; readonly period: Period }
): Result.Result<State, InvalidTransition | OutsidePeriod> => {
  const { at, period } = options
  if (canMove(state.status, "running")) {
    const date = localDate(at)
    if (date < period.start || date > period.end) {
      const before = date < period.start
      return Result.fail(
        new OutsidePeriod({
          to: "running",
          date,
          start: period.start,
          end: period.end,
          code: before ? "before-start" : "after-end",
          message: before
            ? `Il progetto non può partire il ${date}: il periodo inizia il ${period.start}`
            : `Il progetto non può partire il ${date}: il periodo è finito il ${period.end}`
        })
      )
    }
  }
  return move(state, "running", at)
}

/** running → closed, on or after the period's end date. */
export const close = (
  state: State,
  options: { readonly at: DateTime.DateTime; readonly period: Period }
): Result.Result<State, InvalidTransition | OutsidePeriod> => {
  const { at, period } = options
  if (canMove(state.status, "closed")) {
    const date = localDate(at)
    if (date < period.end) {
      return Result.fail(
        new OutsidePeriod({
          to: "closed",
          date,
          start: period.start,
          end: period.end,
          code: "before-end",
          message: `Il progetto non può chiudersi il ${date}: il periodo finisce il ${period.end}`
        })
      )
    }
  }
  return move(state, "closed", at)
}

/** closed → reported (final). */
export const report = (state: State, at: DateTime.DateTime): Result.Result<State, InvalidTransition> =>
  move(state, "reported", at)
