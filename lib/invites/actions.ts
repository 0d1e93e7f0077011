import { defineAction } from "@/lib/auth/action";
import { sendInvite, sendInviteInput } from "./send";

export const sendInviteAction = defineAction({ permission: "invites.send", input: sendInviteInput, run: sendInvite });
