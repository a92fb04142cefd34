// Starts Smartfam as built: the API on the embedded SQLite file (migrated and seeded with the demo),
// the portal and the admin console (production builds), and prints their addresses.
// Ports and paths come from the environment; see the README's configuration table.
import { spawn, spawnSync } from "node:child_process"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const env = process.env
const host = env.SMARTFAM_HOST ?? "127.0.0.1"
const ports = {
  api: Number(env.SMARTFAM_API_PORT ?? 3000),
  portal: Number(env.SMARTFAM_PORTAL_PORT ?? 3001),
  admin: Number(env.SMARTFAM_ADMIN_PORT ?? 3002)
}
const apiUrl = `http://${host}:${ports.api}`
const apiEnv = {
  ...env,
  PORT: String(ports.api),
  HOST: host,
  SMARTFAM_SQLITE_PATH: env.SMARTFAM_SQLITE_PATH ?? path.join(root, "data/smartfam.db"),
  // Links in emails open this launcher's portal; the emails themselves land in SMARTFAM_OUTBOX_DIR
  // (default data/outbox; the e2e suite points it at its own throw-away folder to read the links).
  SMARTFAM_PORTAL_URL: env.SMARTFAM_PORTAL_URL ?? `http://${host}:${ports.portal}`,
  SMARTFAM_OUTBOX_DIR: env.SMARTFAM_OUTBOX_DIR ?? path.join(root, "data/outbox"),
  // The demo runs on the project's own school year (the shipped calendar is 2022/23): "today" is
  // Monday 5 June 2023, the week before the summer closures, unless the caller sets another instant.
  SMARTFAM_CLOCK: env.SMARTFAM_CLOCK ?? "2023-06-05T08:00:00+02:00"
}
const node = process.execPath
const children = []

const start = (name, args, childEnv) => {
  const child = spawn(node, args, { cwd: root, env: childEnv, stdio: ["ignore", "inherit", "inherit"] })
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} si è fermato (exited: ${code ?? signal}); arresto di tutto.`)
      stop(1)
    }
  })
  children.push(child)
}

let stopping = false
const stop = (code = 0) => {
  stopping = true
  for (const child of children) child.kill("SIGTERM")
  setTimeout(() => process.exit(code), 500).unref()
}
process.on("SIGINT", () => stop(0))
process.on("SIGTERM", () => stop(0))

const waitFor = async (url) => {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} non risponde (not answering)`)
}
const seed = spawnSync(node, ["packages/api/dist/main.js", "seed"], { cwd: root, env: apiEnv, stdio: "inherit" })
if (seed.status !== 0) process.exit(seed.status ?? 1)

start("API", ["packages/api/dist/main.js", "serve"], apiEnv)
await waitFor(`${apiUrl}/health`)
for (const app of ["portal", "admin"]) {
  // The portal runs behind its own small server (apps/portal/server.js: plain-http origins for its forms).
  start(app, [app === "portal" ? "apps/portal/server.js" : `apps/${app}/build/index.js`], {
    ...env,
    PORT: String(ports[app]),
    HOST: host,
    ORIGIN: `http://${host}:${ports[app]}`,
    SMARTFAM_API_URL: apiUrl
  })
}

await Promise.all([waitFor(`http://${host}:${ports.portal}/`), waitFor(`http://${host}:${ports.admin}/`)])
console.log(`
Smartfam è pronto (ready):
  Portale famiglie   http://${host}:${ports.portal}/
  Console operatori  http://${host}:${ports.admin}/
  API                ${apiUrl}/api/v1/project   (salute: ${apiUrl}/health)
Ctrl+C per fermare (to stop).`)
