/** SPID/CIE login through the API's OIDC gateway (a stand-in provider): the portal ends up logged in. */
import { expect, test } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { expectNoAxeViolations } from "./fixtures.ts"
import { newPage } from "./helpers.ts"

/** At the stand-in provider: its development login page (any login), then its consent page. */
const signInAtProvider = async (page: import("@playwright/test").Page, login: string) => {
  await page.waitForURL((url) => url.origin === urls.oidc)
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill("any")
  await page.locator('button[type="submit"]').click()
  await page.locator('button[type="submit"]').click()
}

test("a parent logs in with SPID/CIE: a verified account is created and the portal is logged in", async ({ browser }) => {
  const page = await newPage(browser)
  let landing: string | undefined
  page.on("request", (request) => {
    if (request.url().includes("/accedi/identita-digitale?code=")) landing = request.url()
  })
  await page.goto(`${urls.portal}/accedi`)
  await expectNoAxeViolations(page)
  await page.getByRole("link", { name: "Entra con SPID o CIE" }).click()
  await signInAtProvider(page, "giulia.neri")
  await page.waitForURL(`${urls.portal}/area-personale`)
  // Logged in under the name the provider gave, the email already verified (no "confirm your email" notice).
  await expect(page.getByRole("heading", { level: 1, name: "Area personale" })).toBeVisible()
  await expect(page.getByRole("main").getByText("giulia.neri SPID")).toBeVisible()
  await expect(page.getByRole("button", { name: "Invia di nuovo il collegamento" })).toHaveCount(0)

  // The code in the landing address works once: replayed elsewhere, it explains instead of logging in.
  expect(landing).toBeDefined()
  const other = await newPage(browser)
  await other.goto(landing!)
  await expect(other.getByRole("alert")).toContainText("scaduto o già usato")
  await expectNoAxeViolations(other)
})

test("an identity without an email is refused with an explanation on the portal", async ({ browser }) => {
  const page = await newPage(browser)
  await page.goto(`${urls.portal}/accedi`)
  await page.getByRole("link", { name: "Entra con SPID o CIE" }).click()
  await signInAtProvider(page, "senza-email")
  await page.waitForURL(/\/accedi\/identita-digitale\?errore=oidc-no-email/)
  await expect(page.getByRole("alert")).toContainText("non ha comunicato un'email")
  await expectNoAxeViolations(page)
})
