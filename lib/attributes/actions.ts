import { defineAction } from "@/lib/auth/action";
import {
  createAttribute,
  createAttributeInput,
  deleteAttribute,
  deleteAttributeInput,
  updateAttribute,
  updateAttributeInput,
} from "./definitions";

export const createAttributeAction = defineAction({ permission: "attributes.manage", input: createAttributeInput, run: createAttribute });
export const updateAttributeAction = defineAction({ permission: "attributes.manage", input: updateAttributeInput, run: updateAttribute });
export const deleteAttributeAction = defineAction({ permission: "attributes.manage", input: deleteAttributeInput, run: deleteAttribute });
