import type { Page } from "playwright-core";

export const ADMIN = { name: "Ada Admin", email: "ada@acme.test", password: "correct horse battery" };

export async function expectText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 15_000 });
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/(contacts|sessions)$/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
}

/** Adds a contact through the Add Contact form and waits for the list it returns to. */
export async function addContact(page: Page, baseUrl: string, first: string, last: string, phone: string) {
  await page.goto(`${baseUrl}/contacts/new`);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Phone").fill(phone);
  await page.getByRole("button", { name: "Save contact" }).click();
  await page.waitForURL(/\/contacts\?added=/);
}

/** First-run setup through the form; leaves the Super Admin signed in on /contacts. */
export async function completeSetup(page: Page, baseUrl: string, workspaceName = "Acme Support") {
  await page.goto(`${baseUrl}/setup`);
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Your email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/contacts$/);
}

/** Adds a member through Settings → Members (the signed-in user must manage members). */
export async function addMember(page: Page, baseUrl: string, member: { name: string; email: string; role: string; password: string }) {
  await page.goto(`${baseUrl}/settings/members`);
  await page.getByLabel("Name", { exact: true }).fill(member.name);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Role", { exact: true }).selectOption(member.role);
  await page.getByLabel("Initial password").fill(member.password);
  await page.getByRole("button", { name: "Add member" }).click();
  await page.getByTestId(`member-${member.email}`).waitFor();
}
