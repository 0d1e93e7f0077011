import { defineAction } from "@/lib/auth/action";
import { updateConsent, updateConsentInput } from "./consent";

// Recording a contact's consent is part of editing the contact (SPEC §1).
export const updateConsentAction = defineAction({ permission: "contacts.edit", input: updateConsentInput, run: updateConsent });
