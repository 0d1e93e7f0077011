"use server";

import { revalidatePath } from "next/cache";
import { createAttributeAction, deleteAttributeAction, updateAttributeAction } from "@/lib/attributes/actions";
import { runAction } from "@/lib/auth/server-session";
import { submittedValues, type FormState } from "@/lib/form-state";

export async function createAttributeForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(createAttributeAction, formData);
  if (result.ok) revalidatePath("/", "layout");
  return { result, values: result.ok ? {} : submittedValues(formData) };
}

export async function updateAttributeForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(updateAttributeAction, formData);
  if (result.ok) revalidatePath("/", "layout");
  return { result, values: submittedValues(formData) };
}

export async function deleteAttributeForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(deleteAttributeAction, formData);
  if (result.ok) revalidatePath("/", "layout");
  return { result, values: submittedValues(formData) };
}
