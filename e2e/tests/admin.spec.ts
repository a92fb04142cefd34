import { expect, test } from "@playwright/test"
import { urls } from "../playwright.config.ts"
import { expectNoAxeViolations } from "./fixtures.ts"

test.describe("admin home", () => {
  test("shows the budget: total cost, grant and co-financing, with shares and per partner", async ({ browser }) => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${urls.admin}/`)
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Budget del progetto")
    await expect(page.getByTestId("total-cost")).toHaveText("€ 105.440,29")
    await expect(page.getByTestId("grant")).toHaveText("€ 50.000,00")
    await expect(page.getByTestId("cofinancing")).toHaveText("€ 55.440,29")
    await expect(page.getByText("47,42% del costo")).toBeVisible()
    await expect(page.getByText("52,58% del costo")).toBeVisible()
    const comune = page.getByRole("row", { name: /Comune di Voghera/ })
    await expect(comune.getByRole("cell").last()).toHaveText("€ 0,00")
  })

  test("passes axe with zero violations", async ({ browser }) => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${urls.admin}/`)
    await expectNoAxeViolations(page)
  })
})
