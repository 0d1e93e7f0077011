import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { completeSetup, expectText } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

// A Google Contacts export and an iPhone vCard, uploaded as they come:
// nothing is mapped by hand.

const env = serverAndBrowser();
const FORMATS = path.join(__dirname, "..", "fixtures", "import", "formats");

async function upload(page: Page, file: string): Promise<void> {
  await page.goto(`${env.server.url}/contacts/import`);
  await page.getByLabel("File (.csv, .xlsx or .vcf)").setInputFiles(path.join(FORMATS, file));
  await page.getByRole("button", { name: "Continue to mapping" }).click();
  await page.waitForURL(/\/contacts\/import\/[0-9a-f-]{36}$/);
}

async function previewAndRun(page: Page, shot: string): Promise<string> {
  await page.getByRole("button", { name: "Preview import" }).click();
  await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
  await screenshot(page, `${shot}-preview`);
  const extra = (await page.getByTestId("import-extra-values").textContent()) ?? "";
  await page.getByRole("button", { name: "Import now" }).click();
  await page.getByRole("heading", { name: "Done" }).waitFor({ timeout: 30_000 });
  await screenshot(page, `${shot}-done`);
  return extra;
}

test("a Google Contacts export and a vCard import with no manual mapping", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await completeSetup(page, env.server.url);

  await page.goto(`${env.server.url}/contacts/import`);
  await page.getByText("Which file do I have?").click();
  await expectText(page, "contacts.google.com → Export → Google CSV");
  await screenshot(page, "formats-01-which-file");

  await upload(page, "google.csv");
  expect(await page.getByTestId("recognized-format").textContent()).toContain("a Google Contacts export");
  expect(await page.getByLabel("Import “Phone 1 - Value” as").inputValue()).toBe("phone");
  expect(await page.getByLabel("Import “Phone 2 - Value” as").inputValue()).toBe("phone:2");
  expect(await page.getByLabel("Import “Labels” as").inputValue()).toBe("lists");
  expect(await page.getByLabel("Import “E-mail 1 - Value” as").inputValue()).toBe("email");
  await screenshot(page, "formats-02-google-mapping");
  expect(await previewAndRun(page, "formats-03-google")).toContain("2 rows have more than one phone number; 1 row has more than one email. Only one of each will be imported");
  expect(await page.getByTestId("import-summary").textContent()).toContain("Created3");

  await page.goto(`${env.server.url}/contacts?q=jane`);
  // Jane's mobile (her second number, labelled Mobile), not her work number.
  await expectText(page, "555-0199");
  expect(await page.getByText("555-0100").count()).toBe(0);
  await page.goto(`${env.server.url}/lists`);
  await expectText(page, "Customers");
  expect(await page.getByText("myContacts").count()).toBe(0);

  await upload(page, "apple.vcf");
  expect(await page.getByTestId("recognized-format").textContent()).toContain("a vCard file");
  expect(await page.getByLabel("Import “Phone 2” as").inputValue()).toBe("phone:2");
  await screenshot(page, "formats-04-vcard-mapping");
  // Jane and Ravi are already there from Google's file (same numbers): skipped, not doubled.
  await previewAndRun(page, "formats-05-vcard");
  const done = await page.getByTestId("import-summary").textContent();
  expect(done).toContain("Created0");
  expect(done).toContain("Skipped: already in contacts2");

  // Back out as one vCard: all contacts from the dialog, the selected ones from the bulk bar.
  await page.goto(`${env.server.url}/contacts`);
  await page.getByRole("button", { name: "Export" }).click();
  await page.getByLabel("vCard (.vcf)").check();
  await expectText(page, "One card per contact");
  await screenshot(page, "formats-06-export-vcard");
  const [all] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  expect(all.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
  const cards = fs.readFileSync((await all.path())!, "utf8");
  expect(cards.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(3);
  expect(cards).toContain("CATEGORIES:Customers,VIP");
  await page.keyboard.press("Escape");
  await page.getByLabel("Select Jane Doe").check();
  await screenshot(page, "formats-07-bulk-vcard");
  const [selected] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export selected as vCard" }).click()]);
  const one = fs.readFileSync((await selected.path())!, "utf8");
  expect(one.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(1);
  expect(one).toContain("FN:Jane Doe");
  await context.close();
});
