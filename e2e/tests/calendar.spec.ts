/** The secret calendar address: made on "my bookings", read by a client without cookies, revoked. */
import { expect, test } from "@playwright/test"
import ICAL from "ical.js"
import { urls } from "../playwright.config.ts"
import { expectNoAxeViolations } from "./fixtures.ts"
import { BIANCHI, logIn, newPage } from "./helpers.ts"

test("a family makes a calendar address, a calendar app reads it without logging in, and the family revokes it", async ({ browser, request }) => {
  const page = await newPage(browser)
  await logIn(page, BIANCHI)
  await page.goto(`${urls.portal}/area-personale/prenotazioni`)
  await page.getByRole("button", { name: "Crea un nuovo indirizzo" }).click()
  const field = page.getByLabel("Indirizzo del calendario")
  await expect(field).toHaveValue(/\/calendario\/[\w-]{43}\.ics$/)
  await expectNoAxeViolations(page)
  const address = await field.inputValue()
  await expect(page.getByRole("link", { name: "Apri nell'app di calendario" })).toHaveAttribute("href", address.replace(/^https?:/, "webcal:"))

  // A calendar app: no cookies, just the address.
  const feed = await request.get(address, { headers: { cookie: "" } })
  expect(feed.status()).toBe(200)
  expect(feed.headers()["content-type"]).toContain("text/calendar")
  const calendar = new ICAL.Component(ICAL.parse(await feed.text()))
  expect(calendar.name).toBe("vcalendar")

  await page.getByRole("button", { name: "Revoca l'indirizzo" }).click()
  await expect(page.getByText("Indirizzo revocato")).toBeVisible()
  expect((await request.get(address)).status()).toBe(404)
})
