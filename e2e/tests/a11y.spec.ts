/** axe-core on every portal route, logged out and logged in, on a desktop and a phone, with forms in their error states. */
import { expect, test } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { expectNoAxeViolations } from "./fixtures.ts"
import { DEMO_PASSWORD, ROSSI, newPage, privateRoutes, publicRoutes } from "./helpers.ts"

for (const width of [1280, 375]) {
  test(`every public route passes axe at ${width}px`, async ({ browser }) => {
    const page = await newPage(browser, { width })
    for (const route of publicRoutes) {
      await test.step(route, async () => {
        await page.goto(`${urls.portal}${route}`)
        await expectNoAxeViolations(page)
      })
    }
  })

  test(`every logged-in route passes axe at ${width}px`, async ({ browser }) => {
    const page = await newPage(browser, { width })
    await page.goto(`${urls.portal}/accedi`)
    await page.getByLabel("Email").fill(ROSSI)
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole("button", { name: "Accedi", exact: true }).click()
    await expect(page).toHaveURL(/\/area-personale$/)
    for (const route of privateRoutes) {
      await test.step(route, async () => {
        await page.goto(`${urls.portal}${route}`)
        await expectNoAxeViolations(page)
      })
    }
  })
}

test("forms in their error and result states pass axe", async ({ browser }) => {
  const page = await newPage(browser)
  await test.step("sign-up errors", async () => {
    await page.goto(`${urls.portal}/registrati`)
    await page.getByLabel("Email").fill("non-una-email")
    await page.getByRole("button", { name: "Registrati" }).click()
    await expect(page.locator("#r-email-err")).toBeVisible()
    await expectNoAxeViolations(page)
  })
  await test.step("login error", async () => {
    await page.goto(`${urls.portal}/accedi`)
    await page.getByLabel("Email").fill(ROSSI)
    await page.getByLabel("Password", { exact: true }).fill("sbagliata")
    await page.getByRole("button", { name: "Accedi", exact: true }).click()
    await expect(page.getByRole("alert")).toBeVisible()
    await expectNoAxeViolations(page)
  })
  await test.step("eligibility questions and outcome", async () => {
    await page.goto(`${urls.portal}/posso-accedere?servizio=centro-estivo-staffora`)
    await page.getByRole("button", { name: "Verifica" }).click()
    await expect(page.getByTestId("outcome")).toBeVisible()
    await expectNoAxeViolations(page)
    await page.getByLabel("Lavori per una delle imprese partner del progetto?").selectOption({ label: "No, non è un partner" })
    await page.getByRole("button", { name: "Continua" }).click()
    await expect(page.getByText("Questo dato è obbligatorio.").first()).toBeVisible()
    await expectNoAxeViolations(page)
  })
  await test.step("household errors (logged in)", async () => {
    await page.goto(`${urls.portal}/accedi`)
    await page.getByLabel("Email").fill(ROSSI)
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole("button", { name: "Accedi", exact: true }).click()
    await expect(page).toHaveURL(/\/area-personale$/)
    await page.goto(`${urls.portal}/area-personale/nucleo`)
    await page.locator("#h-adults-0-codiceFiscale").fill("RSSGLI88C54M109X")
    await page.getByRole("button", { name: "Salva i dati" }).click()
    await expect(page.getByTestId("household-errors")).toBeVisible()
    await expectNoAxeViolations(page)
  })
  await test.step("privacy erase without confirmation", async () => {
    await page.goto(`${urls.portal}/area-personale/privacy`)
    await page.getByRole("button", { name: "Cancella definitivamente" }).click()
    await expect(page.locator("#erase-err")).toBeVisible()
    await expectNoAxeViolations(page)
  })
})
