jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));
jest.mock("next/navigation", () => ({ ...jest.requireActual("next/navigation"), useRouter: () => ({ replace: jest.fn(), refresh: jest.fn() }) }));

import { renderToStaticMarkup } from "react-dom/server";
import SignInPage from "@/app/(auth)/signin/page";
import { getDb, type DatabaseHandle } from "@/db/client";
import { authOptions } from "@/lib/auth/options";
import { SIGN_IN_ERRORS, signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { createTestDatabase } from "../support/db";
import { createMember, createWorkspace } from "../support/fixtures";

// Issue 13: `/signin?error=<any text>` printed that text. Only fixed messages
// for known codes may appear.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await createMember(handle.db, (await createWorkspace(handle.db)).id, "super_admin");
  jest.mocked(getDb).mockResolvedValue(handle.db);
});
afterAll(() => handle.close());

async function render(error: string | undefined): Promise<string> {
  return renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve({ error }) }));
}

test("text put in ?error= is never shown; a generic message is", async () => {
  const planted = "Your account is locked. Call +1 555 0100 to unlock it";
  const html = await render(planted);
  expect(html).not.toContain("Call +1 555 0100");
  expect(html).toContain("Sign-in failed. Try again.");
});

test.each(Object.entries(SIGN_IN_ERRORS))("the code %s shows its fixed message", async (code, message) => {
  expect(await render(code)).toContain(message.replace("'", "&#x27;"));
});

test("no error, or SessionRequired (sent to sign in), shows no message", async () => {
  expect(signInErrorMessage(undefined)).toBeUndefined();
  expect(signInErrorMessage("SessionRequired")).toBeUndefined();
  expect(await render(undefined)).not.toContain('role="alert"');
});

test("inherited object keys are not codes", () => {
  expect(signInErrorMessage("toString")).toBe("Sign-in failed. Try again.");
  expect(signInErrorMessage("__proto__")).toBe("Sign-in failed. Try again.");
});

test("a failed sign-in hands next-auth a code, not a sentence", async () => {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>, r: unknown) => Promise<unknown> } };
  const attempt = (credentials: Record<string, string>) => provider.options.authorize(credentials, { headers: {} });
  await expect(attempt({ email: "", password: "" })).rejects.toThrow(/^missing$/);
  await expect(attempt({ email: "nobody@example.test", password: "wrong password" })).rejects.toThrow(/^invalid$/);
});
