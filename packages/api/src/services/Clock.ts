/** The time as the API sees it: the system clock, shifted when the demo runs on a configured date. */
import { Context, Effect, Layer } from "effect"

export class Clock extends Context.Service<Clock, { readonly now: Effect.Effect<Date> }>()("smartfam/Clock") {
  /** The system clock, optionally shifted by `offsetMs` (demo clock: SMARTFAM_CLOCK). */
  static readonly layer = (offsetMs = 0) => Layer.succeed(Clock, Clock.of({ now: Effect.sync(() => new Date(Date.now() + offsetMs)) }))
  /** A clock that tests move by hand. */
  static readonly layerManual = (start: Date) => {
    let current = start.getTime()
    return {
      layer: Layer.succeed(Clock, Clock.of({ now: Effect.sync(() => new Date(current)) })),
      set: (at: Date) => {
        current = at.getTime()
      },
      advance: (ms: number) => {
        current += ms
      }
    }
  }
}
