/** Shared test helpers: an axe scan that fails with a readable list of violations. */
import AxeBuilder from "@axe-core/playwright"
import { expect, type Page } from "@playwright/test"

export const expectNoAxeViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
  expect(summary).toEqual([])
}
