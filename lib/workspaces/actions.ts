import { defineAction } from "@/lib/auth/action";
import { updateWorkspaceSettings, workspaceSettingsInput } from "./settings";

export const updateWorkspaceSettingsAction = defineAction({
  permission: "workspace.settings",
  input: workspaceSettingsInput,
  run: updateWorkspaceSettings,
});
