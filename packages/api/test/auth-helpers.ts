/**
 * Helpers for the auth tests: the app on a real engine with a manual clock and its own outbox folder, the
 * emails read back from the `.eml` files nodemailer wrote, and cookies read from `Set-Cookie`.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { makeApp } from "../src/app.ts"
import * as Runtime from "../src/runtime.ts"
import { Clock } from "../src/services/Clock.ts"
import type { TestDatabase } from "./engines.ts"

export const START = new Date("2026-03-02T08:00:00.000Z")
export const PORTAL = "http://portal.test"

export interface Harness {
  readonly app: ReturnType<typeof makeApp>
  readonly runtime: Runtime.AppRuntime
  readonly clock: ReturnType<typeof Clock.layerManual>
  readonly outbox: string
  readonly close: () => Promise<void>
}

/** The real app over `db`, with a clock the test moves and a fresh outbox folder. */
export const harness = (db: TestDatabase, extra: Partial<Runtime.RuntimeConfig> = {}): Harness => {
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), "smartfam-outbox-"))
  const clock = Clock.layerManual(START)
  const runtime = Runtime.make({ ...db.config, outboxDir: outbox, portalUrl: PORTAL, ...extra }, clock.layer)
  const app = makeApp({ runtime, bodyLimit: 4096, cookieSecure: true, portalUrl: PORTAL })
  return {
    app,
    runtime,
    clock,
    outbox,
    close: async () => {
      await runtime.dispose()
      fs.rmSync(outbox, { recursive: true, force: true })
    }
  }
}

/** A JSON request to the app, optionally with a session cookie. */
export const send = (h: Harness, method: string, url: string, body?: unknown, cookie?: string) =>
  h.app.request(url, {
    method,
    headers: { "content-type": "application/json", ...(cookie === undefined ? {} : { cookie }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
  })

/** The `name=value` pair of a cookie the response sets, and its attributes. */
export const cookieFrom = (res: Response, name: string) => {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  if (header === undefined) return undefined
  const [pair = "", ...attributes] = header.split(";").map((s) => s.trim())
  return { pair, value: pair.slice(name.length + 1), attributes }
}

/** Decodes a quoted-printable body (soft breaks and `=XX` escapes), as UTF-8. */
const decodeQuotedPrintable = (s: string) => {
  const bytes: Array<number> = []
  const text = s.replace(/=\r?\n/g, "")
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3)
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else bytes.push(...Buffer.from(text[i] ?? ""))
  }
  return Buffer.from(bytes).toString("utf8")
}

const sequenceOf = (file: string) => Number(file.match(/-(\d{6})-[0-9a-f]{8}\.eml$/)?.[1] ?? 0)

export interface ReadEmail {
  readonly file: string
  readonly raw: string
  readonly subject: string
  /** The plain-text part, decoded. */
  readonly text: string
}

/** The emails in the outbox sent to `to`, oldest first. */
export const emailsTo = (outbox: string, to: string): ReadonlyArray<ReadEmail> =>
  fs
    .readdirSync(outbox)
    .filter((f) => f.endsWith(".eml"))
    // In sending order: the Mailer numbers its messages (the test clock may move back between them).
    .sort((a, b) => sequenceOf(a) - sequenceOf(b))
    .map((file) => ({ file, raw: fs.readFileSync(path.join(outbox, file), "utf8") }))
    .filter(({ raw }) => new RegExp(`^To: ${to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "mi").test(raw))
    .map(({ file, raw }) => {
      const plain = raw.split(/^--.*$/m).find((part) => /^Content-Type: text\/plain/im.test(part)) ?? raw
      const [headers = "", ...rest] = plain.split(/\r?\n\r?\n/)
      const body = rest.join("\n\n")
      const text = /quoted-printable/i.test(headers)
        ? decodeQuotedPrintable(body)
        : /base64/i.test(headers)
          ? Buffer.from(body, "base64").toString("utf8")
          : body
      return { file, raw, subject: raw.match(/^Subject: (.*)$/m)?.[1] ?? "", text }
    })

/** The token in the link of the last email to `to` whose link goes to `page`. */
export const tokenFromLastEmail = (
  outbox: string,
  to: string,
  page: "verifica-email" | "reimposta-password"
) => {
  const mails = emailsTo(outbox, to).filter((m) => m.text.includes(`/${page}?token=`))
  const last = mails.at(-1)
  if (last === undefined) throw new Error(`no ${page} email to ${to} in ${outbox}`)
  const token = last.text.match(new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`))?.[1]
  if (token === undefined) throw new Error(`no token in ${last.file}`)
  return token
}
