import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshot } from "./support/browser";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/(contacts|sessions)$/);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
}

test("first run, members and roles, end to end", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();

  // First run: / leads to setup; a bad submission shows field errors.
  await page.goto(server.url);
  await page.waitForURL(/\/setup$/);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expectText(page, "Enter a workspace name.");
  await screenshot(page, "01-setup-errors");

  await page.getByLabel("Workspace name").fill("Acme Support");
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Your email").fill("ada@acme.test");
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Confirm password").fill("correct horse battery");
  await screenshot(page, "02-setup-filled");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/contacts$/);
  await expectText(page, "Ada Admin");
  await screenshot(page, "03-contacts-as-super-admin");

  // Setup is gone once a user exists.
  const setupAgain = await page.goto(`${server.url}/setup`);
  expect(setupAgain?.status()).toBe(404);
  await page.goto(`${server.url}/contacts`);

  await signOut(page);
  await screenshot(page, "04-signin");

  // Wrong password: a clear message, still on the sign-in page.
  await page.getByLabel("Email").fill("ada@acme.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectText(page, "Wrong email or password.");
  await screenshot(page, "05-signin-wrong-password");

  await signIn(page, "ada@acme.test", "correct horse battery");

  // Add a member with role "user".
  await page.getByRole("link", { name: "Settings" }).click();
  await page.waitForURL(/\/settings\/workspace$/);
  await screenshot(page, "06-settings-workspace");
  await page.getByRole("link", { name: "Members" }).click();
  await page.waitForURL(/\/settings\/members$/);
  await page.getByRole("button", { name: "Add member" }).click();
  await expectText(page, "Enter a name.");
  await screenshot(page, "07-add-member-errors");
  await page.getByLabel("Name", { exact: true }).fill("Uma User");
  await page.getByLabel("Email").fill("uma@acme.test");
  await page.getByLabel("Role", { exact: true }).selectOption("user");
  await page.getByLabel("Initial password").fill("uma password 123");
  await page.getByRole("button", { name: "Add member" }).click();
  await page.getByTestId("member-uma@acme.test").waitFor();
  await screenshot(page, "08-members-with-uma");
  await signOut(page);

  // The member: no Settings in the navigation, and its URL refuses.
  await signIn(page, "uma@acme.test", "uma password 123");
  await expectText(page, "Uma User");
  expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).count()).toBe(0);
  await screenshot(page, "09-contacts-as-user");
  await page.goto(`${server.url}/settings/workspace`);
  await expectText(page, "Not allowed");
  await screenshot(page, "10-settings-refused-for-user");
  await page.goto(`${server.url}/settings/members`);
  await expectText(page, "Not allowed");
  await signOut(page);
  await context.close();
});

async function expectText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 15_000 });
}
