/** Helpers of the portal's end-to-end tests: emails from the outbox, API-side set-up, keyboard driving. */
import { readdir, readFile } from "node:fs/promises"
import path from "node:path"
import { expect, request, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test"
import { outboxDir, urls } from "../playwright.config.ts"

export const DEMO_PASSWORD = "smartfam-demo"
export const ROSSI = "famiglia.rossi@smartfam.example"
export const BIANCHI = "famiglia.bianchi@smartfam.example"
export const FERRARI = "famiglia.ferrari@smartfam.example"

/** A browser context as a person in Italy would have it (Italian dates in date inputs). */
export const newPage = async (browser: Browser, options: { javaScriptEnabled?: boolean; width?: number } = {}) => {
  const context = await browser.newContext({
    locale: "it-IT",
    timezoneId: "Europe/Rome",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 }
  })
  return context.newPage()
}

/** Quoted-printable as nodemailer writes it: soft breaks and `=XX` escapes. */
const unQuote = (s: string) => s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))

/** The link of kind `page` (e.g. "verifica-email") in the newest email sent to `to`. */
export const linkFrom = async (to: string, page: string): Promise<string> => {
  for (let i = 0; i < 50; i++) {
    const files = (await readdir(outboxDir).catch(() => [] as Array<string>)).filter((f) => f.endsWith(".eml")).sort().reverse()
    for (const f of files) {
      const text = unQuote(await readFile(path.join(outboxDir, f), "utf8"))
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, "\\$&")}`, "mi").test(text)) continue
      const match = new RegExp(`https?://[^\\s"<>]+/${page}\\?token=[A-Za-z0-9_-]+`).exec(text)
      if (match) return match[0]
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no ${page} email for ${to} in ${outboxDir}`)
}

/** A family account made through the API alone (register, verify, log in), as a request context. */
export const apiFamily = async (email: string): Promise<APIRequestContext> => {
  const api = await request.newContext({ baseURL: urls.api })
  expect((await api.post("/api/v1/auth/register", { data: { email, password: "password-e2e-1" } })).status()).toBe(201)
  const token = new URL(await linkFrom(email, "verifica-email")).searchParams.get("token")
  expect((await api.post("/api/v1/auth/verify-email", { data: { token } })).ok()).toBe(true)
  const login = await api.post("/api/v1/auth/login", { data: { email, password: "password-e2e-1" } })
  expect(login.ok()).toBe(true)
  await api.dispose()
  // The cookie expires on the API's demo clock (2023), so send the token as the apps do: Bearer.
  const session = /smartfam_session=([^;]+)/.exec(login.headers()["set-cookie"] ?? "")?.[1]
  expect(session).toBeTruthy()
  return request.newContext({ baseURL: urls.api, extraHTTPHeaders: { authorization: `Bearer ${session}` } })
}

/**
 * Takes `places` places of a session with other families' children (a household of `places` children
 * resident in Voghera), so the next booking takes the last place and the one after waits.
 */
export const fillSession = async (sessionId: string, places: number, tag: string) => {
  const api = await apiFamily(`riempi.${tag}@smartfam.example`)
  const children = Array.from({ length: places }, (_, i) => ({ id: `c${i}`, name: `Bimbo ${i}`, birthDate: "2015-01-15", disability104: false }))
  const household = {
    adults: [{ codiceFiscale: "FRRPLA85L01M109O", sex: "M", comuneEmployee: false, weeklyHours: 38, residence: "018182" }],
    children,
    singleParent: false,
    consents: [{ purpose: "service-delivery", givenAt: "2023-06-01T08:00:00.000Z", version: "2022-09" }]
  }
  expect((await api.put("/api/v1/me/household", { data: household })).status()).toBe(200)
  for (const c of children) {
    const res = await api.post("/api/v1/bookings", { data: { sessionId, childId: c.id, mode: "confirm" } })
    expect(res.status(), await res.text()).toBe(201)
  }
  await api.dispose()
}

/** Logs in through the portal's form. */
export const logIn = async (page: Page, email: string, password = DEMO_PASSWORD) => {
  await page.goto(`${urls.portal}/accedi`)
  await page.getByLabel("Email").fill(email)
  await page.getByLabel("Password", { exact: true }).fill(password)
  await page.getByRole("button", { name: "Accedi", exact: true }).click()
  await expect(page).toHaveURL(/\/area-personale/)
}

/** Presses Tab until `target` has the focus (fails if it is not reachable by keyboard). */
export const tabTo = async (page: Page, target: Locator, max = 150) => {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press("Tab")
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`)
}

/** Every page of the portal a visitor can open, with query strings that change what it shows. */
export const publicRoutes = [
  "/",
  "/?lang=en",
  "/servizi",
  "/servizi?tipo=closure-childcare&eta=7&chiusure=1&dal=2023-06-12&al=2023-06-30",
  "/servizi?eta=abc",
  "/servizi/centro-estivo-staffora",
  "/servizi/nido-cresciamo",
  "/servizi/assistenza-domiciliare",
  "/posso-accedere",
  "/posso-accedere?servizio=chiusure-scolastiche",
  "/accedi",
  "/registrati",
  "/password-dimenticata",
  "/verifica-email?token=abc",
  "/verifica-email",
  "/reimposta-password?token=abc",
  "/privacy-e-condizioni"
]

/** The pages behind the login (as the demo family Rossi). */
export const privateRoutes = [
  "/area-personale",
  "/area-personale/nucleo",
  "/area-personale/prenotazioni",
  "/area-personale/privacy",
  "/servizi/centro-estivo-staffora/prenota",
  "/servizi/centro-estivo-staffora/prenota?settimana=2023-07-03&figlio=luca",
  "/servizi/sportello-caregiver/prenota",
  "/servizi/nido-cresciamo/domanda"
]
