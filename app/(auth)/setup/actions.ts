"use server";

import { getDb } from "@/db/client";
import { submittedValues, type FormState } from "@/lib/form-state";
import { createFirstWorkspace } from "@/lib/setup/first-run";

export async function submitSetup(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await createFirstWorkspace(await getDb(), Object.fromEntries(formData));
  return { result, values: submittedValues(formData) };
}
