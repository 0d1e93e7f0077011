jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { and, eq } from "drizzle-orm";
import { GET } from "@/app/api/sessions/report/route";
import type { DatabaseHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import { sendInviteAction } from "@/lib/invites/actions";
import { createTestDatabase } from "../support/db";
import { callerFor } from "../support/fixtures";
import { get, json, signIn, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function workspaceWithInvites() {
  const world = await workspaceWithMembers(handle.db);
  const caller = callerFor(handle.db, world.agent.userId);
  for (const [title, channel, destination] of [["By text", "sms", "201 555 0123"], ["By mail", "email", "jane@acme.test"]]) {
    const sent = await sendInviteAction.invoke(caller, { title, channel, destination });
    if (!sent.ok) throw new Error(sent.message);
  }
  return world;
}

const rows = (csv: string) => csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);

describe("GET /api/sessions/report", () => {
  test("streams this workspace's invites as CSV, filtered, and audits the download", async () => {
    const a = await workspaceWithInvites();
    await workspaceWithInvites();
    signIn(handle.db, a.admin.userId);
    const all = await GET(get("/api/sessions/report"));
    expect(all.status).toBe(200);
    expect(all.headers.get("content-disposition")).toMatch(/^attachment; filename="session-report-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(rows(await all.text())).toHaveLength(2);
    const sms = await GET(get(`/api/sessions/report?channel=sms&agent=${a.agent.userId}&from=2000-01-01`));
    expect(rows(await sms.text())).toEqual([expect.stringContaining(",By text,")]);
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, a.workspace.id), eq(auditLog.action, "sessions.report_downloaded")));
    expect(audits.map((e) => e.after)).toEqual(expect.arrayContaining([{}, { channel: "sms", agent: a.agent.userId, from: "2000-01-01" }]));
  });

  test("cells that start a formula are escaped; the header row is fixed text (no label a user picks), written through the same guard", async () => {
    const a = await workspaceWithMembers(handle.db);
    const sent = await sendInviteAction.invoke(callerFor(handle.db, a.agent.userId), { title: '=HYPERLINK("http://evil.test","x")', reference: "@SUM(1)", channel: "email", destination: "jane@acme.test" });
    if (!sent.ok) throw new Error(sent.message);
    signIn(handle.db, a.admin.userId);
    const [header, row] = (await (await GET(get("/api/sessions/report"))).text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(header).toBe("Sent at (UTC),Session,Reference,Agent,Channel,Destination,Contact name");
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.test"",""x"")",'@SUM(1),`);
  });

  test("signed out: 401", async () => {
    signIn(handle.db, null);
    expect((await GET(get("/api/sessions/report"))).status).toBe(401);
  });

  test("a role that cannot download reports: 403", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.agent.userId);
    const { status, body } = await json(await GET(get("/api/sessions/report")));
    expect(status).toBe(403);
    expect(body).toEqual({ code: "forbidden", message: "Your role is not allowed to download session reports." });
  });

  test("works with Contacts Management off (reports are not a contacts feature)", async () => {
    const off = await workspaceWithMembers(handle.db, { contactsEnabled: false });
    signIn(handle.db, off.admin.userId);
    expect((await GET(get("/api/sessions/report"))).status).toBe(200);
  });

  test.each([
    ["agent=42", "agent"],
    ["channel=fax", "channel"],
    ["from=yesterday", "from"],
    ["to=2024-02-30", "to"],
  ])("bad parameters %s: 400 naming %s", async (query, field) => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const { status, body } = await json(await GET(get(`/api/sessions/report?${query}`)));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid", fieldErrors: { [field]: expect.any(String) } });
  });
});
