import { defineAction } from "@/lib/auth/action";
import { createApiKey, createApiKeyInput, revokeApiKey, revokeApiKeyInput } from "./keys";

export const createApiKeyAction = defineAction({ permission: "members.manage", input: createApiKeyInput, run: createApiKey });
export const revokeApiKeyAction = defineAction({ permission: "members.manage", input: revokeApiKeyInput, run: revokeApiKey });
