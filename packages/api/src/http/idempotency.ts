/**
 * `Idempotency-Key` on mutating POSTs. A retried POST with the same key and body returns the first
 * response (with `Idempotent-Replayed: true`) and changes nothing; the same key with another body is 409.
 * Keys are scoped by account (or "anonymous"), so two families cannot collide.
 */
import { createHash } from "node:crypto"
import type { MiddlewareHandler } from "hono"
import { Clock } from "../services/Clock.ts"
import { Conflict } from "../services/errors.ts"
import { Idempotency } from "../services/Idempotency.ts"
import { bodyText, headerOf, responseText } from "./edge.ts"
import type { AppEnv } from "./env.ts"
import { problem } from "./errors.ts"
import { Effect } from "effect"

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/

export const idempotency = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const key = headerOf(c, "idempotency-key")
  if (c.req.method !== "POST" || key === undefined) return next()
  if (!KEY.test(key)) {
    return c.json(
      {
        _tag: "ValidationError",
        message: "Idempotency-Key non valida: 8–128 caratteri tra lettere, cifre e _.:- (invalid Idempotency-Key)",
        issues: [{ path: "headers.idempotency-key", message: "formato non valido (bad format)" }]
      },
      400
    )
  }
  const scope = c.get("account")?.id ?? "anonymous"
  const body = await bodyText(c)
  const fingerprint = createHash("sha256").update(`${c.req.method} ${c.req.path}\n`).update(body).digest("hex")
  const begun = await c.get("run")(
    Effect.gen(function* () {
      const now = yield* (yield* Clock).now
      return yield* (yield* Idempotency).begin(scope, key, fingerprint, now)
    })
  )
  if (begun._tag === "Failure") throw new Error("idempotency begin failed")
  const state = begun.success
  switch (state._tag) {
    case "Replay":
      return new Response(state.body, {
        status: state.status,
        headers: { "content-type": "application/json; charset=UTF-8", "idempotent-replayed": "true" }
      })
    case "InProgress":
      return problem(c, new Conflict({ code: "idempotency-in-progress", message: "Una richiesta con questa Idempotency-Key è ancora in corso: riprova tra poco (in progress)" }))
    case "Mismatch":
      return problem(c, new Conflict({ code: "idempotency-key-reused", message: "Questa Idempotency-Key è già stata usata per un'altra richiesta (key reused)" }))
    case "Fresh":
      break
  }
  try {
    await next()
  } catch (error) {
    await c.get("run")(Idempotency.use((i) => i.abandon(scope, key)))
    throw error
  }
  if (c.res.status >= 500) {
    // A failure of ours must not be replayed: the client may retry with the same key.
    await c.get("run")(Idempotency.use((i) => i.abandon(scope, key)))
    return
  }
  const text = await responseText(c.res)
  await c.get("run")(Idempotency.use((i) => i.complete(scope, key, c.res.status, text)))
}
