import { Service, Calendar } from "@smartfam/domain"
import ICAL from "ical.js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.ts"
import { makeMetrics } from "../src/http/metrics.ts"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { Catalogue } from "../src/services/Catalogue.ts"
import { Clock } from "../src/services/Clock.ts"
import { Database } from "../src/services/Database.ts"
import { Idempotency } from "../src/services/Idempotency.ts"
import { Effect } from "effect"
import { engines, type TestDatabase } from "./engines.ts"
import { families, type TestFamily } from "./families.ts"

configure("error", false)

const START = new Date("2023-06-05T06:00:00.000Z") // 08:00 in Rome, the Monday before summer closures
const MINUTE = 60_000

describe.each(engines)("bookings on %s", (_name, open) => {
  let db: TestDatabase
  let runtime: Runtime.AppRuntime
  let clock: ReturnType<typeof Clock.layerManual>
  let app: ReturnType<typeof makeApp>
  const metrics = makeMetrics()
  /** How many booking decisions with `outcome` the app has counted, as Prometheus reads them. */
  const decisions = async (outcome: string) =>
    Number((await metrics.registry.metrics()).match(new RegExp(`smartfam_booking_decisions_total\\{outcome="${outcome}"\\} (\\d+)`))?.[1] ?? 0)

  const send = (method: string, url: string, cookie?: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(url, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
  const json = async (res: Response) => (await res.json()) as Record<string, unknown>

  /** A session of its own with `capacity` places, on a closure day of the centro estivo. */
  let sessionSeq = 0
  const session = async (capacity: number, date = "2023-06-12", start = "08:00", end = "16:00") => {
    const id = `centro-estivo-staffora:test-${++sessionSeq}`
    await runtime.runPromise(
      Database.use(({ kysely }) =>
        Effect.promise(() =>
          kysely
            .insertInto("service_sessions")
            .values({ id, service_id: "centro-estivo-staffora", date, start_time: start, end_time: end, starts_at: `${date}T06:00:00.000Z`, ends_at: `${date}T14:00:00.000Z`, capacity })
            .execute()
        )
      )
    )
    return id
  }
  const book = (f: TestFamily, sessionId: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    send("POST", "/api/v1/bookings", f.cookie, { sessionId, childId: f.childId, ...extra }, headers)

  beforeAll(async () => {
    db = await open()
    clock = Clock.layerManual(START)
    runtime = Runtime.make(db.config, clock.layer)
    await runtime.runPromise(Catalogue.use((c) => c.load("smartfam-voghera-2022", Service.smartfamVoghera, Calendar.voghera, START)))
    app = makeApp({ runtime, bodyLimit: 16 * 1024, metrics })
  })
  afterAll(async () => {
    await runtime.dispose()
    await db.drop()
  })

  it("200 concurrent bookings on a 10-place session: exactly 10 confirmed, the rest waitlisted in arrival order", async () => {
    const id = await session(10)
    const fams = await families(runtime, 200)
    const [confirmedBefore, waitlistedBefore] = [await decisions("confirmed"), await decisions("waitlisted")]
    const responses = await Promise.all(fams.map((f) => book(f, id)))
    const bodies = await Promise.all(responses.map((r) => json(r)))
    expect(responses.map((r, i) => [r.status, bodies[i]]).filter(([status]) => status !== 201)).toEqual([])
    const confirmed = bodies.filter((b) => b["status"] === "confirmed")
    const waitlisted = bodies.filter((b) => b["status"] === "waitlisted")
    expect(confirmed).toHaveLength(10)
    expect(waitlisted).toHaveLength(190)
    // Counted for /metrics as they were decided.
    expect([(await decisions("confirmed")) - confirmedBefore, (await decisions("waitlisted")) - waitlistedBefore]).toEqual([10, 190])
    // Positions are 1..190, each once: the waitlist is one total order.
    expect(waitlisted.map((b) => b["waitlistPosition"]).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 190 }, (_, i) => i + 1))
    // The stored arrival order is the order of the positions, and every confirmed arrival came before every waiting one.
    const rows = await runtime.runPromise(
      Database.use(({ kysely }) => Effect.promise(() => kysely.selectFrom("bookings").select(["id", "status", "arrival"]).where("session_id", "=", id).orderBy("arrival").execute()))
    )
    expect(rows.slice(0, 10).every((r) => r.status === "confirmed")).toBe(true)
    expect(rows.slice(10).every((r) => r.status === "waitlisted")).toBe(true)
    const byId = new Map(waitlisted.map((b) => [b["id"], b["waitlistPosition"]]))
    expect(rows.slice(10).map((r) => byId.get(r.id))).toEqual(Array.from({ length: 190 }, (_, i) => i + 1))
    const listing = await json(await send("GET", "/api/v1/services/centro-estivo-staffora/sessions?from=2023-06-12&to=2023-06-12"))
    const s = (listing["sessions"] as Array<Record<string, unknown>>).find((x) => x["id"] === id)
    expect(s).toMatchObject({ capacity: 10, taken: 10, waiting: 190, placesLeft: 0 })
  })

  it("a session's state kept by a process is used only while its version is unchanged: another process's changes are seen", async () => {
    const id = await session(2)
    const [a, b, c, d] = await families(runtime, 4)
    // A second API process on the same database, with its own caches.
    const other = Runtime.make(db.config, clock.layer)
    const otherApp = makeApp({ runtime: other })
    const sendOther = (url: string, f: TestFamily, body?: unknown) =>
      otherApp.request(url, { method: "POST", headers: { "content-type": "application/json", cookie: f.cookie }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    try {
      expect(await json(await book(a!, id))).toMatchObject({ status: "confirmed" })
      const bBooking = await json(await sendOther("/api/v1/bookings", b!, { sessionId: id, childId: b!.childId }))
      expect(bBooking).toMatchObject({ status: "confirmed" })
      // Here the session is full: this process must not decide on the state it kept after A's booking.
      const cBooking = await json(await book(c!, id))
      expect(cBooking).toMatchObject({ status: "waitlisted", waitlistPosition: 1 })
      // The other process cancels B: the place is offered to C, who accepts here.
      expect(await json(await sendOther(`/api/v1/bookings/${bBooking["id"]}/cancel`, b!))).toMatchObject({ status: "cancelled" })
      expect(await json(await send("POST", `/api/v1/bookings/${cBooking["id"]}/accept`, c!.cookie))).toMatchObject({ status: "confirmed" })
      // A and C hold the places and nobody waits: D is first in line (a stale state would put D second, behind C).
      expect(await json(await book(d!, id))).toMatchObject({ status: "waitlisted", waitlistPosition: 1 })
    } finally {
      await other.dispose()
    }
  })

  it("a retried POST with the same Idempotency-Key creates one booking", async () => {
    const id = await session(5)
    const [f] = await families(runtime, 1)
    const key = { "idempotency-key": "retry-0001-abcdef" }
    const first = await book(f!, id, {}, key)
    const second = await book(f!, id, {}, key)
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.headers.get("idempotent-replayed")).toBe("true")
    expect((await json(second))["id"]).toBe((await json(first))["id"])
    const count = await runtime.runPromise(
      Database.use(({ kysely }) => Effect.promise(() => kysely.selectFrom("bookings").select("id").where("session_id", "=", id).execute()))
    )
    expect(count).toHaveLength(1)
    // The same key with another request is a conflict, not a silent replay.
    const other = await session(5)
    const reused = await book(f!, other, {}, key)
    expect(reused.status).toBe(409)
    expect(await json(reused)).toMatchObject({ _tag: "Conflict", code: "idempotency-key-reused" })
    // Without a key, booking the same child twice is a conflict the domain names.
    const again = await book(f!, id)
    expect(again.status).toBe(409)
    expect(await json(again)).toMatchObject({ _tag: "Conflict", code: "already-booked" })
  })

  it("keys claimed together: one request per key runs, its concurrent retries are told it is in progress, other keys run", async () => {
    const id = await session(40)
    const fams = await families(runtime, 30)
    const key = { "idempotency-key": "same-key-concurrent-0001" }
    // 10 concurrent copies of one family's request, and 29 other families with keys of their own.
    const copies = Array.from({ length: 10 }, () => book(fams[0]!, id, {}, key))
    const others = fams.slice(1).map((f, i) => book(f, id, {}, { "idempotency-key": `other-key-${String(i).padStart(4, "0")}` }))
    const copied = await Promise.all(copies)
    const answers = await Promise.all(copied.map(async (r) => [r.status, r.headers.get("idempotent-replayed"), await json(r)] as const))
    const ran = answers.filter(([status, replayed]) => status === 201 && replayed === null)
    expect(ran).toHaveLength(1)
    for (const [status, replayed, body] of answers.filter((a) => !ran.includes(a))) {
      if (status === 201) expect([replayed, body["id"]]).toEqual(["true", ran[0]![2]["id"]])
      else expect([status, body["code"]]).toEqual([409, "idempotency-in-progress"])
    }
    expect((await Promise.all(others)).map((r) => r.status)).toEqual(Array.from({ length: 29 }, () => 201))
    const rows = await runtime.runPromise(
      Database.use(({ kysely }) => Effect.promise(() => kysely.selectFrom("bookings").select("household_id").where("session_id", "=", id).execute()))
    )
    expect(rows).toHaveLength(30)
    // Every key that ran kept its response: a later retry is replayed.
    const later = await book(fams[5]!, id, {}, { "idempotency-key": "other-key-0004" })
    expect([later.status, later.headers.get("idempotent-replayed")]).toEqual([201, "true"])
  })

  it("idempotency keys are forgotten after a day: the same key then books anew", async () => {
    const id = await session(5)
    const [f] = await families(runtime, 1)
    const headers = { "idempotency-key": "day-old-key-123" }
    const first = await json(await book(f!, id, {}, headers))
    expect(await json(await book(f!, id, {}, headers))).toEqual(first)
    const purge = (before: Date) => runtime.runPromise(Idempotency.use((i) => i.purge(before)))
    expect(await purge(new Date(START.getTime() - 1))).toBe(0)
    expect(await purge(new Date(START.getTime() + 86_400_000))).toBeGreaterThanOrEqual(1)
    // Not a replay any more: the request runs, and the family is already booked on the session.
    expect((await book(f!, id, {}, headers)).status).toBe(409)
  })

  it("hold → confirm; cancel offers the place to the first in line, who accepts", async () => {
    const id = await session(1)
    const [a, b, c] = await families(runtime, 3)
    const held = await json(await book(a!, id, { mode: "hold" }))
    expect(held).toMatchObject({ status: "held" })
    expect(held["holdExpiresAt"]).toBe(new Date(START.getTime() + 15 * MINUTE).toISOString())
    expect(await json(await book(b!, id))).toMatchObject({ status: "waitlisted", waitlistPosition: 1 })
    expect(await json(await book(c!, id))).toMatchObject({ status: "waitlisted", waitlistPosition: 2 })
    expect(await json(await send("POST", `/api/v1/bookings/${held["id"]}/confirm`, a!.cookie))).toMatchObject({ status: "confirmed" })
    expect(await json(await send("POST", `/api/v1/bookings/${held["id"]}/cancel`, a!.cookie))).toMatchObject({ status: "cancelled" })
    const mineB = (await json(await send("GET", "/api/v1/bookings", b!.cookie))) as unknown as Array<Record<string, unknown>>
    const offered = mineB.find((x) => x["sessionId"] === id)!
    expect(offered).toMatchObject({ status: "offered" })
    const mineC = (await json(await send("GET", "/api/v1/bookings", c!.cookie))) as unknown as Array<Record<string, unknown>>
    expect(mineC.find((x) => x["sessionId"] === id)).toMatchObject({ status: "waitlisted", waitlistPosition: 1 })
    expect(await json(await send("POST", `/api/v1/bookings/${offered["id"]}/accept`, b!.cookie))).toMatchObject({ status: "confirmed" })
  })

  it("a child whose day was reported absent can be booked again: the same booking comes back", async () => {
    const id = await session(2)
    const [a] = await families(runtime, 1)
    const first = await json(await book(a!, id))
    expect(first).toMatchObject({ status: "confirmed" })
    expect(await json(await send("POST", `/api/v1/bookings/${first["id"]}/absent`, a!.cookie))).toMatchObject({ status: "absent" })
    const again = await json(await book(a!, id))
    expect(again).toMatchObject({ id: first["id"], status: "confirmed" })
    const mine = ((await json(await send("GET", "/api/v1/bookings", a!.cookie))) as unknown as Array<Record<string, unknown>>).filter((x) => x["sessionId"] === id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ id: first["id"], status: "confirmed" })
    // Read afresh from the rows (another process's view): one active booking, which cancels cleanly.
    expect(await json(await send("POST", `/api/v1/bookings/${first["id"]}/cancel`, a!.cookie))).toMatchObject({ status: "cancelled" })
    expect(await json(await book(a!, id))).toMatchObject({ status: "confirmed" })
  })

  it("the sweeper expires a lapsed hold and offers the place on", async () => {
    const id = await session(1)
    const [a, b] = await families(runtime, 2)
    const held = await json(await book(a!, id, { mode: "hold" }))
    await book(b!, id)
    clock.advance(16 * MINUTE)
    const changed = await runtime.runPromise(Effect.gen(function* () {
      const { Bookings } = yield* Effect.promise(() => import("../src/services/Bookings.ts"))
      return yield* Bookings.use((x) => x.sweep(new Date(START.getTime() + 16 * MINUTE)))
    }))
    expect(changed).toBeGreaterThanOrEqual(2)
    const mineA = (await json(await send("GET", "/api/v1/bookings", a!.cookie))) as unknown as Array<Record<string, unknown>>
    expect(mineA.find((x) => x["id"] === held["id"])).toMatchObject({ status: "expired" })
    const mineB = (await json(await send("GET", "/api/v1/bookings", b!.cookie))) as unknown as Array<Record<string, unknown>>
    expect(mineB.find((x) => x["sessionId"] === id)).toMatchObject({ status: "offered" })
    clock.set(START)
  })

  it("refuses a child the rules exclude, with every reason (422)", async () => {
    const id = await session(5)
    const [toddler] = await families(runtime, 1, "young", "2022-09-01")
    const res = await book(toddler!, id)
    expect(res.status).toBe(422)
    const body = await json(res)
    expect(body).toMatchObject({ _tag: "RuleViolation", code: "ineligible" })
    expect((body["reasons"] as Array<string>).length).toBeGreaterThan(0)
  })

  it("family A cannot read or change family B's data", async () => {
    const id = await session(3)
    const [a, b] = await families(runtime, 2)
    const mine = await json(await book(b!, id))
    for (const action of ["confirm", "cancel", "accept", "decline", "absent"]) {
      const res = await send("POST", `/api/v1/bookings/${mine["id"]}/${action}`, a!.cookie)
      expect(res.status).toBe(404)
      expect(await json(res)).toMatchObject({ _tag: "NotFound" })
    }
    const listA = (await json(await send("GET", "/api/v1/bookings", a!.cookie))) as unknown as Array<Record<string, unknown>>
    expect(listA.some((x) => x["id"] === mine["id"])).toBe(false)
    const hhA = await json(await send("GET", "/api/v1/me/household", a!.cookie))
    expect(hhA["id"]).toBe(a!.householdId)
    const exportA = JSON.stringify(await json(await send("GET", "/api/v1/me/export", a!.cookie)))
    expect(exportA).not.toContain(b!.householdId)
    expect(exportA).not.toContain(String(mine["id"]))
    // B's booking is untouched.
    const listB = (await json(await send("GET", "/api/v1/bookings", b!.cookie))) as unknown as Array<Record<string, unknown>>
    expect(listB.find((x) => x["id"] === mine["id"])).toMatchObject({ status: "confirmed" })
    // Without a session: 401 everywhere.
    for (const [m, u] of [["GET", "/api/v1/bookings"], ["GET", "/api/v1/me/household"], ["GET", "/api/v1/me/export"], ["DELETE", "/api/v1/me"], ["POST", `/api/v1/bookings/${mine["id"]}/cancel`]] as const) {
      expect((await send(m, u)).status).toBe(401)
    }
  })

  it("the ICS feed parses with ical.js: stable UIDs, Europe/Rome times", async () => {
    const id = await session(3, "2023-06-13", "08:30", "12:30")
    const [f] = await families(runtime, 1)
    const booked = await json(await book(f!, id))
    const res = await send("GET", "/api/v1/bookings/calendar.ics", f!.cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("text/calendar")
    const text = await res.text()
    expect(text).toContain("DTSTART;TZID=Europe/Rome:20230613T083000")
    expect(text).toContain("BEGIN:VTIMEZONE")
    const cal = new ICAL.Component(ICAL.parse(text))
    // A client registers the feed's own VTIMEZONE, then reads the local times as instants.
    const vtz = cal.getFirstSubcomponent("vtimezone")!
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz))
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v))
    expect(events).toHaveLength(1)
    expect(events[0]!.uid).toBe(`${booked["id"]}@smartfam`)
    expect(events[0]!.startDate.zone?.tzid).toBe("Europe/Rome")
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe("2023-06-13T10:30:00.000Z")
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe("2023-06-13T06:30:00.000Z")
    const again = await (await send("GET", "/api/v1/bookings/calendar.ics", f!.cookie)).text()
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(again)).getFirstSubcomponent("vevent")!).uid).toBe(events[0]!.uid)
  })

  it("a secret calendar address serves the feed without a login, is replaced by a new one and can be revoked", async () => {
    const id = await session(3, "2023-06-14", "09:00", "12:00")
    const [f, other] = await families(runtime, 2)
    const booked = await json(await book(f!, id))
    const created = await send("POST", "/api/v1/bookings/calendar-feed", f!.cookie)
    expect(created.status).toBe(201)
    const { token, path } = (await created.json()) as { token: string; path: string }
    expect(path).toBe(`/api/v1/calendar/${token}.ics`)
    const feed = await app.request(path)
    expect(feed.status).toBe(200)
    expect(feed.headers.get("content-type")).toContain("text/calendar")
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v))
    expect(events.map((e) => e.uid)).toEqual([`${booked["id"]}@smartfam`])
    // Every read is audited, by the feed, on the family's household.
    const audit = await runtime.runPromise(
      Database.use(({ kysely }) => Effect.promise(() => kysely.selectFrom("audit_log").select(["actor", "action"]).where("subject", "=", f!.householdId).execute()))
    )
    expect(audit).toContainEqual({ actor: "calendar-feed", action: "calendar.read" })
    // Another family's address shows only theirs; a made-up or malformed one is a plain 404.
    const theirs = (await (await send("POST", "/api/v1/bookings/calendar-feed", other!.cookie)).json()) as { path: string }
    expect(await (await app.request(theirs.path)).text()).not.toContain(String(booked["id"]))
    for (const bad of [`/api/v1/calendar/${"A".repeat(43)}.ics`, "/api/v1/calendar/short.ics", `/api/v1/calendar/${token}x.ics`]) {
      const res = await app.request(bad)
      expect(res.status, bad).toBe(404)
      expect(await res.json()).toMatchObject({ _tag: "NotFound" })
    }
    // A new address replaces the old one; revoking closes it.
    const renewed = (await (await send("POST", "/api/v1/bookings/calendar-feed", f!.cookie)).json()) as { path: string }
    expect((await app.request(path)).status).toBe(404)
    expect((await app.request(renewed.path)).status).toBe(200)
    expect((await send("DELETE", "/api/v1/bookings/calendar-feed", f!.cookie)).status).toBe(204)
    expect((await app.request(renewed.path)).status).toBe(404)
    // Only a logged-in family makes one.
    expect((await send("POST", "/api/v1/bookings/calendar-feed")).status).toBe(401)
  })

  it("erasure removes the account, its household and its bookings", async () => {
    const id = await session(3)
    const [f] = await families(runtime, 1)
    await book(f!, id)
    expect((await send("DELETE", "/api/v1/me", f!.cookie)).status).toBe(204)
    expect((await send("GET", "/api/v1/me/household", f!.cookie)).status).toBe(401)
    const left = await runtime.runPromise(
      Database.use(({ kysely }) =>
        Effect.promise(async () => [
          await kysely.selectFrom("households").select("id").where("id", "=", f!.householdId).execute(),
          await kysely.selectFrom("bookings").select("id").where("household_id", "=", f!.householdId).execute()
        ])
      )
    )
    expect(left.flat()).toHaveLength(0)
  })

  it("erasure frees the family's places first: the next in line is offered the place at once", async () => {
    const id = await session(1)
    const [leaving, waiting] = await families(runtime, 2)
    expect(await json(await book(leaving!, id))).toMatchObject({ status: "confirmed" })
    const queued = await json(await book(waiting!, id))
    expect(queued).toMatchObject({ status: "waitlisted", waitlistPosition: 1 })
    expect((await send("DELETE", "/api/v1/me", leaving!.cookie)).status).toBe(204)
    const mine = (await (await send("GET", "/api/v1/bookings", waiting!.cookie)).json()) as Array<Record<string, unknown>>
    expect(mine.find((b) => b["id"] === queued["id"])).toMatchObject({ status: "offered" })
  })
})
