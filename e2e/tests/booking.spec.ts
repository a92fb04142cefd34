/**
 * The families' journey, end to end, against the demo on its clock (Monday 5 June 2023, the week before
 * summer closures): a parent signs up and verifies the email from the outbox, fills in the household (with
 * an inline error first), checks eligibility anonymously-style, books two closure days (hold → confirm),
 * another family joins the waiting list of the full day, the parent cancels it, and the other family is
 * offered the place and accepts it. Once with the mouse, once by keyboard only.
 */
import { expect, test, type Locator, type Page } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { BIANCHI, DEMO_PASSWORD, fillSession, linkFrom, newPage, tabTo } from "./helpers.ts"

const SERVICE = "centro-estivo-staffora"
const sessionOf = (date: string) => `${SERVICE}:${date}:0800`

interface Driver {
  fill(page: Page, target: Locator, text: string): Promise<void>
  date(page: Page, target: Locator, iso: string): Promise<void>
  check(page: Page, target: Locator): Promise<void>
  select(page: Page, target: Locator, label: string): Promise<void>
  /** The second radio of a group whose first radio is `first`. */
  second(page: Page, first: Locator, second: Locator): Promise<void>
  press(page: Page, target: Locator): Promise<void>
}

const mouse: Driver = {
  fill: async (_, target, text) => {
    await target.click()
    await target.fill(text)
  },
  date: async (_, target, iso) => target.fill(iso),
  // Bootstrap Italia draws checkboxes and radios on their labels: a person clicks the label.
  check: async (page, target) => page.locator(`label[for="${await target.getAttribute("id")}"]`).click(),
  select: async (_, target, label) => {
    await target.selectOption({ label })
  },
  second: async (page, _, second) => page.locator(`label[for="${await second.getAttribute("id")}"]`).click(),
  press: async (_, target) => target.click()
}

const keyboard: Driver = {
  fill: async (page, target, text) => {
    await tabTo(page, target)
    await page.keyboard.press("Control+A")
    await page.keyboard.type(text)
  },
  date: async (page, target, iso) => {
    await tabTo(page, target)
    const [y, m, d] = iso.split("-")
    // Headless Debian Chromium lays date fields out as mm/dd/yyyy whatever the page's locale.
    await page.keyboard.type(`${m}${d}${y}`)
    await expect(target).toHaveValue(iso)
  },
  check: async (page, target) => {
    await tabTo(page, target)
    await page.keyboard.press("Space")
  },
  select: async (page, target, label) => {
    await tabTo(page, target)
    await page.keyboard.press(label.charAt(0))
    for (let i = 0; i < 300; i++) {
      if ((await target.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "")) === label) return
      await page.keyboard.press("ArrowDown")
    }
    throw new Error(`option ${label} not reached`)
  },
  second: async (page, first, second) => {
    await tabTo(page, first)
    await page.keyboard.press("ArrowRight")
    await expect(second).toBeChecked()
  },
  press: async (page, target) => {
    await tabTo(page, target)
    await page.keyboard.press("Enter")
  }
}

const journey = async (browser: import("@playwright/test").Browser, ui: Driver, tag: string, monday: string, d1: string, d2: string) => {
  const email = `genitore.${tag}@example.org`
  const password = "una-password-sicura"
  const parent = await newPage(browser)

  await test.step("sign up and verify the email from the outbox", async () => {
    await parent.goto(`${urls.portal}/registrati`)
    await ui.fill(parent, parent.getByLabel("Email"), email)
    await ui.fill(parent, parent.getByLabel("Password", { exact: true }), password)
    await ui.check(parent, parent.getByLabel("Ho letto l'informativa sulla privacy"))
    await ui.press(parent, parent.getByRole("button", { name: "Registrati" }))
    await expect(parent.getByTestId("registered")).toContainText(email)
    await parent.goto(await linkFrom(email, "verifica-email"))
    await ui.press(parent, parent.getByRole("button", { name: "Conferma l'email" }))
    await expect(parent.getByTestId("verified")).toBeVisible()
    await parent.goto(`${urls.portal}/accedi`)
    await ui.fill(parent, parent.getByLabel("Email"), email)
    await ui.fill(parent, parent.getByLabel("Password", { exact: true }), password)
    await ui.press(parent, parent.getByRole("button", { name: "Accedi", exact: true }))
    await expect(parent).toHaveURL(/\/area-personale$/)
  })

  await test.step("fill in the household, fixing a codice fiscale the form rejects", async () => {
    await parent.goto(`${urls.portal}/area-personale/nucleo`)
    const cf = parent.locator("#h-adults-0-codiceFiscale")
    await ui.fill(parent, cf, "SPSCHR90D52M109A")
    await ui.check(parent, parent.locator("#h-adults-0-sex-F"))
    await ui.fill(parent, parent.locator("#h-adults-0-employerName"), "Staffora Lab S.n.c.")
    await ui.select(parent, parent.locator("#h-adults-0-partnerId"), "Staffora Lab S.n.c.")
    await ui.fill(parent, parent.locator("#h-adults-0-weeklyHours"), "30")
    await ui.fill(parent, parent.locator("#h-children-0-name"), "Marta")
    await ui.date(parent, parent.locator("#h-children-0-birthDate"), "2015-05-20")
    await ui.check(parent, parent.locator("#h-consent-service-delivery"))
    await ui.press(parent, parent.getByRole("button", { name: "Salva i dati" }))
    await expect(parent.locator("#h-adults-0-codiceFiscale-err")).toContainText("controllo")
    await expect(cf).toHaveAttribute("aria-invalid", "true")
    await ui.fill(parent, cf, "SPSCHR90D52M109Q")
    await ui.press(parent, parent.getByRole("button", { name: "Salva i dati" }))
    await expect(parent.getByTestId("household-saved")).toBeVisible()
  })

  await test.step("check eligibility: only the questions the rules need", async () => {
    await parent.goto(`${urls.portal}/posso-accedere?servizio=${SERVICE}`)
    await ui.press(parent, parent.getByRole("button", { name: "Verifica" }))
    await expect(parent.getByTestId("outcome")).toHaveAttribute("data-status", "undetermined")
    await expect(parent.getByLabel("Qual è il tuo ISEE?")).toHaveCount(0)
    await ui.select(parent, parent.getByLabel("Lavori per una delle imprese partner del progetto?"), "No, non è un partner")
    await ui.second(parent, parent.getByRole("radio", { name: "Sì" }), parent.getByRole("radio", { name: "No" }))
    await ui.select(parent, parent.getByLabel("In quale comune risiedi?"), "Voghera")
    await ui.date(parent, parent.getByLabel("Quando è nato il bambino o la bambina?"), "2015-05-20")
    await ui.press(parent, parent.getByRole("button", { name: "Continua" }))
    await expect(parent.getByTestId("outcome")).toHaveAttribute("data-status", "eligible")
    await expect(parent.getByTestId("reasons")).toContainText("Voghera")
  })

  // Another household takes all but one place of the first day, so that day ends up full.
  await fillSession(sessionOf(d1), 29, tag)

  await test.step("hold two closure days, see the hold time, confirm", async () => {
    await parent.goto(`${urls.portal}/servizi/${SERVICE}/prenota?settimana=${monday}`)
    await expect(parent.getByLabel(/1 posto libero/)).toHaveCount(1)
    await ui.check(parent, parent.locator(`input[value="${sessionOf(d1)}"]`))
    await ui.check(parent, parent.locator(`input[value="${sessionOf(d2)}"]`))
    await ui.press(parent, parent.getByRole("button", { name: "Tieni i posti per 15 minuti" }))
    await expect(parent.getByTestId("held")).toContainText("Conferma entro le 08:")
    await ui.press(parent, parent.getByRole("button", { name: "Conferma la prenotazione (2)" }))
    await expect(parent.getByTestId("held")).toHaveCount(0)
    await expect(parent.locator('[data-status="confirmed"]')).toHaveCount(4) // two day cells, two list rows
  })

  const other = await newPage(browser)
  await test.step("another family finds the first day full and joins the waiting list", async () => {
    await other.goto(`${urls.portal}/accedi`)
    await ui.fill(other, other.getByLabel("Email"), BIANCHI)
    await ui.fill(other, other.getByLabel("Password", { exact: true }), DEMO_PASSWORD)
    await ui.press(other, other.getByRole("button", { name: "Accedi", exact: true }))
    await expect(other).toHaveURL(/\/area-personale$/)
    await other.goto(`${urls.portal}/servizi/${SERVICE}/prenota?settimana=${monday}&figlio=tommaso`)
    const full = other.locator(`input[value="${sessionOf(d1)}"]`)
    await expect(other.locator(`label[for="${await full.getAttribute("id")}"]`)).toContainText("Completo: lista d'attesa")
    await ui.check(other, full)
    await ui.press(other, other.getByRole("button", { name: "Tieni i posti per 15 minuti" }))
    await expect(other.getByTestId("hold-results")).toContainText("sei in lista d'attesa")
    await other.goto(`${urls.portal}/area-personale/prenotazioni`)
    await expect(other.locator(`[data-session="${sessionOf(d1)}"]`).getByTestId("waitlist-position")).toHaveText("posizione 1 in lista d'attesa")
  })

  await test.step("the parent cancels the first day", async () => {
    await parent.goto(`${urls.portal}/area-personale/prenotazioni`)
    const day1 = parent.locator(`[data-session="${sessionOf(d1)}"]`)
    await ui.press(parent, day1.getByRole("button", { name: /^Annulla/ }))
    await expect(day1).toHaveCount(0)
    await expect(parent.locator(`[data-session="${sessionOf(d2)}"] [data-status="confirmed"]`)).toBeVisible()
    await expect(parent.getByRole("heading", { name: "Storico" })).toBeVisible()
  })

  await test.step("the waiting list promotes the other family, who accepts the offer", async () => {
    await other.goto(`${urls.portal}/area-personale/prenotazioni`)
    await expect(other.getByTestId("offer-alert")).toBeVisible()
    const offered = other.locator(`[data-session="${sessionOf(d1)}"]`)
    await expect(offered.locator('[data-status="offered"]')).toHaveText("Posto offerto")
    await ui.press(other, offered.getByRole("button", { name: /^Accetta il posto/ }))
    await expect(offered.locator('[data-status="confirmed"]')).toBeVisible()
  })
  await parent.context().close()
  await other.context().close()
}

test.describe("booking journey", () => {
  test("with the mouse: sign up, household, eligibility, two closure days, cancel, waitlist promotion", async ({ browser }) => {
    await journey(browser, mouse, `mouse${Date.now()}`, "2023-06-12", "2023-06-13", "2023-06-14")
  })

  test("by keyboard only: the same journey", async ({ browser }) => {
    test.setTimeout(120_000)
    await journey(browser, keyboard, `keys${Date.now()}`, "2023-06-19", "2023-06-20", "2023-06-21")
  })
})
