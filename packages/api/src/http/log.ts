/** JSON log lines on stdout, one per event; silenced in tests unless SMARTFAM_LOG is set. */
type Level = "debug" | "info" | "warn" | "error"
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }
let threshold: Level = "info"
let enabled = true

/** Sets the lowest level written, or switches logging off. */
export const configure = (level: Level, on = true) => {
  threshold = level
  enabled = on
}

/** Whether a line at `level` is written (to skip building one that would not be). */
export const logs = (level: Level) => enabled && order[level] >= order[threshold]

/** Writes one JSON line. */
export const log = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
  if (!enabled || order[level] < order[threshold]) return
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`)
}
