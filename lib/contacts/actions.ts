import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { deleteAllContacts, deleteAllInput, deleteContacts } from "./delete";
import { setFavorite } from "./favorites";
import { contactIdsInput, createContactInput, updateContactInput } from "./input";
import { setContactStatus, setStatusInput } from "./status";
import { createContact, updateContact } from "./write";
import { saveColumnPreferences, saveColumnsInput } from "./column-preferences";

export const createContactAction = defineAction({ permission: "contacts.edit", input: createContactInput, run: createContact });
export const updateContactAction = defineAction({ permission: "contacts.edit", input: updateContactInput, run: updateContact });
export const setContactStatusAction = defineAction({ permission: "contacts.edit", input: setStatusInput, run: setContactStatus });
export const deleteContactsAction = defineAction({ permission: "contacts.delete", input: contactIdsInput, run: deleteContacts });
export const deleteAllContactsAction = defineAction({
  permission: "contacts.delete",
  input: deleteAllInput,
  run: deleteAllContacts,
});
export const setFavoriteAction = defineAction({
  permission: "favorites.manage",
  input: contactIdsInput.extend({ starred: z.boolean() }),
  run: setFavorite,
});

export const saveColumnsAction = defineAction({ permission: "contacts.view", input: saveColumnsInput, run: saveColumnPreferences });
