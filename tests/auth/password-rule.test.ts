import { count } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { passwordProblem } from "@/lib/auth/password-policy";
import { addMemberAction } from "@/lib/members/actions";
import { createFirstWorkspace } from "@/lib/setup/first-run";
import { createTestDatabase } from "../support/db";
import { auditCount, callerFor, createMember, createWorkspace } from "../support/fixtures";

// Issue 13: passwords of 10 spaces and `password12` were accepted. The rule
// (NIST SP 800-63B): at least 12 characters, any characters, no composition
// rules, common and easily guessed passwords refused; the same everywhere a
// password is set.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const TOO_SHORT = "Use at least 12 characters. A few words in a row make a good password.";
const TOO_COMMON = /^Choose a less common password\. .+ Several unrelated words work well\.$/;

async function userCount() {
  const [row] = await handle.db.select({ n: count() }).from(users);
  return row.n;
}

const refused: [string, string | RegExp][] = [
  ["          ", TOO_SHORT], // the 10 spaces of the report
  ["password12", TOO_SHORT],
  ["            ", TOO_COMMON], // 12 spaces
  ["password1234", TOO_COMMON],
  ["P@ssw0rd1234", TOO_COMMON],
  ["qwertyuiop12", TOO_COMMON],
  ["aaaaaaaaaaaa", TOO_COMMON],
  ["iloveyou1234", TOO_COMMON],
  ["Summer2024!!", TOO_COMMON],
  ["password password", TOO_COMMON],
  ["Switchboard2024!", TOO_COMMON],
];
const accepted = ["correct horse battery", "my cat likes warm milk", "tr0ub4dor&3x", "kx8#Lm2!qZ9w", "уютный вечер у камина"];

describe("the rule", () => {
  test.each(refused)("%j is refused", (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  test.each(accepted)("%j is accepted: passphrases and any characters, no composition rules", (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  test("length counts characters as people do: 12 emoji are 12 characters", () => {
    expect(passwordProblem("🦊🌲🚲🎻🧀🪁🦉🍋🧭🪴🎈🦔")).toBeNull();
    expect(passwordProblem("🦊🌲🚲🎻🧀🪁🦉🍋🧭🪴🎈")).toBe(TOO_SHORT);
  });

  test("a password made of the person's own email or name is refused", () => {
    expect(passwordProblem("blueherontelecom")).toBeNull();
    expect(passwordProblem("blueherontelecom", ["ops@blueherontelecom.test", "Heron Telecom"])).toMatch(TOO_COMMON);
  });

  test("more than 200 characters is refused", () => {
    expect(passwordProblem("correct horse battery ".repeat(10))).toBe("Passwords are at most 200 characters.");
  });
});

describe("everywhere a password is set", () => {
  test.each(["          ", "password12", "password1234"])("first-run setup refuses %j, with the message on the field and nothing written", async (password) => {
    const result = await createFirstWorkspace(handle.db, {
      workspaceName: "Acme Support",
      defaultCountry: "US",
      name: "Ada Admin",
      email: "ada@acme.test",
      password,
      confirmPassword: password,
    });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { password: expect.stringMatching(/^(Use at least 12|Choose a less common)/) } });
    expect(await userCount()).toBe(0);
  });

  test("first-run setup refuses a password made of the workspace name", async () => {
    const result = await createFirstWorkspace(handle.db, {
      workspaceName: "Blue Heron Telecom",
      defaultCountry: "US",
      name: "Ada Admin",
      email: "ada@acme.test",
      password: "blueherontelecom",
      confirmPassword: "blueherontelecom",
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { password: expect.stringMatching(TOO_COMMON) } });
  });

  test.each(["          ", "password12", "password1234"])("adding a member refuses %j, with the message on the field and nothing written", async (password) => {
    const workspace = await createWorkspace(handle.db);
    const admin = await createMember(handle.db, workspace.id, "administrator");
    const before = await userCount();
    const result = await addMemberAction.invoke(callerFor(handle.db, admin.userId), { email: "new.person@acme.test", name: "New Person", role: "user", password });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { password: expect.stringMatching(/^(Use at least 12|Choose a less common)/) } });
    expect(await userCount()).toBe(before);
    expect(await auditCount(handle.db, workspace.id)).toBe(0);
  });

  test("adding a member with a passphrase works", async () => {
    const workspace = await createWorkspace(handle.db);
    const admin = await createMember(handle.db, workspace.id, "administrator");
    const result = await addMemberAction.invoke(callerFor(handle.db, admin.userId), { email: "pass.phrase@acme.test", name: "Pass Phrase", role: "user", password: "violet lanterns drift slowly" });
    expect(result).toMatchObject({ ok: true });
  });
});
