import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { addMember, completeSetup, expectText, signIn, signOut } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

const env = serverAndBrowser();

async function fillContact(page: Page, contact: { first: string; last: string; company?: string; phone?: string; email?: string }) {
  await page.getByLabel("First name").fill(contact.first);
  await page.getByLabel("Last name").fill(contact.last);
  if (contact.company) await page.getByLabel("Company").fill(contact.company);
  if (contact.phone) await page.getByLabel("Phone").fill(contact.phone);
  if (contact.email) await page.getByLabel("Email").fill(contact.email);
}

function rows(page: Page) {
  return page.getByTestId("contact-row");
}

test("the address book: add, dedupe, search, star, bulk delete, and a view-only role", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await completeSetup(page, env.server.url);
  await screenshot(page, "contacts-01-empty");

  // Add a favorite, keeping the form open for the next one.
  await page.getByRole("link", { name: "Add Contact" }).click();
  await page.waitForURL(/\/contacts\/new$/);
  await fillContact(page, { first: "Jane", last: "Doe", company: "Acme Corp", phone: "(201) 555-0123", email: "jane@acme.test" });
  await page.getByLabel("Mark as favorite").check();
  await page.getByLabel("Add another contact after saving").check();
  await screenshot(page, "contacts-02-add-form");
  await page.getByRole("button", { name: "Save contact" }).click();
  await expectText(page, "Jane Doe was added. Add the next one.");
  expect(await page.getByLabel("First name").inputValue()).toBe("");
  expect(await page.getByLabel("Add another contact after saving").isChecked()).toBe(true);

  // Bad input: clear messages beside the fields, nothing saved.
  await page.getByLabel("First name").fill("Nobody");
  await page.getByLabel("Phone").fill("555-0100");
  await page.getByRole("button", { name: "Save contact" }).click();
  await expectText(page, "This phone number is too short.");
  expect(await page.getByLabel("First name").inputValue()).toBe("Nobody");
  await screenshot(page, "contacts-03-bad-phone");

  for (const person of [
    { first: "John", last: "Smith", company: "Globex", phone: "+44 20 7946 0958", email: "john@globex.test" },
    { first: "Ann", last: "Lee", company: "Initech", phone: "(212) 555-0188" },
  ]) {
    await fillContact(page, person);
    await page.getByRole("button", { name: "Save contact" }).click();
    await expectText(page, `${person.first} ${person.last} was added.`);
  }
  await page.getByLabel("Add another contact after saving").uncheck();
  await fillContact(page, { first: "Bob", last: "Brown", email: "bob@brown.test" });
  await page.getByRole("button", { name: "Save contact" }).click();
  await page.waitForURL(/\/contacts\?added=/);
  await expect(rows(page).count()).resolves.toBe(4);
  await expectText(page, "4 contacts");
  await screenshot(page, "contacts-04-list");

  // The same number typed another way: a duplicate message with a link.
  await page.goto(`${env.server.url}/contacts/new`);
  await fillContact(page, { first: "Janet", last: "Dough", phone: "+1 201.555.0123" });
  await page.getByRole("button", { name: "Save contact" }).click();
  await expectText(page, "Already in contacts: Jane Doe");
  await screenshot(page, "contacts-05-duplicate");
  await page.getByRole("link", { name: "Open Jane Doe" }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expectText(page, "Acme Corp");
  await screenshot(page, "contacts-06-details");

  // Search by part of the number, in yet another format.
  await page.goto(`${env.server.url}/contacts`);
  await page.getByLabel("Search").fill("555 0123");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/q=555\+0123/);
  await expect(rows(page).count()).resolves.toBe(1);
  await expectText(page, "Jane Doe");
  await expect(page.getByTestId("contacts-total").textContent()).resolves.toBe("1 contact");
  await screenshot(page, "contacts-07-phone-search");

  // Star from the row: John joins Favorites.
  await page.goto(`${env.server.url}/contacts`);
  await page.getByRole("button", { name: "Star John Smith" }).click();
  await page.getByRole("list", { name: "Favorite contacts" }).getByText("John Smith").waitFor();
  await screenshot(page, "contacts-08-starred");

  // Bulk delete two.
  await page.getByLabel("Select Ann Lee").check();
  await page.getByLabel("Select Bob Brown").check();
  await expectText(page, "2 contacts selected");
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Delete" }).click();
  await expectText(page, "Delete 2 contacts?");
  await screenshot(page, "contacts-09-bulk-delete-confirm");
  await page.getByRole("button", { name: "Delete 2 contacts" }).click();
  await expectText(page, "Deleted 2 contacts.");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=contact-row]").length === 2);
  await screenshot(page, "contacts-10-after-bulk-delete");

  // Contacts Management off: tab gone, pages 404, data kept; on again: all back.
  await page.goto(`${env.server.url}/settings/workspace`);
  await page.getByLabel("Contacts Management").uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectText(page, "Workspace settings saved.");
  await page.reload();
  expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).count()).toBe(0);
  expect((await page.goto(`${env.server.url}/contacts`))?.status()).toBe(404);
  await page.goto(`${env.server.url}/settings/workspace`);
  await page.getByLabel("Contacts Management").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectText(page, "Workspace settings saved.");
  await page.goto(`${env.server.url}/contacts`);
  await expect(rows(page).count()).resolves.toBe(2);

  // A data analyst sees contacts but no add, edit or delete controls.
  await addMember(page, env.server.url, { name: "Dana Analyst", email: "dana@acme.test", role: "data_analyst", password: "dana password 1" });
  await signOut(page);
  await signIn(page, env.server.url, "dana@acme.test", "dana password 1");
  await page.waitForURL(/\/contacts$/);
  await expect(rows(page).count()).resolves.toBe(2);
  expect(await page.getByRole("link", { name: "Add Contact" }).count()).toBe(0);
  expect(await page.getByRole("link", { name: /^Edit / }).count()).toBe(0);
  expect(await page.getByRole("button", { name: /^Delete/ }).count()).toBe(0);
  await screenshot(page, "contacts-11-data-analyst");
  const refused = await page.goto(`${env.server.url}/contacts/new`);
  expect(refused?.status()).toBe(200);
  await expectText(page, "Your role is not allowed to add and edit contacts.");
  await context.close();
});
