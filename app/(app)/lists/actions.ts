"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/auth/server-session";
import { submittedValues, type FormState } from "@/lib/form-state";
import { createListAction, deleteListAction, renameListAction } from "@/lib/lists/actions";
import type { Result } from "@/lib/result";

export async function createListForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(createListAction, formData);
  if (result.ok) revalidatePath("/lists");
  return { result, values: result.ok ? {} : submittedValues(formData) };
}

export async function renameListForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(renameListAction, formData);
  if (result.ok) revalidatePath("/", "layout");
  return { result, values: submittedValues(formData) };
}

export async function deleteList(id: string): Promise<Result<unknown>> {
  const result = await runAction(deleteListAction, { id });
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  redirect("/lists");
}
