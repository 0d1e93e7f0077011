"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/auth/server-session";
import {
  createContactAction,
  deleteAllContactsAction,
  deleteContactsAction,
  setContactStatusAction,
  saveColumnsAction,
  setFavoriteAction,
  updateContactAction,
} from "@/lib/contacts/actions";
import { addToListAction, removeFromListAction } from "@/lib/lists/actions";
import { updateConsentAction } from "@/lib/consent/actions";
import { submittedValues, type FormState } from "@/lib/form-state";
import type { Result } from "@/lib/result";

export type ContactFormState = FormState<{ id: string; displayName: string }> & { addedName?: string };

export async function createContactForm(_previous: ContactFormState, formData: FormData): Promise<ContactFormState> {
  const result = await runAction(createContactAction, formData);
  if (!result.ok) return { result, values: submittedValues(formData) };
  revalidatePath("/contacts");
  // "Add another contact after saving": stay on a cleared form.
  if (formData.get("addAnother") === "on") {
    return { result: { ok: true, data: { id: result.data.id, displayName: result.data.displayName } }, values: { addAnother: "on" }, addedName: result.data.displayName };
  }
  redirect(`/contacts?added=${result.data.id}`);
}

export async function updateContactForm(_previous: ContactFormState, formData: FormData): Promise<ContactFormState> {
  const result = await runAction(updateContactAction, formData);
  if (!result.ok) return { result, values: submittedValues(formData) };
  revalidatePath("/contacts");
  redirect(`/contacts/${result.data.id}`);
}

export async function starContacts(ids: string[], starred: boolean): Promise<Result<unknown>> {
  const result = await runAction(setFavoriteAction, { ids, starred });
  if (result.ok) revalidatePath("/contacts");
  return result;
}

export async function deleteContacts(ids: string[]): Promise<Result<{ deleted: number }>> {
  const result = await runAction(deleteContactsAction, { ids });
  if (result.ok) revalidatePath("/contacts");
  return result;
}

export async function setContactStatus(id: string, status: string): Promise<Result<unknown>> {
  const result = await runAction(setContactStatusAction, { id, status });
  if (result.ok) revalidatePath("/contacts");
  return result;
}

export async function deleteAllContactsForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(deleteAllContactsAction, formData);
  if (result.ok) revalidatePath("/contacts");
  return { result, values: result.ok ? {} : submittedValues(formData) };
}

export async function changeListMembership(listId: string, ids: string[], mode: "add" | "remove"): Promise<Result<{ changed: number }>> {
  const result = await runAction(mode === "add" ? addToListAction : removeFromListAction, { listId, ids });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function saveColumns(columns: string[]): Promise<Result<string[]>> {
  const result = await runAction(saveColumnsAction, { columns });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function updateConsentForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(updateConsentAction, formData);
  if (result.ok) revalidatePath("/contacts", "layout");
  return { result, values: submittedValues(formData) };
}
