import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { completeSetup, expectText } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

const env = serverAndBrowser();

async function addContact(page: Page, first: string, last: string, email: string) {
  await page.goto(`${env.server.url}/contacts/new`);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Save contact" }).click();
  await page.waitForURL(/\/contacts\?added=/);
}

async function defineAttribute(page: Page, label: string, key: string, type: string, options?: string) {
  await page.getByLabel("Label", { exact: true }).fill(label);
  await page.getByLabel("Key", { exact: true }).fill(key);
  await page.getByLabel("Type").selectOption(type);
  if (options) await page.getByLabel("Options (one per line)").fill(options);
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByTestId(`attribute-${key}`).waitFor();
}

test("attributes, filters, columns and lists", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await completeSetup(page, env.server.url);
  for (const [first, last] of [["Ann", "Lee"], ["Ben", "Ortiz"], ["Cat", "Nguyen"], ["Dev", "Patel"]]) {
    await addContact(page, first, last, `${first.toLowerCase()}@acme.test`);
  }

  // Define a dropdown and a date attribute.
  await page.goto(`${env.server.url}/settings/attributes`);
  await defineAttribute(page, "Tier", "tier", "dropdown", "Gold\nSilver\nBronze");
  await defineAttribute(page, "Renewal date", "renewal_date", "date");
  await screenshot(page, "lists-01-attributes-settings");

  // Set them on a contact; a bad date is refused beside the field.
  await page.goto(`${env.server.url}/contacts`);
  await page.getByRole("link", { name: "Edit Ann Lee" }).click();
  await page.getByLabel("Tier").selectOption("Gold");
  await page.getByLabel("Renewal date").fill("2027-03-31");
  await screenshot(page, "lists-02-contact-form-attributes");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expectText(page, "Gold");
  await expectText(page, "2027-03-31");
  await screenshot(page, "lists-03-details-attributes");

  // Filter by the dropdown value, then by the date range.
  await page.goto(`${env.server.url}/contacts?a.tier=Gold`);
  expect(await page.getByTestId("contact-row").count()).toBe(1);
  await page.goto(`${env.server.url}/contacts`);
  await page.getByText("Filters").click();
  await page.getByLabel("Renewal date from").fill("2027-01-01");
  await page.getByLabel("Renewal date to").fill("2027-12-31");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/a\.renewal_date\.from=2027-01-01/);
  expect(page.url()).not.toContain("status=");
  expect(await page.getByTestId("contact-row").count()).toBe(1);
  // The date range's inputs are as wide as the activity dates' (at 128 px the year was cut off: "01/01/20").
  const range = (await page.getByLabel("Renewal date from").boundingBox())!;
  const activity = (await page.getByLabel("Last activity from").boundingBox())!;
  expect(range.width).toBeGreaterThanOrEqual(activity.width);
  await screenshot(page, "lists-04-filtered-by-date");

  // Show both attributes as columns.
  await page.goto(`${env.server.url}/contacts`);
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByLabel("Show Tier").check();
  await page.getByLabel("Show Renewal date").check();
  await page.getByLabel("Show Email", { exact: true }).uncheck();
  await screenshot(page, "lists-05-columns-dialog");
  await page.getByRole("button", { name: "Save columns" }).click();
  await page.getByRole("columnheader", { name: "Tier" }).waitFor();
  expect(await page.getByRole("columnheader", { name: "Email", exact: true }).count()).toBe(0);
  await expectText(page, "2027-03-31");
  await screenshot(page, "lists-06-attribute-columns");

  // A new list, and three contacts bulk-added to it.
  await page.goto(`${env.server.url}/lists`);
  await page.getByLabel("List name").fill("Renewals Q1");
  await page.getByRole("button", { name: "Create list" }).click();
  await expectText(page, "List created.");
  await page.goto(`${env.server.url}/contacts`);
  for (const name of ["Ann Lee", "Ben Ortiz", "Cat Nguyen"]) await page.getByLabel(`Select ${name}`).check();
  await page.getByLabel("List for the selected contacts").selectOption({ label: "Renewals Q1" });
  await page.getByRole("button", { name: "Add to list" }).click();
  await expectText(page, "Added 3 contacts to Renewals Q1.");
  await screenshot(page, "lists-07-bulk-added");
  await page.goto(`${env.server.url}/lists`);
  await page.getByRole("link", { name: /Renewals Q1/ }).click();
  await page.waitForURL(/\/lists\/[0-9a-f-]{36}$/);
  await expectText(page, "3 contacts");
  expect(await page.getByTestId("contact-row").count()).toBe(3);
  await screenshot(page, "lists-08-list-page");
  await context.close();
});
