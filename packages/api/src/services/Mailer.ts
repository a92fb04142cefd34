/**
 * Outgoing email through nodemailer: SMTP when `SMTP_URL` is set, otherwise a development outbox that
 * writes each message as an `.eml` file (what a real server would have received) into `SMARTFAM_OUTBOX_DIR`.
 * Sending failures are infrastructure errors: they become defects.
 */
import crypto from "node:crypto"
import fs from "node:fs/promises"
import path from "node:path"
import { Context, Effect, Layer, Option, Redacted } from "effect"
import nodemailer from "nodemailer"
import type { AppConfig } from "../config.ts"
import { Clock } from "./Clock.ts"

/** One message: plain text always, HTML optionally. */
export interface Email {
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html?: string
}

export type MailerConfig = Pick<AppConfig, "outboxDir" | "smtpUrl" | "mailFrom">

export class Mailer extends Context.Service<
  Mailer,
  {
    /** Sends one message (or writes it to the outbox). */
    send(email: Email): Effect.Effect<void>
  }
>()("smartfam/Mailer") {
  /** SMTP when configured, else the `.eml` outbox folder. */
  static readonly layer = (config: MailerConfig) =>
    Layer.effect(
      Mailer,
      Effect.gen(function* () {
        if (Option.isSome(config.smtpUrl)) {
          const transport = nodemailer.createTransport(Redacted.value(config.smtpUrl.value))
          yield* Effect.addFinalizer(() => Effect.sync(() => transport.close()))
          return Mailer.of({
            send: (email) =>
              Effect.promise(() => transport.sendMail({ from: config.mailFrom, ...email })).pipe(
                Effect.asVoid,
                Effect.withSpan("Mailer.send")
              )
          })
        }
        const clock = yield* Clock
        const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" })
        const dir = path.resolve(config.outboxDir)
        let sequence = 0
        return Mailer.of({
          send: (email) =>
            Effect.flatMap(clock.now, (date) =>
              Effect.promise(async () => {
                const info = await transport.sendMail({ from: config.mailFrom, date, ...email })
                await fs.mkdir(dir, { recursive: true })
                // Names sort in sending order within a process; the random part keeps processes apart.
                const name = `${date.toISOString().replace(/[:.]/g, "-")}-${String(++sequence).padStart(6, "0")}-${crypto.randomBytes(4).toString("hex")}.eml`
                await fs.writeFile(path.join(dir, name), info.message)
              })
            ).pipe(Effect.withSpan("Mailer.send"))
        })
      })
    )

  /** Keeps messages in memory (tests of other services). */
  static readonly layerMemory = (sent: Array<Email>) =>
    Layer.succeed(Mailer, Mailer.of({ send: (email) => Effect.sync(() => void sent.push(email)) }))
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

const compose = (
  subject: string,
  italian: ReadonlyArray<string>,
  english: ReadonlyArray<string>,
  link: string
): Omit<Email, "to"> => {
  const paragraphs = (lines: ReadonlyArray<string>) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")
  return {
    subject,
    text: [...italian, "", link, "", "—", "", ...english, "", link, ""].join("\n"),
    html: [
      `<div lang="it">${paragraphs(italian)}<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></div>`,
      "<hr>",
      `<div lang="en">${paragraphs(english)}<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></div>`
    ].join("\n")
  }
}

/** The email asking a family to confirm their address: Italian first, English below. */
export const verificationEmail = (link: string, hours: number) =>
  compose(
    "Conferma il tuo indirizzo email - Smartfam / Confirm your email address",
    [
      "Benvenuta, benvenuto in Smartfam!",
      `Per confermare il tuo indirizzo email apri questo collegamento entro ${hours} ore:`
    ],
    ["Welcome to Smartfam!", `To confirm your email address, open this link within ${hours} hours:`],
    link
  )

/** The email with a password reset link: Italian first, English below. */
export const passwordResetEmail = (link: string, minutes: number) =>
  compose(
    "Reimposta la password - Smartfam / Reset your password",
    [
      "Abbiamo ricevuto una richiesta di reimpostare la password del tuo account Smartfam.",
      `Per scegliere una nuova password apri questo collegamento entro ${minutes} minuti. Se non l'hai chiesto tu, ignora questo messaggio.`
    ],
    [
      "We received a request to reset the password of your Smartfam account.",
      `To choose a new password, open this link within ${minutes} minutes. If you did not ask for it, ignore this message.`
    ],
    link
  )
