import { expect, test } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { expectNoAxeViolations } from "./fixtures.ts"

test.describe("portal home", () => {
  test("shows the project, its money and its four partners, read from the API", async ({ browser }) => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${urls.portal}/`)
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Famiglie Smart – Smartfam Voghera")
    await expect(page.getByText("€ 50.000,00")).toBeVisible()
    await expect(page.getByTestId("partner")).toHaveCount(4)
    await expect(page.getByRole("heading", { name: "CresciAmo Società Cooperativa Sociale" })).toBeVisible()
    await expect(page.locator("html")).toHaveAttribute("lang", "it")
  })

  test("passes axe with zero violations, on a desktop and on a phone", async ({ browser }) => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
      const page = await (await browser.newContext({ viewport })).newPage()
      await page.goto(`${urls.portal}/`)
      await expectNoAxeViolations(page)
    }
  })

  test("is usable by keyboard: the first Tab reaches the skip link, which moves focus to the content", async ({ browser }) => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${urls.portal}/`)
    await page.keyboard.press("Tab")
    await expect(page.getByRole("link", { name: "Vai al contenuto principale" })).toBeFocused()
    await page.keyboard.press("Enter")
    await expect(page.locator("main")).toBeFocused()
  })
})
