/**
 * Screenshots of the main pages at desktop (1280 px) and phone (375 px) widths for the README, written to
 * docs/screenshots/. Run on purpose only (they are committed): SMARTFAM_SCREENSHOTS=1 pnpm exec playwright test tests/screenshots.spec.ts
 */
import path from "node:path"
import { expect, test, type Page } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { DEMO_PASSWORD, ROSSI } from "./helpers.ts"

const dir = path.resolve(import.meta.dirname, "../../docs/screenshots")

test.skip(process.env["SMARTFAM_SCREENSHOTS"] !== "1", "set SMARTFAM_SCREENSHOTS=1 to refresh docs/screenshots")

const shots: ReadonlyArray<{ name: string; go: (page: Page) => Promise<void>; login?: boolean }> = [
  { name: "home", go: async (p) => void (await p.goto(`${urls.portal}/`)) },
  { name: "catalogue", go: async (p) => void (await p.goto(`${urls.portal}/servizi?eta=7&chiusure=1`)) },
  { name: "service", go: async (p) => void (await p.goto(`${urls.portal}/servizi/centro-estivo-staffora`)) },
  {
    name: "eligibility",
    go: async (p) => {
      await p.goto(`${urls.portal}/posso-accedere?servizio=centro-estivo-staffora`)
      await p.getByRole("button", { name: "Verifica" }).click()
      await expect(p.getByTestId("outcome")).toBeVisible()
    }
  },
  { name: "booking-week", login: true, go: async (p) => void (await p.goto(`${urls.portal}/servizi/centro-estivo-staffora/prenota?settimana=2023-06-12&figlio=luca`)) },
  { name: "my-bookings", login: true, go: async (p) => void (await p.goto(`${urls.portal}/area-personale/prenotazioni`)) },
  { name: "household", login: true, go: async (p) => void (await p.goto(`${urls.portal}/area-personale/nucleo`)) }
]

for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 375, height: 812 }]] as const) {
  test(`screenshots at ${label} width`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, locale: "it-IT", deviceScaleFactor: 1 })
    const page = await context.newPage()
    let loggedIn = false
    for (const shot of shots) {
      if (shot.login && !loggedIn) {
        await page.goto(`${urls.portal}/accedi`)
        await page.getByLabel("Email").fill(ROSSI)
        await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD)
        await page.getByRole("button", { name: "Accedi", exact: true }).click()
        await expect(page).toHaveURL(/\/area-personale$/)
        loggedIn = true
      }
      await shot.go(page)
      await page.evaluate(() => document.fonts.ready)
      await page.screenshot({ path: path.join(dir, `${shot.name}-${label}.png`) })
    }
    await context.close()
  })
}
