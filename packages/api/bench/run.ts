/**
 * API throughput as ratios to a bare Hono JSON route measured in the same run (these machines are shared
 * and noisy: absolute figures drift, ratios much less). Each server is its own Node process; autocannon
 * drives 64 connections. Targets (issue 5): contended booking ≥ 40% and catalogue ≥ 60% of the bare
 * route, p99 ≤ 25 ms at 64 connections. "catalogue" is what clients get: the listing replayed from the
 * one-second micro-cache by the edge (src/http/edge.ts); "catalogue, not cached" computes it every time.
 * Each row also gives the server process's CPU time per request (Linux /proc) and its ratio to the bare
 * server's: what a request costs the server itself, apart from the client's share of the cores.
 *
 * Run: pnpm --filter @smartfam/api bench   (SMARTFAM_BENCH_SECONDS per run, default 4; SMARTFAM_BENCH_ROUNDS,
 * default 3; SMARTFAM_BENCH_ONLY=floor|catalogue|booking or a scenario's name to run one group or one scenario; SMARTFAM_BENCH_PROFILE=<dir> to
 * write a CPU profile of the API process there, summarised by `node bench/profile.ts <file>`, LAST=<s> for
 * the profile's last seconds only, SKIP=<s> to leave out the bare run after the scenario, TREE=<percent>
 * for the call tree)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import http from "node:http"
import os from "node:os"
import path from "node:path"
import autocannon from "autocannon"
import { Effect, Option } from "effect"
import * as Runtime from "../src/runtime.ts"
import { Clock } from "../src/services/Clock.ts"
import { Database } from "../src/services/Database.ts"
import { families, type TestFamily } from "../test/families.ts"

const seconds = Number(process.env["SMARTFAM_BENCH_SECONDS"] ?? 4)
const rounds = Number(process.env["SMARTFAM_BENCH_ROUNDS"] ?? 3)
const connections = 64
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smartfam-bench-"))
const sqlitePath = path.join(dir, "bench.db")
const here = import.meta.dirname
const START = "2023-06-05T06:00:00.000Z"
// 400 sessions of 10 places, 20 on each of 20 weekdays. Request n is family n mod F's round n div F; in
// round r every family books one session on day r (which one: family mod 20), so a family never books
// the same session twice (409) nor two sessions on one day (overlap, 422), and each session is fought
// over by F/20 families. Up to 20 rounds.
const SESSIONS = 400
const DAYS = ["12", "13", "14", "15", "16", "19", "20", "21", "22", "23", "26", "27", "28", "29", "30"].map((d) => `2023-06-${d}`).concat(["03", "04", "05", "06", "07"].map((d) => `2023-07-${d}`))
const FAMILIES = 12_000
// Families booking for the first time since the API started (nothing of theirs in its caches), each round
// its own: a booking row of its own, informative (the portal reads the family's household before it
// books, so a real booking finds the family known).
const COLD_PER_ROUND = 3000
const env = { ...process.env, SMARTFAM_SQLITE_PATH: sqlitePath, LOG_LEVEL: "error", SMARTFAM_CLOCK: START, SMARTFAM_SWEEP_SECONDS: "3600", HOST: "127.0.0.1" }
const only = process.env["SMARTFAM_BENCH_ONLY"]
const profileDir = process.env["SMARTFAM_BENCH_PROFILE"]
const children: Array<ChildProcess> = []

const ACCEPT = { "accept-encoding": "gzip, deflate, br" }

/**
 * CPU time a server process has used so far, all its threads, in µs (Linux: /proc/<pid>/stat's utime and
 * stime, in clock ticks of 1/100 s); undefined elsewhere. Divided by the requests of a run, it is what a
 * request costs the server itself, whatever share of the two cores the client takes.
 */
const cpuOf = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return undefined
  }
}

const startServer = async (args: ReadonlyArray<string>, port: number, health: string, extra: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [...args], { env: { ...env, ...extra, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] })
  children.push(child)
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${health}`)).ok) return child
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server on ${port} did not start`)
}

/** A run of autocannon, with the CPU time per request (µs) of the server process `server` during it. */
const load = async (opts: autocannon.Options, server?: ChildProcess) => {
  const cpuBefore = cpuOf(server?.pid)
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ connections, duration: seconds, ...opts }, (err, res) => (err ? reject(err) : resolve(res)))
  )
  const cpuAfter = cpuOf(server?.pid)
  const cpu = cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0 ? undefined : (cpuAfter - cpuBefore) / result.requests.total
  return Object.assign(result, { cpu })
}

try {
  // The demo data, then sessions with 10 places and families to book them, written straight into the file.
  const seeded = spawnSync(process.execPath, [path.join(here, "../src/main.ts"), "seed"], { env, stdio: "inherit" })
  if (seeded.status !== 0) throw new Error("seed failed")
  const runtime = Runtime.make({ databaseUrl: Option.none(), sqlitePath }, Clock.layerManual(new Date(START)).layer)
  await runtime.runPromise(
    Database.use(({ kysely }) =>
      Effect.promise(() =>
        kysely
          .insertInto("service_sessions")
          .values(
            Array.from({ length: SESSIONS }, (_, i) => {
              const date = DAYS[i % DAYS.length]!
              return {
                id: `centro-estivo-staffora:bench-${i}`,
                service_id: "centro-estivo-staffora",
                date,
                start_time: "08:00",
                end_time: "16:00",
                starts_at: `${date}T06:00:00.000Z`,
                ends_at: `${date}T14:00:00.000Z`,
                capacity: 10
              }
            })
          )
          .execute()
      )
    )
  )
  const fams = await families(runtime, FAMILIES, "bench")
  const cold = await families(runtime, COLD_PER_ROUND * rounds, "cold")
  await runtime.dispose()

  const profile = profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`]
  const api = await startServer([...profile, path.join(here, "../src/main.ts"), "serve"], 4402, "/health")
  // The catalogue's response as the API sends it (gzip, as clients ask), served by the bare server too.
  const sample = await new Promise<{ body: Buffer; headers: Record<string, string> }>((resolve, reject) =>
    http
      .get("http://127.0.0.1:4402/api/v1/services", { headers: ACCEPT }, (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => resolve({ body: Buffer.concat(chunks), headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => !["date", "connection", "keep-alive", "content-length", "transfer-encoding"].includes(k)).map(([k, v]) => [k, String(v)])) }))
      })
      .on("error", reject)
  )
  fs.writeFileSync(path.join(dir, "listing.bin"), sample.body)
  const bareServer = await startServer([path.join(here, "bare-server.ts")], 4401, "/", { BARE_BODY_FILE: path.join(dir, "listing.bin"), BARE_HEADERS: JSON.stringify(sample.headers) })

  // What the portal's booking page does before a family books (it reads the household, the family's
  // bookings and its eligibility): each family's session and household are read once, not measured.
  let warmed = 0
  await load({
    url: "http://127.0.0.1:4402",
    amount: fams.length,
    requests: [{ method: "GET", path: "/api/v1/me/household", setupRequest: (req) => ({ ...req, headers: { cookie: fams[warmed++ % fams.length]!.cookie } }) }]
  })

  // Clients ask for compression as browsers and Node's fetch do; the bare route ignores it.
  const bare: autocannon.Options = { url: "http://127.0.0.1:4401/", headers: ACCEPT }
  let uncachedN = 0
  let next = 0
  let firstTime = 0
  let bareBookingN = 0
  /**
   * A booking scenario: `pick` names each request's family, its index (which session of the day) and the
   * booking number n (which day: round n div F, as described at SESSIONS), and an Idempotency-Key if any.
   */
  const bookings = (
    name: string,
    pick: () => { family: TestFamily; index: number; n: number; key?: string },
    extra: { target?: number; amount?: number; onBare?: true } = {}
  ) => ({
    name,
    group: "booking",
    ...(extra.target === undefined ? {} : { target: extra.target }),
    ...(extra.onBare === undefined ? {} : { onBare: extra.onBare }),
    options: {
      url: extra.onBare ? "http://127.0.0.1:4401" : "http://127.0.0.1:4402",
      ...(extra.amount === undefined ? {} : { amount: extra.amount }),
      requests: [
        {
          method: "POST" as const,
          path: "/api/v1/bookings",
          setupRequest: (req: autocannon.Request): autocannon.Request => {
            const { family, index, n, key } = pick()
            const day = Math.floor(n / fams.length) % DAYS.length
            const session = `centro-estivo-staffora:bench-${day + DAYS.length * (index % (SESSIONS / DAYS.length))}`
            const headers: Record<string, string> = { "content-type": "application/json", cookie: family.cookie, ...(key === undefined ? {} : { "idempotency-key": key }) }
            return { ...req, headers, body: JSON.stringify({ sessionId: session, childId: family.childId }) }
          }
        }
      ]
    }
  })
  // `onBare`: the scenario is served by the bare server (its CPU is counted there), not by the API.
  const scenarios: ReadonlyArray<{ name: string; group: string; target?: number; onBare?: true; options: autocannon.Options }> = [
    // The floor: a 404 through every middleware (request id, metrics, headers, log, body limit, session),
    // i.e. what any API route costs before doing its work.
    { name: "middleware floor (404)", group: "floor", options: { url: "http://127.0.0.1:4402/api/v1/none" } },
    { name: `bare, listing's ${sample.body.length} B`, group: "catalogue", onBare: true, options: { url: "http://127.0.0.1:4401/same", headers: ACCEPT } },
    { name: "catalogue", group: "catalogue", target: 60, options: { url: "http://127.0.0.1:4402/api/v1/services", headers: ACCEPT } },
    // The same listing computed for every request (each URL is new to the micro-cache): what a listing
    // costs when places change faster than the cache's second.
    {
      name: "catalogue, not cached",
      group: "catalogue",
      options: { url: "http://127.0.0.1:4402", headers: ACCEPT, requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/api/v1/services?r=${uncachedN++}` }) }] }
    },
    // The same requests as "contended booking", answered by the bare server without any work: what a
    // booking's HTTP alone (a POST with a cookie and a JSON body, a booking-sized 201) costs, client included.
    bookings("bare, booking's HTTP", () => {
      const n = bareBookingN++
      return { family: fams[n % fams.length]!, index: n % fams.length, n }
    }, { onBare: true }),
    bookings("contended booking", () => {
      const n = next++
      return { family: fams[n % fams.length]!, index: n % fams.length, n }
    }, { target: 40 }),
    // As the portal books: every POST carries an Idempotency-Key (two more writes per booking).
    bookings("booking, Idempotency-Key", () => {
      const n = next++
      return { family: fams[n % fams.length]!, index: n % fams.length, n, key: `bench-${n}-${dir.slice(-6)}` }
    }),
    bookings("booking, first of family", () => {
      const n = firstTime++
      return { family: cold[n]!, index: n, n: 0 }
    }, { amount: COLD_PER_ROUND })
  ]
  // Each scenario runs between two bare runs, in several rounds: its ratio is measured under the same load
  // on the machine, and the median of the rounds is reported with its range.
  const chosen = scenarios.filter((sc) => only === undefined || sc.group === only || sc.name === only)
  const results = new Map<string, Array<{ ratio: number; rps: number; bare: number; p50: number; p99: number; non2xx: number; cpu?: number; bareCpu?: number }>>()
  // Requests per second over the whole run (a run of `amount` requests may end between two seconds).
  const rate = (x: autocannon.Result) => x.requests.total / x.duration
  const mean = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : (a + b) / 2)
  for (let round = 0; round < rounds; round++) {
    // Bare runs bracket every scenario (bare, A, bare, B, bare, …): a scenario is divided by the mean of
    // the bare runs just before and just after it, which follows the machine's drift better than one.
    let before = await load(bare, bareServer)
    for (const sc of chosen) {
      const r = await load(sc.options, sc.onBare ? bareServer : api)
      const after = await load(bare, bareServer)
      const base = (rate(before) + rate(after)) / 2
      const bareCpu = mean(before.cpu, after.cpu)
      before = after
      const list = results.get(sc.name) ?? []
      list.push({
        ratio: rate(r) / base,
        rps: rate(r),
        bare: base,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: sc.group === "floor" ? 0 : r.non2xx + r.errors,
        ...(r.cpu === undefined ? {} : { cpu: r.cpu }),
        ...(bareCpu === undefined ? {} : { bareCpu })
      })
      results.set(sc.name, list)
    }
  }
  if (next > 0) console.log(`\n${next} booking requests from ${fams.length} families, ${fams.length / (SESSIONS / DAYS.length)} of them per 10-place session; ${firstTime} first bookings of ${cold.length} other families`)

  const median = (xs: ReadonlyArray<number>) => {
    const sorted = [...xs].sort((a, b) => a - b)
    const mid = Math.floor(sorted.length / 2)
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  }
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`
  console.log(`\nAPI throughput, ${connections} connections, SQLite; ${rounds} rounds of ${seconds} s, each run between two runs of a bare Hono JSON route:`)
  console.log(`${"".padEnd(24)} ${"ratio".padStart(6)} ${"(range)".padEnd(11)} ${"req/s".padStart(7)} ${"bare".padStart(7)}  p50   p99 (worst)  CPU µs/req (bare) CPU ratio`)
  for (const sc of chosen) {
    const list = results.get(sc.name)!
    const ratio = median(list.map((x) => x.ratio))
    const p99 = Math.max(...list.map((x) => x.p99))
    const non2xx = list.reduce((n, x) => n + x.non2xx, 0)
    const cpus = list.flatMap((x) => (x.cpu === undefined || x.bareCpu === undefined ? [] : [{ cpu: x.cpu, bare: x.bareCpu }]))
    const cpu =
      cpus.length === 0
        ? "".padEnd(28)
        : `${median(cpus.map((x) => x.cpu)).toFixed(0).padStart(10)} ${`(${median(cpus.map((x) => x.bare)).toFixed(0)})`.padEnd(7)} ${pct(median(cpus.map((x) => x.bare / x.cpu))).padStart(9)}`
    const verdict = sc.target === undefined ? "" : `  target ≥ ${sc.target}%: ${ratio * 100 >= sc.target ? "met" : "NOT met"}, p99 ≤ 25 ms: ${p99 <= 25 ? "met" : "NOT met"}`
    console.log(
      `${sc.name.padEnd(24)} ${pct(ratio).padStart(6)} ${`(${pct(Math.min(...list.map((x) => x.ratio)))}–${pct(Math.max(...list.map((x) => x.ratio)))})`.padEnd(11)} ${median(list.map((x) => x.rps)).toFixed(0).padStart(7)} ${median(list.map((x) => x.bare)).toFixed(0).padStart(7)} ${String(median(list.map((x) => x.p50))).padStart(4)} ${String(p99).padStart(5)} ms  ${cpu}${verdict}${non2xx ? `  non-2xx ${non2xx}` : ""}`
    )
  }
  console.log("CPU µs/req: the server process's CPU time (all threads) per request in the run, the bare server's in brackets; CPU ratio: bare's ÷ the scenario's, what the ratio would be if both had a core to themselves and the client cost nothing.")
} finally {
  for (const c of children) c.kill("SIGTERM")
  fs.rmSync(dir, { recursive: true, force: true })
}
