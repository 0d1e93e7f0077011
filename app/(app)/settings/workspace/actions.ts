"use server";

import { revalidatePath } from "next/cache";
import { submittedValues, type FormState } from "@/lib/form-state";
import { runAction } from "@/lib/auth/server-session";
import { regenerateInboundSecretAction, updateWorkspaceSettingsAction } from "@/lib/workspaces/actions";
import type { Result } from "@/lib/result";

export async function saveWorkspaceSettings(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(updateWorkspaceSettingsAction, formData);
  if (result.ok) revalidatePath("/", "layout");
  return { result, values: submittedValues(formData) };
}

export async function regenerateInboundSecret(): Promise<Result<{ secret: string }>> {
  const result = await runAction(regenerateInboundSecretAction, {});
  if (result.ok) revalidatePath("/settings/workspace");
  return result;
}
