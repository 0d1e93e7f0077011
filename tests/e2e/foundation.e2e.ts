import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { expectText, signOut, signIn as signInAt } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

const env = serverAndBrowser();

const signIn = (page: Page, email: string, password: string) => signInAt(page, env.server.url, email, password);

test("first run, members and roles, end to end", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();

  // First run: / leads to setup; a bad submission shows field errors.
  await page.goto(env.server.url);
  await page.waitForURL(/\/setup$/);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expectText(page, "Enter a workspace name.");
  await screenshot(page, "foundation-01-setup-errors");

  await page.getByLabel("Workspace name").fill("Acme Support");
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Your email").fill("ada@acme.test");
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Confirm password").fill("correct horse battery");
  await screenshot(page, "foundation-02-setup-filled");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/contacts$/);
  await expectText(page, "Ada Admin");
  await screenshot(page, "foundation-03-contacts-as-super-admin");

  // Setup is gone once a user exists.
  const setupAgain = await page.goto(`${env.server.url}/setup`);
  expect(setupAgain?.status()).toBe(404);
  await page.goto(`${env.server.url}/contacts`);

  await signOut(page);
  await screenshot(page, "foundation-04-signin");

  // Wrong password: a clear message, still on the sign-in page.
  await page.getByLabel("Email").fill("ada@acme.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectText(page, "Wrong email or password.");
  await screenshot(page, "foundation-05-signin-wrong-password");

  await signIn(page, "ada@acme.test", "correct horse battery");

  // Add a member with role "user".
  await page.getByRole("link", { name: "Settings" }).click();
  await page.waitForURL(/\/settings\/workspace$/);
  await screenshot(page, "foundation-06-settings-workspace");
  await page.getByRole("link", { name: "Members" }).click();
  await page.waitForURL(/\/settings\/members$/);
  await page.getByRole("button", { name: "Add member" }).click();
  await expectText(page, "Enter a name.");
  await screenshot(page, "foundation-07-add-member-errors");
  await page.getByLabel("Name", { exact: true }).fill("Uma User");
  await page.getByLabel("Email").fill("uma@acme.test");
  await page.getByLabel("Role", { exact: true }).selectOption("user");
  await page.getByLabel("Initial password").fill("uma password 123");
  await page.getByRole("button", { name: "Add member" }).click();
  await page.getByTestId("member-uma@acme.test").waitFor();
  await screenshot(page, "foundation-08-members-with-uma");
  await signOut(page);

  // The member: no Settings in the navigation, and its URL refuses.
  await signIn(page, "uma@acme.test", "uma password 123");
  await expectText(page, "Uma User");
  expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).count()).toBe(0);
  await screenshot(page, "foundation-09-contacts-as-user");
  await page.goto(`${env.server.url}/settings/workspace`);
  await expectText(page, "Not allowed");
  await screenshot(page, "foundation-10-settings-refused-for-user");
  await page.goto(`${env.server.url}/settings/members`);
  await expectText(page, "Not allowed");
  await signOut(page);
  await context.close();
});
