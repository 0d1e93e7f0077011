import { defineAction } from "@/lib/auth/action";
import {
  addToList,
  createList,
  createListInput,
  deleteList,
  deleteListInput,
  listMembershipInput,
  removeFromList,
  renameList,
  renameListInput,
} from "./lists";

export const createListAction = defineAction({ permission: "lists.manage", input: createListInput, run: createList });
export const renameListAction = defineAction({ permission: "lists.manage", input: renameListInput, run: renameList });
export const deleteListAction = defineAction({ permission: "lists.manage", input: deleteListInput, run: deleteList });
// Joining and leaving lists is part of editing contacts (SPEC §1: users may).
export const addToListAction = defineAction({ permission: "contacts.edit", input: listMembershipInput, run: addToList });
export const removeFromListAction = defineAction({ permission: "contacts.edit", input: listMembershipInput, run: removeFromList });
