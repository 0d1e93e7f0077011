import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

// WCAG 2.1 A and AA, the rules axe tags for them.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe on the page as it is now (dialogs open included) and fails with
 * every serious or critical violation, each with the elements it found.
 * Minor and moderate findings are not failures (axe's own triage), but the
 * target is 0 serious or critical on every page an e2e flow visits.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Right after a server action's refresh, the page's <title> is briefly out
  // of the document while React re-inserts the new metadata (CI caught axe in
  // that gap once: document-title on the members page). Give it up to 2 s to
  // settle; a page that truly has no title still fails below.
  await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 2_000 }).catch(() => undefined);
  // resultTypes: only violations get their selectors worked out (axe's
  // documented speed-up; passes are not read), which keeps ~56 checks per CI run cheap.
  const results = await new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ["violations"] }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length === 0) return;
  const lines = serious.map(
    (v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes
      .slice(0, 5)
      .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ").trim() ?? ""}`)
      .join("\n")}`,
  );
  throw new Error(`Accessibility, ${name} (${page.url()}):\n${lines.join("\n")}`);
}
