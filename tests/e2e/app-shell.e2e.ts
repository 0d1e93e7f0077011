import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { completeSetup, expectText, addContact as addContactAt } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

// Issue 21, what people see: the app's own 404 and its shell, toasts clear
// of the navigation, a live-looking "Delete all…", consent history to the
// second, date messages in the workspace's format, the import wizard's
// list choice, folded empty columns and finished summary, and the main
// pages at phone width. Every screenshot also runs axe (support/browser.ts).

const env = serverAndBrowser();

const addContact = (page: Page, first: string, last: string, phone: string) => addContactAt(page, env.server.url, first, last, phone);

/** A Google Contacts style export: a few used columns and many empty ones. */
function googleCsv(): string {
  const empty = Array.from({ length: 24 }, (_, i) => `Custom Field ${i + 1}`);
  const header = ["Name", "Phone 1 - Value", "E-mail 1 - Value", "Renewal", ...empty];
  const rows = [
    ["Jane Doe", "(201) 555-0177", "jane@acme.test", "12/31/2026"],
    ["Ann Lee", "(212) 555-0188", "ann@initech.test", "31/12/2026"],
  ].map((r) => [...r, ...empty.map(() => "")]);
  return [header, ...rows].map((r) => r.join(",")).join("\n");
}

test("the app shell: its own 404, toasts, Delete all, consent times, date formats, the import wizard", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await completeSetup(page, env.server.url);

  // An unknown id: the app's 404 inside the shell, with a way back.
  const missing = await page.goto(`${env.server.url}/contacts/00000000-0000-4000-8000-000000000000`);
  expect(missing?.status()).toBe(404);
  await page.getByRole("heading", { name: "We could not find that page" }).waitFor();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).waitFor();
  await page.getByRole("link", { name: "Go to the start page" }).waitFor();
  expect(await page.getByText("This page could not be found").count()).toBe(0);
  await screenshot(page, "shell-01-not-found-in-shell");

  // A URL that is no page at all: the same message, outside the shell.
  const nowhere = await page.goto(`${env.server.url}/no/such/page`);
  expect(nowhere?.status()).toBe(404);
  await page.getByRole("heading", { name: "We could not find that page" }).waitFor();
  await screenshot(page, "shell-02-not-found-outside");

  // Contacts Management off: the contacts pages are the app's 404 too.
  await page.goto(`${env.server.url}/settings/workspace`);
  await page.getByLabel("Contacts Management").uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectText(page, "saved");
  const off = await page.goto(`${env.server.url}/contacts`);
  expect(off?.status()).toBe(404);
  await page.getByRole("heading", { name: "We could not find that page" }).waitFor();
  await page.goto(`${env.server.url}/settings/workspace`);
  await page.getByLabel("Contacts Management").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectText(page, "saved");

  // A date attribute; the workspace is in the US, so dates are month first.
  await page.goto(`${env.server.url}/settings/attributes`);
  await page.getByLabel("Label").fill("Renewal");
  await page.getByLabel("Key").fill("renewal");
  await page.getByLabel("Type").selectOption("date");
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByText("renewal", { exact: true }).first().waitFor();

  // Toasts appear clear of the header navigation.
  await page.goto(`${env.server.url}/contacts/new`);
  await page.getByLabel("First name").fill("Jane");
  await page.getByLabel("Phone").fill("(201) 555-0123");
  await page.getByLabel("Add another contact after saving").check();
  await page.getByRole("button", { name: "Save contact" }).click();
  const toast = page.locator("[data-sonner-toast]").first();
  await toast.waitFor();
  const header = (await page.locator("header").boundingBox())!;
  const toastBox = (await toast.boundingBox())!;
  expect(toastBox.y).toBeGreaterThan(header.y + header.height);
  await screenshot(page, "shell-03-toast-clear-of-nav");

  // "Delete all…" reads as a live button: enabled, full opacity, outlined.
  await page.goto(`${env.server.url}/contacts`);
  const deleteAll = page.getByRole("button", { name: "Delete all…" });
  expect(await deleteAll.isEnabled()).toBe(true);
  expect(await deleteAll.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  await screenshot(page, "shell-04-contacts");

  // By keyboard: Space selects a row (the bulk bar appears), Tab reaches the
  // row's star with a visible focus ring, Enter stars it.
  await page.getByRole("checkbox", { name: "Select Jane" }).focus();
  await page.keyboard.press("Space");
  await page.getByText("1 contact selected").waitFor();
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return { label: el.getAttribute("aria-label"), outline: getComputedStyle(el).outlineStyle };
  });
  expect(focused).toEqual({ label: "Star Jane", outline: "solid" });
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Unstar Jane" }).waitFor();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Space");

  // Two consent changes on one day are told apart by their time.
  await page.getByRole("link", { name: "Jane" }).first().click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  for (const consent of ["Subscribed", "Unsubscribed"]) {
    await page.getByRole("button", { name: "Update consent" }).click();
    await page.getByLabel("Channel").selectOption({ label: "Email" });
    await page.getByLabel("Consent", { exact: true }).selectOption({ label: consent });
    await page.getByRole("button", { name: "Save consent" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
  }
  const history = page.getByRole("table").filter({ has: page.getByText("History") });
  await history.getByRole("row").nth(2).waitFor();
  const times = await history.locator("time").allTextContents();
  expect(times.length).toBeGreaterThanOrEqual(2);
  for (const time of times) expect(time).toMatch(/, \d{1,2}:\d{2}:\d{2}\s[AP]M UTC$/);
  await screenshot(page, "shell-05-consent-history-times");

  // The import wizard: no lists yet says so; 24 empty columns folded away;
  // a day-first date in a US workspace is refused in the US format.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sb-shell-")), "google.csv");
  fs.writeFileSync(file, googleCsv());
  await page.goto(`${env.server.url}/contacts/import`);
  await page.getByLabel("File (.csv, .xlsx or .vcf)").setInputFiles(file);
  await page.getByRole("button", { name: "Continue to mapping" }).click();
  await page.waitForURL(/\/contacts\/import\/[0-9a-f-]{36}$/);
  await expectText(page, "24 empty columns ignored");
  expect(await page.getByLabel("Import “Custom Field 1” as").count()).toBe(0);
  await page.getByTestId("import-lists-empty").getByText("No lists yet").waitFor();
  await page.getByLabel("Import “Phone 1 - Value” as").selectOption("phone");
  await page.getByLabel("Import “E-mail 1 - Value” as").selectOption("email");
  await page.getByLabel("Import “Renewal” as").selectOption("attr.renewal");
  await screenshot(page, "shell-06-import-mapping");
  await page.getByRole("button", { name: "show" }).click();
  await page.getByLabel("Import “Custom Field 1” as").waitFor();
  await page.getByRole("button", { name: "hide" }).click();

  await page.getByRole("button", { name: "Preview import" }).click();
  await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Import now" }).click();
  await page.getByRole("heading", { name: "Done" }).waitFor({ timeout: 30_000 });
  // Finished: a summary of what was used, no controls that look editable.
  await page.getByRole("heading", { name: "What this import used" }).waitFor();
  expect(await page.getByLabel("Import “Name” as").count()).toBe(0);
  expect(await page.getByTestId("import-used-mapping").textContent()).toContain("Attribute: Renewal");
  expect(await page.getByTestId("import-summary").textContent()).toContain("Created1");
  await page.getByText("Renewal must be a date, like 12/31/2026 (MM/DD/YYYY).").waitFor();
  await screenshot(page, "shell-07-import-finished");
  await context.close();
});

test("at phone width the nav collapses, the contacts table is a list, and no page scrolls sideways", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/signin`);
  await page.getByLabel("Email").fill("ada@acme.test");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/contacts$/);
  await addContact(page, "Nina", "Park", "(212) 555-0199");

  // Against the phone's 390 px, not window.innerWidth: a mobile browser
  // widens its layout viewport to fit content that overflows.
  const noSideways = async (name: string) => {
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    // What sticks out, named, when something does. (It was the members
    // table's sr-only header text: absolutely positioned, so a scroll box
    // without position clipped it not, and the page scrolled to 574 px.)
    const wide = scroll > 390 ? await page.evaluate(() => {
      const out = (el: Element | null) => Boolean(el) && el!.getBoundingClientRect().right > 391;
      return [...document.querySelectorAll("body *")].filter((el) => out(el) && !out(el.parentElement)).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} in ${el.parentElement?.tagName.toLowerCase()}.${el.parentElement?.className}`.slice(0, 200));
    }) : [];
    expect({ name, scroll, wide }).toEqual({ name, scroll: 390, wide: [] });
  };
  for (const [url, name] of [
    ["/contacts", "phone-01-contacts"],
    ["/contacts/new", "phone-02-add-contact"],
    ["/contacts/import", "phone-03-import"],
    ["/sessions/new", "phone-04-new-session"],
    ["/sessions", "phone-05-sessions"],
    ["/settings/members", "phone-06-members"],
    ["/lists", "phone-07-lists"],
  ] as const) {
    await page.goto(`${env.server.url}${url}`);
    await page.locator("main h1").first().waitFor();
    await noSideways(name);
    await screenshot(page, name);
  }

  // The contacts table as a list: each row a card, the name on its first line.
  await page.goto(`${env.server.url}/contacts`);
  const row = page.getByTestId("contact-row").first();
  expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe("grid");
  expect(await page.locator("thead th").nth(2).isVisible()).toBe(false);

  // The navigation is one Menu button that opens the links and Sign out.
  expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).waitFor();
  await screenshot(page, "phone-08-menu-open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await page.waitForURL(/\/sessions$/);
  expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
  await context.close();
});
