import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, DateTime, Duration, Result, Schema } from "effect"
import * as Capacity from "../src/Capacity.ts"
import * as LocalDate from "../src/LocalDate.ts"

const t0 = DateTime.makeUnsafe("2022-09-12T06:00:00Z")
const at = (minutes: number) => DateTime.add(t0, { minutes })
const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const fail = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}
const tags = (events: ReadonlyArray<Capacity.Event>) => events.map((e) => `${e._tag}:${e.childId}`)
const window = { offerWindow: Duration.hours(24) }

/** A session with `capacity` places, `confirmed` children confirmed and `waiting` children on the waitlist. */
const session = (
  capacity: number,
  confirmed: ReadonlyArray<string> = [],
  waiting: ReadonlyArray<string> = []
): Capacity.State => {
  let s = Capacity.empty("nido:2022-09-12:0730", capacity)
  for (const c of confirmed) {
    s = ok(Capacity.hold(s, { childId: c, expiresAt: at(15) }, t0))[0]
    s = ok(Capacity.confirm(s, { childId: c }, t0))[0]
  }
  for (const c of waiting) s = ok(Capacity.waitlist(s, { childId: c }, t0))[0]
  return s
}

describe("Capacity transitions", () => {
  it("hold then confirm takes a place", () => {
    const [held, e1] = ok(Capacity.hold(session(2), { childId: "a", expiresAt: at(15) }, t0))
    expect(tags(e1)).toEqual(["Held:a"])
    expect(Capacity.occupied(held, t0)).toBe(1)
    expect(Capacity.statusOf(held, "a")).toBe("hold")
    const [done, e2] = ok(Capacity.confirm(held, { childId: "a" }, at(10)))
    expect(tags(e2)).toEqual(["Confirmed:a"])
    expect(done.confirmed.map((b) => b.childId)).toEqual(["a"])
    expect(done.holds).toEqual([])
  })

  it.each([
    ["a full session", session(1, ["a"]), "b", "CapacityExceeded", "capacity-exceeded"],
    [
      "free places owed to people waiting",
      Capacity.empty("s", 0),
      "b",
      "CapacityExceeded",
      "capacity-exceeded"
    ],
    ["a child already confirmed", session(3, ["a"]), "a", "AlreadyBooked", "already-booked"],
    ["a child already waiting", session(1, ["a"], ["b"]), "b", "AlreadyBooked", "already-booked"]
  ])("hold fails on %s", (_, state, child, tag, code) => {
    const e = fail(Capacity.hold(state, { childId: child, expiresAt: at(15) }, t0))
    expect(e._tag).toBe(tag)
    expect(e.code).toBe(code)
    expect(e.message.length).toBeGreaterThan(10)
  })

  it("a free place is owed to the waitlist before any newcomer", () => {
    const [s] = ok(Capacity.cancel(session(1, ["a"], ["b"]), { childId: "a" }, t0))
    expect(Capacity.free(s, t0)).toBe(1)
    expect(Capacity.available(s, t0)).toBe(0)
    const e = fail(Capacity.hold(s, { childId: "c", expiresAt: at(15) }, t0))
    expect(e.message).toContain("lista d'attesa")
  })

  it("an expiry must be in the future", () => {
    expect(fail(Capacity.hold(session(1), { childId: "a", expiresAt: t0 }, t0))._tag).toBe("InvalidExpiry")
  })

  it.each([
    ["no hold", session(1), 0, "NoHold", "no-hold"],
    [
      "a lapsed hold",
      ok(Capacity.hold(session(1), { childId: "a", expiresAt: at(15) }, t0))[0],
      15,
      "HoldExpired",
      "hold-expired"
    ]
  ])("confirm fails with %s", (_, state, minutes, tag, code) => {
    const e = fail(Capacity.confirm(state, { childId: "a" }, at(minutes)))
    expect([e._tag, e.code]).toEqual([tag, code])
  })

  it("a lapsed hold no longer takes a place, and says when it lapsed", () => {
    const [s] = ok(Capacity.hold(session(1), { childId: "a", expiresAt: at(15) }, t0))
    expect(Capacity.occupied(s, at(14))).toBe(1)
    expect(Capacity.occupied(s, at(15))).toBe(0)
    expect(fail(Capacity.confirm(s, { childId: "a" }, at(20))).message).toContain("2022-09-12 08:15")
  })

  it.each([
    ["confirmed", session(2, ["a"]), "confirmed"],
    ["waiting", session(1, ["x"], ["a"]), "waiting"],
    ["hold", ok(Capacity.hold(session(1), { childId: "a", expiresAt: at(15) }, t0))[0], "hold"]
  ])("cancel removes a %s child", (_, state, was) => {
    const [s, events] = ok(Capacity.cancel(state, { childId: "a" }, t0))
    expect(events).toEqual([{ _tag: "Cancelled", childId: "a", was }])
    expect(Capacity.statusOf(s, "a")).toBeUndefined()
  })

  it("cancel of nothing fails with NotBooked", () => {
    expect(fail(Capacity.cancel(session(1), { childId: "a" }, t0))._tag).toBe("NotBooked")
  })

  it("waitlist keeps arrival order, and offer goes to the head", () => {
    const s = session(1, ["a"], ["b", "c", "d"])
    expect(s.waitlist.map((w) => [w.childId, w.seq])).toEqual([
      ["b", 0],
      ["c", 1],
      ["d", 2]
    ])
    expect(Capacity.waitlistPosition(s, "c")).toBe(2)
    expect(fail(Capacity.offer(s, { expiresAt: at(60) }, t0))._tag).toBe("CapacityExceeded")
    const [freed] = ok(Capacity.cancel(s, { childId: "a" }, t0))
    const [offered, events] = ok(Capacity.offer(freed, { expiresAt: at(60) }, t0))
    expect(tags(events)).toEqual(["Offered:b"])
    expect(offered.waitlist.map((w) => w.childId)).toEqual(["c", "d"])
    expect(Capacity.occupied(offered, t0)).toBe(1)
  })

  it("offer fails with NotOnWaitlist when nobody waits", () => {
    const e = fail(Capacity.offer(session(1), { expiresAt: at(60) }, t0))
    expect([e._tag, e.code]).toEqual(["NotOnWaitlist", "not-on-waitlist"])
  })

  it("accept, decline and a lapsed offer", () => {
    const [freed] = ok(Capacity.cancel(session(1, ["a"], ["b", "c"]), { childId: "a" }, t0))
    const [offered] = ok(Capacity.offer(freed, { expiresAt: at(60) }, t0))
    const [accepted, e1] = ok(Capacity.accept(offered, { childId: "b" }, at(30)))
    expect(tags(e1)).toEqual(["Accepted:b"])
    expect(accepted.confirmed.map((x) => x.childId)).toEqual(["b"])
    const [declined, e2] = ok(Capacity.decline(offered, { childId: "b" }, at(30)))
    expect(tags(e2)).toEqual(["Declined:b"])
    expect(Capacity.statusOf(declined, "b")).toBeUndefined()
    expect(fail(Capacity.accept(offered, { childId: "b" }, at(60)))._tag).toBe("OfferExpired")
    expect(fail(Capacity.decline(offered, { childId: "c" }, at(30)))._tag).toBe("NoOffer")
  })

  it("expire drops lapsed holds and offers, with events", () => {
    const [freed] = ok(Capacity.cancel(session(2, ["a"], ["b"]), { childId: "a" }, t0))
    const [offered] = ok(Capacity.offer(freed, { expiresAt: at(60) }, t0))
    const [held] = ok(Capacity.hold(offered, { childId: "c", expiresAt: at(10) }, t0))
    const [s, events] = ok(Capacity.expire(held, at(60)))
    expect(tags(events)).toEqual(["HoldLapsed:c", "OfferLapsed:b"])
    expect(s.holds).toEqual([])
    expect(s.offers).toEqual([])
    expect(ok(Capacity.expire(s, at(61)))).toEqual([s, []])
  })

  it("release frees one day's place of a confirmed child", () => {
    const [s, events] = ok(Capacity.release(session(1, ["a"], ["b"]), { childId: "a" }, t0))
    expect(tags(events)).toEqual(["Released:a"])
    expect(Capacity.statusOf(s, "a")).toBe("absent")
    expect(Capacity.free(s, t0)).toBe(1)
    expect(fail(Capacity.release(s, { childId: "a" }, t0))._tag).toBe("NotBooked")
    const [swept, e2] = ok(Capacity.sweep(s, t0, window))
    expect(tags(e2)).toEqual(["Offered:b"])
    expect(Capacity.statusOf(swept, "b")).toBe("offer")
  })

  it("sweep expires, then offers every free place in arrival order", () => {
    const base = session(3, ["a", "b", "c"], ["d", "e", "f"])
    const [two] = ok(
      Capacity.cancel(ok(Capacity.cancel(base, { childId: "a" }, t0))[0], { childId: "b" }, t0)
    )
    const [s, events] = ok(Capacity.sweep(two, at(5), window))
    expect(tags(events)).toEqual(["Offered:d", "Offered:e"])
    expect(s.waitlist.map((w) => w.childId)).toEqual(["f"])
    expect(DateTime.formatIso(s.offers[0]!.expiresAt)).toBe("2022-09-13T06:05:00.000Z")
    // d lets the offer lapse: the next sweep offers the place to f.
    const [s2, e2] = ok(
      Capacity.sweep(ok(Capacity.accept(s, { childId: "e" }, at(10)))[0], at(5 + 24 * 60), window)
    )
    expect(tags(e2)).toEqual(["OfferLapsed:d", "Offered:f"])
    expect(Capacity.isConsistent(s2, at(5 + 24 * 60))).toBe(true)
  })

  it("the state round-trips through JSON", () => {
    const [s] = ok(
      Capacity.sweep(ok(Capacity.cancel(session(2, ["a"], ["b", "c"]), { childId: "a" }, t0))[0], t0, window)
    )
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Capacity.State)(s)))
    expect(Schema.decodeUnknownSync(Capacity.State)(json)).toEqual(s)
  })
})

describe("Capacity.request", () => {
  it("holds, or confirms at once, while places are free; then waitlists; refuses a child already there", () => {
    const [held, e1] = ok(Capacity.request(session(1), { childId: "a", expiresAt: at(15), confirm: false }, t0))
    expect(tags(e1)).toEqual(["Held:a"])
    expect(Capacity.statusOf(held, "a")).toBe("hold")
    const [placed, e2] = ok(Capacity.request(session(1), { childId: "a", expiresAt: at(15), confirm: true }, t0))
    expect(tags(e2)).toEqual(["Held:a", "Confirmed:a"])
    expect(Capacity.statusOf(placed, "a")).toBe("confirmed")
    const [waiting, e3] = ok(Capacity.request(placed, { childId: "b", expiresAt: at(15), confirm: true }, t0))
    expect(tags(e3)).toEqual(["Waitlisted:b"])
    expect(Capacity.waitlistPosition(waiting, "b")).toBe(1)
    // A free place that belongs to those already waiting is not taken by a newcomer.
    const freed = ok(Capacity.cancel(waiting, { childId: "a" }, t0))[0]
    expect(tags(ok(Capacity.request(freed, { childId: "c", expiresAt: at(15), confirm: true }, t0))[1])).toEqual(["Waitlisted:c"])
    expect(fail(Capacity.request(placed, { childId: "a", expiresAt: at(15), confirm: true }, t0))._tag).toBe("AlreadyBooked")
    expect(fail(Capacity.request(waiting, { childId: "b", expiresAt: at(15), confirm: false }, t0))._tag).toBe("AlreadyBooked")
    expect(fail(Capacity.request(session(1), { childId: "d", expiresAt: t0, confirm: false }, t0))._tag).toBe("InvalidExpiry")
  })
})

describe("Capacity.request, many in a row", () => {
  /** The same state as a new object: no index, every answer from its lists. */
  const fresh = (s: Capacity.State): Capacity.State => ({ ...s })
  const children = ["a", "b", "c", "d", "e", "f", "g", "h"]

  it("answers as the lists do, whatever happened between requests (the index it keeps is invisible)", () => {
    // A deterministic mix of requests, cancellations, absences, offers and sweeps over a small session.
    let s = Capacity.empty("centro:2023-06-12", 3)
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
    for (let step = 0; step < 2000; step++) {
      const child = children[next() % children.length]!
      const now = at(step)
      const before = s
      const r = next() % 10
      const t: Capacity.Transition =
        r < 5
          ? Capacity.request(s, { childId: child, expiresAt: at(step + 5), confirm: r % 2 === 0 }, now)
          : r === 5
            ? Capacity.cancel(s, { childId: child }, now)
            : r === 6
              ? Capacity.release(s, { childId: child }, now)
              : r === 7
                ? Capacity.accept(s, { childId: child }, now)
                : Capacity.sweep(s, now, window)
      if (Result.isSuccess(t)) s = t.success[0]
      for (const c of children) {
        expect(Capacity.statusOf(s, c)).toBe(Capacity.statusOf(fresh(s), c))
        // The state a request came from still answers for itself.
        expect(Capacity.statusOf(before, c)).toBe(Capacity.statusOf(fresh(before), c))
      }
      expect(Capacity.isConsistent(s, now)).toBe(true)
    }
  })

  it("gives every request the next arrival number, placed or waiting: the waitlist stays in arrival order", () => {
    const [a] = ok(Capacity.request(session(1), { childId: "a", expiresAt: at(15), confirm: true }, t0))
    expect(a.nextSeq).toBe(1)
    const [b] = ok(Capacity.request(a, { childId: "b", expiresAt: at(15), confirm: true }, t0))
    expect(b.nextSeq).toBe(2)
    expect(b.waitlist.map((w) => w.seq)).toEqual([1])
    // Asked again from an earlier state (a branch), the answer is that state's own.
    expect(tags(ok(Capacity.request(a, { childId: "b", expiresAt: at(15), confirm: true }, t0))[1])).toEqual(["Waitlisted:b"])
    expect(fail(Capacity.request(b, { childId: "b", expiresAt: at(15), confirm: true }, t0))._tag).toBe("AlreadyBooked")
  })
})

describe("Capacity.checkOverlap", () => {
  const slot = (id: string, date: string, start: string, end: string): Capacity.Slot => ({
    id: id as Capacity.Slot["id"],
    date: LocalDate.make(date),
    start,
    end
  })
  const pre = slot("pre:2022-09-12:0730", "2022-09-12", "07:30", "08:30")
  it.each([
    ["the same hours", slot("x:2022-09-12:0730", "2022-09-12", "07:30", "08:30"), true],
    ["a session straddling the start", slot("x:2022-09-12:0700", "2022-09-12", "07:00", "07:45"), true],
    ["a session inside", slot("x:2022-09-12:0740", "2022-09-12", "07:40", "08:00"), true],
    ["a session that ends when it starts", slot("x:2022-09-12:0630", "2022-09-12", "06:30", "07:30"), false],
    ["a session that starts when it ends", slot("x:2022-09-12:0830", "2022-09-12", "08:30", "16:30"), false],
    ["another day", slot("x:2022-09-13:0730", "2022-09-13", "07:30", "08:30"), false]
  ])("%s: overlap %s", (_, other, clash) => {
    const r = Capacity.checkOverlap("giulia", pre, [other])
    expect(Result.isFailure(r)).toBe(clash)
    if (Result.isFailure(r))
      expect([r.failure._tag, r.failure.otherSessionId, r.failure.code]).toEqual([
        "Overlap",
        other.id,
        "overlap"
      ])
  })
  it("ignores the session itself", () => {
    expect(Result.isSuccess(Capacity.checkOverlap("giulia", pre, [pre]))).toBe(true)
  })
})

describe("Capacity properties", () => {
  const Op = Schema.Struct({
    kind: Schema.Literals([
      "hold",
      "confirm",
      "cancel",
      "waitlist",
      "offer",
      "accept",
      "decline",
      "expire",
      "sweep",
      "release"
    ]),
    child: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 6 }))),
    advance: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 40 }))),
    window: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 60 })))
  })
  const input = Arbitrary.all({
    capacity: Arbitrary.schema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 4 })))),
    ops: Arbitrary.schema(Schema.Array(Op))
  })

  const step = (s: Capacity.State, op: typeof Op.Type, now: DateTime.Utc): Capacity.Transition => {
    const childId = `c${op.child}`
    const expiresAt = DateTime.add(now, { minutes: op.window })
    switch (op.kind) {
      case "hold":
        return Capacity.hold(s, { childId, expiresAt }, now)
      case "confirm":
        return Capacity.confirm(s, { childId }, now)
      case "cancel":
        return Capacity.cancel(s, { childId }, now)
      case "waitlist":
        return Capacity.waitlist(s, { childId }, now)
      case "offer":
        return Capacity.offer(s, { expiresAt }, now)
      case "accept":
        return Capacity.accept(s, { childId }, now)
      case "decline":
        return Capacity.decline(s, { childId }, now)
      case "expire":
        return Capacity.expire(s, now)
      case "sweep":
        return Capacity.sweep(s, now, { offerWindow: Duration.minutes(op.window) })
      case "release":
        return Capacity.release(s, { childId }, now)
    }
  }

  it.prop(
    "any sequence keeps confirmed + live holds + live offers ≤ capacity, the waitlist FIFO, a child in one place",
    [input],
    ([{ capacity, ops }]) => {
      let s = Capacity.empty("s", capacity)
      let now = t0
      for (const op of ops) {
        now = DateTime.add(now, { minutes: op.advance })
        const r = step(s, op, now)
        if (Result.isFailure(r)) continue
        const [next, events] = r.success
        // Capacity.
        assert.isAtMost(Capacity.occupied(next, now), next.capacity)
        // FIFO: whoever is still waiting keeps their relative order, newcomers join at the end…
        const before = s.waitlist.map((w) => w.childId)
        const kept = next.waitlist.filter((w) => w.seq < s.nextSeq).map((w) => w.childId)
        assert.deepStrictEqual(
          kept,
          before.filter((c) => kept.includes(c))
        )
        assert.isTrue(next.waitlist.every((w, i) => i === 0 || next.waitlist[i - 1]!.seq < w.seq))
        // …and offers go to the head of the line, in order.
        const offered = events.filter((e) => e._tag === "Offered").map((e) => e.childId)
        assert.deepStrictEqual(offered, before.slice(0, offered.length))
        // One place per child.
        const ids = [...next.confirmed, ...next.holds, ...next.offers, ...next.waitlist].map((x) => x.childId)
        assert.strictEqual(new Set(ids).size, ids.length)
        s = next
      }
      // Whatever happened, a sweep leaves no free place while someone waits.
      const [swept] = Result.getOrThrow(Capacity.sweep(s, now, window))
      assert.isTrue(Capacity.free(swept, now) === 0 || swept.waitlist.length === 0)
      assert.isTrue(Capacity.isConsistent(swept, now))
    }
  )
})
