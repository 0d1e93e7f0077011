import { defineAction } from "@/lib/auth/action";
import {
  addMember,
  addMemberInput,
  changeMemberRole,
  changeRoleInput,
  removeMember,
  removeMemberInput,
} from "./members";

export const addMemberAction = defineAction({ permission: "members.manage", input: addMemberInput, run: addMember });
export const changeMemberRoleAction = defineAction({
  permission: "members.manage",
  input: changeRoleInput,
  run: changeMemberRole,
});
export const removeMemberAction = defineAction({
  permission: "members.manage",
  input: removeMemberInput,
  run: removeMember,
});
