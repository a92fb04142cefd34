import { assert, describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Result, Schema } from "effect"
import { Call, LocalDate, Lifecycle } from "../src/index.ts"

const at = (iso: string) => DateTime.makeUnsafe(iso)
const deadline = Call.lombardia2022.window.deadline
const period: Lifecycle.Period = { start: LocalDate.make("2022-09-01"), end: LocalDate.make("2023-08-31") }

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const fail = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

/** A project brought to `status` along the happy path. */
const reach = (status: Lifecycle.Status): Lifecycle.State => {
  const steps: ReadonlyArray<[Lifecycle.Status, (s: Lifecycle.State) => Result.Result<Lifecycle.State, Lifecycle.LifecycleError>]> = [
    ["submitted", (s) => Lifecycle.submit(s, { at: at("2022-06-10T08:00:00Z"), deadline })],
    ["approved", (s) => Lifecycle.approve(s, at("2022-07-20T08:00:00Z"))],
    ["funded", (s) => Lifecycle.fund(s, at("2022-07-28T08:00:00Z"))],
    ["agreement-signed", (s) => Lifecycle.signAgreement(s, at("2022-08-05T08:00:00Z"))],
    ["running", (s) => Lifecycle.start(s, { at: at("2022-09-01T06:00:00Z"), period })],
    ["closed", (s) => Lifecycle.close(s, { at: at("2023-08-31T16:00:00Z"), period })],
    ["reported", (s) => Lifecycle.report(s, at("2023-10-30T09:00:00Z"))]
  ]
  let s = Lifecycle.initial
  if (status === "rejected") return ok(Lifecycle.reject(ok(steps[0]![1](s)), at("2022-07-20T08:00:00Z")))
  for (const [to, step] of steps) {
    if (s.status === status) break
    s = ok(step(s))
    if (to === status) break
  }
  return s
}

describe("Lifecycle", () => {
  it("walks the whole path: draft → … → reported, recording each step", () => {
    const s = reach("reported")
    expect(s.status).toBe("reported")
    expect(s.history.map((h) => `${h.from}→${h.to}`)).toEqual([
      "draft→submitted",
      "submitted→approved",
      "approved→funded",
      "funded→agreement-signed",
      "agreement-signed→running",
      "running→closed",
      "closed→reported"
    ])
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Lifecycle.State)(s)))
    expect(json.history[0].at).toBe("2022-06-10T08:00:00.000Z")
    expect(Schema.decodeUnknownSync(Lifecycle.State)(json).status).toBe("reported")
  })

  describe("submission and the deadline (15 June 2022, 12:00 Rome)", () => {
    it.each([
      ["2022-06-15T09:59:59.999Z", "submitted"],
      ["2022-06-15T10:00:00.000Z", "DeadlinePassed"],
      ["2022-06-15T10:00:00.001Z", "DeadlinePassed"],
      ["2022-06-16T08:00:00.000Z", "DeadlinePassed"]
    ])("at %s → %s", (when, outcome) => {
      const r = Lifecycle.submit(Lifecycle.initial, { at: at(when), deadline })
      expect(Result.isSuccess(r) ? r.success.status : r.failure._tag).toBe(outcome)
    })

    it("says when it came and when the deadline was, in Rome time", () => {
      const e = fail(Lifecycle.submit(Lifecycle.initial, { at: at("2022-06-15T10:05:00Z"), deadline }))
      assert.strictEqual(e._tag, "DeadlinePassed")
      expect(e.code).toBe("deadline-passed")
      expect(e.message).toBe("Domanda presentata il 2022-06-15 12:05: il termine era il 2022-06-15 12:00 (ora di Roma)")
    })
  })

  describe("illegal transitions are tagged errors that say why", () => {
    type Move = (s: Lifecycle.State) => Result.Result<Lifecycle.State, Lifecycle.LifecycleError>
    const moves: Record<string, Move> = {
      submit: (s) => Lifecycle.submit(s, { at: at("2022-06-01T00:00:00Z"), deadline }),
      approve: (s) => Lifecycle.approve(s, at("2022-07-01T00:00:00Z")),
      reject: (s) => Lifecycle.reject(s, at("2022-07-01T00:00:00Z")),
      fund: (s) => Lifecycle.fund(s, at("2022-07-01T00:00:00Z")),
      signAgreement: (s) => Lifecycle.signAgreement(s, at("2022-07-01T00:00:00Z")),
      start: (s) => Lifecycle.start(s, { at: at("2022-09-05T08:00:00Z"), period }),
      close: (s) => Lifecycle.close(s, { at: at("2023-09-05T08:00:00Z"), period }),
      report: (s) => Lifecycle.report(s, at("2023-10-01T00:00:00Z"))
    }
    it.each<[Lifecycle.Status, string, string, RegExp]>([
      ["draft", "approve", "not-allowed", /Un progetto "bozza" non può passare a "approvato"/],
      ["submitted", "signAgreement", "agreement-before-funding", /solo dopo l'approvazione e il finanziamento/],
      ["approved", "signAgreement", "agreement-before-funding", /ora è "approvato"/],
      ["submitted", "fund", "not-allowed", /non può passare a "finanziato"/],
      ["approved", "start", "not-allowed", /non può passare a "in corso"/],
      ["funded", "start", "not-allowed", /non può passare a "in corso"/],
      ["rejected", "approve", "already-final", /"non ammesso": non può più cambiare stato/],
      ["reported", "close", "already-final", /non può più cambiare stato/],
      ["running", "report", "not-allowed", /non può passare a "rendicontato"/],
      ["submitted", "submit", "not-allowed", /non può passare a "presentato"/]
    ])("%s —%s→ %s", (from, move, code, message) => {
      const e = fail(moves[move]!(reach(from)))
      assert.strictEqual(e._tag, "InvalidTransition")
      expect(e.code).toBe(code)
      expect(e.message).toMatch(message)
    })

    it("every move not in the table fails, every move in it is reachable", () => {
      const all = Lifecycle.Status.literals
      for (const from of all) for (const to of all) expect(Lifecycle.canMove(from, to)).toBe(Lifecycle.transitions[from].includes(to))
      expect(Lifecycle.transitions.rejected).toEqual([])
      expect(Lifecycle.transitions.reported).toEqual([])
    })
  })

  describe("the project runs within its period (Rome dates)", () => {
    it.each([
      ["2022-08-31T21:59:59Z", "before-start"], // 23:59:59 on 31 Aug in Rome
      ["2022-08-31T22:00:00Z", "running"], // midnight on 1 Sep in Rome
      ["2023-08-31T21:59:59Z", "running"],
      ["2023-08-31T22:00:00Z", "after-end"]
    ])("start at %s → %s", (when, outcome) => {
      const r = Lifecycle.start(reach("agreement-signed"), { at: at(when), period })
      expect(Result.isSuccess(r) ? r.success.status : r.failure.code).toBe(outcome)
    })

    it.each([
      ["2023-08-30T10:00:00Z", "before-end"],
      ["2023-08-31T10:00:00Z", "closed"],
      ["2023-10-01T10:00:00Z", "closed"]
    ])("close at %s → %s", (when, outcome) => {
      const r = Lifecycle.close(reach("running"), { at: at(when), period })
      expect(Result.isSuccess(r) ? r.success.status : r.failure.code).toBe(outcome)
    })

    it("explains an early close", () => {
      const e = fail(Lifecycle.close(reach("running"), { at: at("2023-06-30T10:00:00Z"), period }))
      assert.strictEqual(e._tag, "OutsidePeriod")
      expect(e.message).toBe("Il progetto non può chiudersi il 2023-06-30: il periodo finisce il 2023-08-31")
    })
  })

  it.effect("errors are yieldable and serialisable", () =>
    Effect.gen(function* () {
      const e = yield* Effect.flip(Effect.fromResult(Lifecycle.submit(Lifecycle.initial, { at: at("2022-06-20T00:00:00Z"), deadline })))
      assert.strictEqual(e._tag, "DeadlinePassed")
      const json = Schema.encodeSync(Lifecycle.DeadlinePassed)(e as Lifecycle.DeadlinePassed)
      expect(json).toMatchObject({ _tag: "DeadlinePassed", deadline: "2022-06-15T10:00:00.000Z", code: "deadline-passed" })
      const caught = yield* Effect.fromResult(Lifecycle.signAgreement(reach("approved"), at("2022-07-21T00:00:00Z"))).pipe(
        Effect.catchTag("InvalidTransition", (err) => Effect.succeed(err.code))
      )
      expect(caught).toBe("agreement-before-funding")
    })
  )
})
