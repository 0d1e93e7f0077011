"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/auth/server-session";
import { submittedValues, type FormState } from "@/lib/form-state";
import { addMemberAction, changeMemberRoleAction, removeMemberAction } from "@/lib/members/actions";
import type { Result } from "@/lib/result";

export async function addMemberForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(addMemberAction, formData);
  if (result.ok) revalidatePath("/settings/members");
  return { result, values: result.ok ? {} : submittedValues(formData) };
}

export async function changeMemberRole(userId: string, role: string): Promise<Result<unknown>> {
  const result = await runAction(changeMemberRoleAction, { userId, role });
  if (result.ok) revalidatePath("/settings/members");
  return result;
}

export async function removeMember(userId: string): Promise<Result<unknown>> {
  const result = await runAction(removeMemberAction, { userId });
  if (result.ok) revalidatePath("/settings/members");
  return result;
}
