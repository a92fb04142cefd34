/** The booking flow with JavaScript disabled: every step is a plain form POST rendered by the server. */
import { expect, test } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { DEMO_PASSWORD, ROSSI, newPage } from "./helpers.ts"

test("books, confirms and cancels a closure day without JavaScript", async ({ browser }) => {
  const page = await newPage(browser, { javaScriptEnabled: false })
  await page.goto(`${urls.portal}/accedi`)
  await page.getByLabel("Email").fill(ROSSI)
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole("button", { name: "Accedi", exact: true }).click()
  await expect(page).toHaveURL(/\/area-personale$/)

  await page.goto(`${urls.portal}/servizi/centro-estivo-staffora/prenota?settimana=2023-06-26`)
  await expect(page.getByLabel("Luca")).toBeChecked()
  const session = "centro-estivo-staffora:2023-06-27:0800"
  // Bootstrap Italia draws the checkbox on its label: click the label, as a person would.
  await page.locator(`label[for="s-${session}"]`).click()
  await page.getByRole("button", { name: "Tieni i posti per 15 minuti" }).click()
  await expect(page.getByTestId("held")).toContainText("Luca")
  await page.getByRole("button", { name: "Conferma la prenotazione (1)" }).click()
  await expect(page.getByTestId("held")).toHaveCount(0)

  await page.goto(`${urls.portal}/area-personale/prenotazioni`)
  const booking = page.locator(`[data-session="${session}"]`)
  await expect(booking.locator('[data-status="confirmed"]')).toBeVisible()
  await booking.getByRole("button", { name: /^Annulla/ }).click()
  await expect(page.locator(`[data-session="${session}"]`)).toHaveCount(0)
  await expect(page.getByRole("heading", { name: "Storico" })).toBeVisible()

  // The catalogue's filters are a GET form: the URL carries them.
  await page.goto(`${urls.portal}/servizi`)
  await page.getByLabel("Età del bambino (anni)").fill("7")
  await page.locator('label[for="f-closure"]').click()
  await page.getByRole("button", { name: "Applica i filtri" }).click()
  await expect(page).toHaveURL(/eta=7/)
  await expect(page).toHaveURL(/chiusure=1/)
  await expect(page.getByTestId("service-list").getByRole("link", { name: "Centro estivo Staffora Lab" })).toBeVisible()
})
