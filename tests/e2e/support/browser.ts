import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { expectAccessible } from "./a11y";

// Debian's Chromium; playwright cannot download browsers here. The flags keep
// it from reaching out to the (closed) network.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const RESULTS_DIR = path.resolve(__dirname, "..", "..", "..", "test-results");

/** Playwright gives every launch a fresh, empty profile directory. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: FLAGS });
}

/**
 * Saves a full-page screenshot to read, and checks the page with axe as it
 * is at that moment: every page and dialog a flow shows is checked.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}
