/** An admission round: a family applies for the nursery, sees its provisional position and score, withdraws. */
import { expect, test } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { expectNoAxeViolations } from "./fixtures.ts"
import { FERRARI, logIn, newPage, tabTo } from "./helpers.ts"

test("a family applies for a nursery place by keyboard, sees its position with the score line by line, and withdraws", async ({ browser }) => {
  const page = await newPage(browser, { width: 375 })
  await logIn(page, FERRARI)

  await page.goto(`${urls.portal}/servizi/nido-cresciamo`)
  const round = page.getByTestId("admission-round")
  await expect(round).toContainText("Domande aperte")
  await expect(round).toContainText("Bambino con disabilità certificata")
  await expectNoAxeViolations(page)
  const cta = round.getByRole("button", { name: "Presenta domanda" })
  await tabTo(page, cta)
  await page.keyboard.press("Enter")
  await expect(page).toHaveURL(/\/servizi\/nido-cresciamo\/domanda/)
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Domanda per")
  await expectNoAxeViolations(page)

  // Giorgia is chosen already (the only child of the right age); one statement, no documents yet.
  await expect(page.getByLabel("Giorgia")).toBeChecked()
  const network = page.getByLabel("Non ci sono nonni o altri parenti vicini che possano accudire il bambino")
  await tabTo(page, network)
  await page.keyboard.press("Space")
  await expect(network).toBeChecked()
  await tabTo(page, page.getByRole("button", { name: "Invia la domanda" }))
  await page.keyboard.press("Enter")

  const sent = page.getByTestId("application-sent")
  await expect(sent).toContainText("Domanda inviata")
  await expect(sent.getByTestId("standing-position")).toContainText(/Posizione provvisoria \d+ su \d+ \(12 posti\)/)
  await expect(sent.getByTestId("breakdown")).toContainText("Entrambi i genitori lavorano")
  await expect(sent).toContainText("Documenti da consegnare: certificato vaccinale")
  await expectNoAxeViolations(page)

  await page.goto(`${urls.portal}/area-personale/prenotazioni`)
  const card = page.getByTestId("application").filter({ hasText: "Giorgia" }).filter({ has: page.getByTestId("standing-position") })
  await expect(card).toHaveCount(1)
  await expect(card.locator("[data-outcome]")).toHaveAttribute("data-outcome", "admitted-with-reservation")
  await expectNoAxeViolations(page)

  // In English, the score lines and documents are named in English too.
  await page.goto(`${urls.portal}/area-personale/prenotazioni?lang=en`)
  await expect(card.getByTestId("breakdown")).toContainText("Both parents work")
  await expect(card).toContainText("Documents to deliver: vaccination certificate")
  await page.goto(`${urls.portal}/area-personale/prenotazioni?lang=it`)

  // Withdrawing takes a second, confirming step.
  await card.locator("summary").filter({ hasText: "Ritira la domanda" }).click()
  await expect(card).toContainText("La domanda esce dalla graduatoria")
  await expectNoAxeViolations(page)
  await card.getByRole("button", { name: /Conferma il ritiro/ }).click()
  await expect(page.getByTestId("application").filter({ hasText: "Domanda ritirata" }).first()).toBeVisible()
  await expect(page.getByTestId("application").filter({ has: page.getByTestId("standing-position") })).toHaveCount(0)
})
