import { defineAction } from "@/lib/auth/action";
import { z } from "zod";
import { regenerateInboundSecret, updateWorkspaceSettings, workspaceSettingsInput } from "./settings";

export const updateWorkspaceSettingsAction = defineAction({
  permission: "workspace.settings",
  input: workspaceSettingsInput,
  run: updateWorkspaceSettings,
});

export const regenerateInboundSecretAction = defineAction({
  permission: "workspace.settings",
  input: z.object({}),
  run: (ctx) => regenerateInboundSecret(ctx),
});
