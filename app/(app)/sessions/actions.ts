"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/auth/server-session";
import { submittedValues, type FormState } from "@/lib/form-state";
import { sendInviteAction } from "@/lib/invites/actions";

export async function sendInviteForm(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runAction(sendInviteAction, formData);
  if (!result.ok) return { result, values: submittedValues(formData) };
  revalidatePath("/", "layout");
  redirect(`/sessions?sent=${result.data.inviteId}`);
}
