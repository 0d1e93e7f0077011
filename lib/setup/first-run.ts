import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query";
import { auditLog, memberships, users, workspaces } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { fail, ok, type Result } from "@/lib/result";
import { countryField, emailField, passwordField, passwordNotAbout, personNameField, workspaceNameField } from "@/lib/validation/fields";
import { invalidInput } from "@/lib/validation/zod-errors";

export const setupInput = z
  .object({
    workspaceName: workspaceNameField,
    defaultCountry: countryField,
    name: personNameField,
    email: emailField,
    password: passwordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  })
  .superRefine(passwordNotAbout("email", "name", "workspaceName"));

export async function needsSetup(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(db, sql`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
  return row.empty;
}

// Serialises concurrent first-run submissions on a PostgreSQL server.
const SETUP_LOCK = 7_401_312;

/** First run: creates the first workspace and its Super Admin, only while no user exists. */
export async function createFirstWorkspace(
  db: Db,
  raw: unknown,
): Promise<Result<{ workspaceId: string; userId: string }>> {
  const parsed = setupInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
    const existing = await queryRows(tx, sql`SELECT 1 FROM users LIMIT 1`);
    if (existing.length > 0) return fail("not_found", "Setup is already complete.");
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.workspaceName, defaultCountry: input.defaultCountry })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: "super_admin" });
    await tx.insert(auditLog).values({
      workspaceId: workspace.id,
      actorUserId: user.id,
      actorLabel: `${input.name} <${input.email}>`,
      action: "workspace.created",
      entityType: "workspace",
      entityId: workspace.id,
      after: { name: workspace.name, defaultCountry: workspace.defaultCountry, superAdmin: input.email },
    });
    return ok({ workspaceId: workspace.id, userId: user.id });
  });
}
