"use server";

import { revalidatePath } from "next/cache";
import { submittedValues, type FormState } from "@/lib/form-state";
import { runAction } from "@/lib/auth/server-session";
import { updateWorkspaceSettingsAction } from "@/lib/workspaces/actions";

export async function saveWorkspaceSettings(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(updateWorkspaceSettingsAction, formData);
  if (result.ok) revalidatePath("/", "layout");
  return { result, values: submittedValues(formData) };
}
