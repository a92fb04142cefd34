/**
 * WAL checkpoints of the embedded SQLite file on a worker thread. A checkpoint copies the pages commits
 * appended to the write-ahead log back into the database file and syncs it; run by SQLite's automatic
 * checkpointing it happens inside whichever commit crosses the threshold, stalling the event loop (and
 * every request behind it) for tens of milliseconds. SQLite's documentation suggests checkpointing from
 * another thread instead: here a second connection on a worker thread runs a PASSIVE checkpoint a few times
 * a second, which never blocks the writer. The main connection keeps a high automatic threshold as a
 * backstop, should the worker fall behind.
 * Measured with `pnpm --filter @smartfam/api bench` (contended booking): no checkpoint on the main thread
 * took the worst p99 from 114 to 75 ms.
 */
import { createRequire } from "node:module"
import { Worker } from "node:worker_threads"
import { log } from "../http/log.ts"

// The worker's code, as CommonJS source: no separate file to locate in src/ (tsx, vitest) and dist/ (tsup).
const source = `
const { workerData } = require("node:worker_threads")
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma("busy_timeout = 1000")
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)")
  } catch {
    // Busy or locked: the next tick tries again.
  }
}, workerData.everyMs)
`

/**
 * Starts checkpointing `file` every `everyMs`; `stop` ends the worker and its connection. Should the worker
 * end by itself (it cannot load the driver, it crashes), `fallBack` is called once so that the main
 * connection checkpoints again at SQLite's usual pace.
 */
export const startCheckpointer = (file: string, fallBack: () => void, everyMs = 200) => {
  const worker = new Worker(source, { eval: true, workerData: { file, everyMs, driver: createRequire(import.meta.url).resolve("better-sqlite3") } })
  let stopping = false
  const ended = (why: string) => {
    if (stopping) return
    stopping = true
    log("warn", "checkpointer stopped: the main connection checkpoints again", { why })
    fallBack()
  }
  // The thread never keeps the process alive; shutting down closes the main connection, which checkpoints.
  worker.unref()
  worker.on("error", (error) => ended(String(error)))
  worker.on("exit", (code) => ended(`exit ${code}`))
  return {
    stop: () => {
      stopping = true
      return worker.terminate().then(() => undefined)
    }
  }
}
