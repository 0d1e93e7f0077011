import crypto from "node:crypto";
import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { addMember, completeSetup, expectText, signIn, signOut, addContact as addContactAt } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

const env = serverAndBrowser();

const UMA = { name: "Uma User", email: "uma@acme.test", role: "user", password: "uma password 123" };

const addContact = (page: Page, first: string, last: string, phone: string) => addContactAt(page, env.server.url, first, last, phone);

async function startInvite(page: Page, title: string) {
  await page.goto(`${env.server.url}/sessions/new`);
  await page.getByLabel("Session title").fill(title);
}

test("invites: picker with the keyboard, matching, save as new, Agent Portal, STOP by webhook", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await completeSetup(page, env.server.url);
  await addContact(page, "Jane", "Doe", "(201) 555-0123");
  await addContact(page, "John", "Smith", "+44 20 7946 0958");
  await addMember(page, env.server.url, UMA);
  await page.goto(`${env.server.url}/settings/workspace`);
  const secret = (await page.getByTestId("inbound-secret").textContent())!.trim();
  const workspaceId = (await page.getByText(/^[0-9a-f-]{36}$/).first().textContent())!.trim();
  await signOut(page);

  await signIn(page, env.server.url, UMA.email, UMA.password);
  await page.getByRole("button", { name: "Star Jane Doe" }).click();
  await page.getByRole("list", { name: "Favorite contacts" }).getByText("Jane Doe").waitFor();

  // 1. Pick a favorite from the panel with the keyboard.
  await startInvite(page, "Router setup");
  await page.getByRole("button", { name: "Select from Contacts" }).click();
  await page.getByRole("option", { name: /Jane Doe/ }).waitFor();
  await screenshot(page, "invites-01-picker");
  const first = page.getByRole("option").first();
  expect(await first.textContent()).toContain("Jane Doe");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  expect(await page.getByLabel("Phone number").inputValue()).toBe("(201) 555-0123");
  await expectText(page, "In contacts: Jane Doe");
  await screenshot(page, "invites-02-picked");
  await page.getByRole("button", { name: "Send invite" }).click();
  await page.waitForURL(/\/sessions\?sent=/);

  // 2. A known number typed another way is matched.
  await startInvite(page, "Billing question");
  await page.getByLabel("Phone number").fill("+44 (0)20 7946 0958");
  await expectText(page, "In contacts: John Smith");
  await screenshot(page, "invites-03-typed-match");
  await page.getByRole("button", { name: "Send invite" }).click();
  await page.waitForURL(/\/sessions\?sent=/);

  // 3. A new number, saved as a new contact when the invite is sent.
  await startInvite(page, "New customer");
  await page.getByLabel("Phone number").fill("212 555 0188");
  await page.getByLabel("Save as new contact").check();
  await page.getByLabel("First name").fill("Nina");
  await page.getByLabel("Last name").fill("Park");
  await page.getByLabel("Company").fill("Initech");
  await screenshot(page, "invites-04-save-new");
  await page.getByRole("button", { name: "Send invite" }).click();
  await page.waitForURL(/\/sessions\?sent=/);

  // 4. The Agent Portal shows the names beside the numbers.
  expect(await page.getByTestId("session-row").count()).toBe(3);
  for (const name of ["Jane Doe", "John Smith", "Nina Park"]) await page.getByRole("cell", { name }).waitFor();
  await screenshot(page, "invites-05-agent-portal");
  await page.goto(`${env.server.url}/sessions/outbox`);
  expect(await page.getByTestId("outbox-message").count()).toBe(3);
  await screenshot(page, "invites-06-outbox");

  // 5. Jane replies STOP: the provider posts it, signed, to the webhook.
  const body = JSON.stringify({ channel: "sms", from: "+12015550123", body: "STOP", messageId: "sms-1" });
  // Signed as docs/webhooks.md says (Standard Webhooks), from the secret as settings show it.
  const [webhookId, timestamp] = ["msg_sms-1", String(Math.floor(Date.now() / 1000))];
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = `v1,${crypto.createHmac("sha256", key).update(`${webhookId}.${timestamp}.${body}`).digest("base64")}`;
  const unsigned = await fetch(`${env.server.url}/api/webhooks/inbound`, { method: "POST", headers: { "x-switchboard-workspace": workspaceId, "content-type": "application/json" }, body });
  expect(unsigned.status).toBe(401);
  const signed = await fetch(`${env.server.url}/api/webhooks/inbound`, {
    method: "POST",
    headers: { "x-switchboard-workspace": workspaceId, "webhook-id": webhookId, "webhook-timestamp": timestamp, "webhook-signature": signature, "content-type": "application/json" },
    body,
  });
  expect(signed.status).toBe(200);
  expect(await signed.json()).toMatchObject({ applied: "unsubscribed" });

  // 6. The next SMS invite to Jane is warned about before Send (with the
  // channels still allowed), marked in the picker, and refused at Send.
  await startInvite(page, "Follow-up");
  await page.getByLabel("Phone number").fill("201-555-0123");
  const warning = page.getByTestId("lookup-refusal");
  await warning.getByText("unsubscribed from SMS").waitFor();
  expect(await page.getByTestId("lookup").getByText("In contacts").count()).toBe(0);
  await warning.getByRole("button", { name: "Invite by WhatsApp" }).waitFor();
  await screenshot(page, "invites-07a-warned-before-send");
  await page.getByRole("button", { name: "Send invite" }).click();
  await page.getByRole("alert").filter({ hasText: "Jane Doe unsubscribed from SMS" }).waitFor();
  // Said once: the field's error has the sentence, the warning keeps its link and the allowed channels.
  expect(await warning.getByText("unsubscribed from SMS").count()).toBe(0);
  await warning.getByRole("link", { name: "View Jane Doe" }).waitFor();
  await screenshot(page, "invites-07-refused-after-stop");
  await page.getByRole("button", { name: "Select from Contacts" }).click();
  await page.getByRole("option", { name: /Jane Doe/ }).getByTestId("picker-unsubscribed").getByText("Unsubscribed: SMS").waitFor();
  await page.keyboard.press("Escape");
  // Offered instead: WhatsApp to the same number, which is not refused.
  await warning.getByRole("button", { name: "Invite by WhatsApp" }).click();
  await page.getByTestId("lookup").getByText("In contacts").waitFor();

  // The contact's page shows the consent change and the session in its timeline.
  await page.goto(`${env.server.url}/contacts`);
  await page.getByRole("link", { name: "Jane Doe" }).first().click();
  await page.getByTestId("activity-consent").waitFor();
  await page.getByTestId("activity-session").waitFor();
  await screenshot(page, "invites-08-contact-timeline");
  await context.close();
});
