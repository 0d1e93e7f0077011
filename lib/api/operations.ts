import { z } from "zod";
import { filterParamsShape } from "@/lib/contacts/filters";
import { SORTS } from "@/lib/contacts/query";
import { operation } from "./operation";
import {
  attributeSchema,
  consentChangeSchema,
  consentSchema,
  contactPageSchema,
  contactSchema,
  contactWriteSchema,
  listSchema,
  membershipChangeSchema,
  upsertResultSchema,
} from "./schemas";

/*
 * Every operation of /api/v1, in the order the reference lists them. A new
 * route starts here: tests/api/v1/contract.test.ts fails for a route file
 * with no operation, and for an operation with no route.
 */

const id = z.object({ id: z.string().meta({ description: "The contact's id (uuid).", format: "uuid" }) });
const listIdParam = z.object({ id: z.string().meta({ description: "The list's id (uuid).", format: "uuid" }) });

export const LIMIT_MAX = 100;

/** limit and cursor, as the contacts list reads them. */
export const pagingQuery = z.object({
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${LIMIT_MAX}.` })
    .int({ error: `limit must be a whole number from 1 to ${LIMIT_MAX}.` })
    .min(1, `limit must be a whole number from 1 to ${LIMIT_MAX}.`)
    .max(LIMIT_MAX, `limit must be a whole number from 1 to ${LIMIT_MAX}.`)
    .default(50)
    .meta({ description: `Contacts per page, 1 to ${LIMIT_MAX} (50 unless given).` }),
  cursor: z.string().max(2000).optional().meta({ description: "The nextCursor of the page before." }),
  sort: z.enum(SORTS).optional().meta({ description: "name (A–Z, default), company, activity (most recent first) or created (newest first)." }),
});

// The contacts page's filters as query parameters. Custom attribute filters
// are named after the workspace's attributes (`a.tier=Gold`, `a.score.min=5`,
// `a.renewal.from=2027-01-01`), so the document describes them in words.
const { a: _attributeFilters, ...filterParams } = filterParamsShape("strict");
const contactFilterQuery = z.object({ ...filterParams, ...pagingQuery.shape });
const ATTRIBUTE_FILTERS =
  "Filter by custom attribute with `a.<key>=<value>` (dropdown, boolean, text), `a.<key>.min`/`.max` (numbers) and `a.<key>.from`/`.to` (dates, YYYY-MM-DD). `from`/`to` filter by last activity (YYYY-MM-DD); `favorites=1` keeps the key creator's starred contacts.";

const identifier = (name: string, description: string) => z.object({ [name]: z.string().meta({ description }) });
const byPhone = identifier("phone", "A phone number in any format (URL-encoded); read in the workspace's default country unless it starts with +.");
const byEmail = identifier("email", "An email address (URL-encoded); matched case-insensitively.");
const byExternalId = identifier("externalId", "Your system's ID for the person.");

const UPSERT_RESPONSES = {
  200: { description: "An existing contact, updated.", schema: upsertResultSchema },
  201: { description: "No contact held the identifier: created.", schema: upsertResultSchema },
};
const upsertDescription =
  "Updates the contact holding this identifier with the fields given (others kept; null clears one), or creates it. The identifier is matched as the address book matches it (a phone in any format is one contact).";

export const OPERATIONS = [
  operation({
    id: "listContacts",
    method: "get",
    path: "/api/v1/contacts",
    tag: "Contacts",
    summary: "List and search contacts",
    description: "Every filter of the contacts page, a cursor per page, and the total (exact when cheap, else an estimate: `totalExact`). Search with `q` (name, company, email, phone digits, external ID, text attributes). " + ATTRIBUTE_FILTERS,
    permission: "contacts.view",
    documentedQuery: contactFilterQuery,
    responses: { 200: { description: "One page of contacts.", schema: contactPageSchema } },
    problems: [422],
  }),
  operation({
    id: "createContact",
    method: "post",
    path: "/api/v1/contacts",
    tag: "Contacts",
    summary: "Create a contact",
    description: "A name and a phone or email are required. A phone, email or external ID another contact holds answers 409 with that contact in `existing`.",
    permission: "contacts.edit",
    body: contactWriteSchema,
    responses: { 201: { description: "Created.", schema: contactSchema } },
    problems: [409, 422],
  }),
  operation({ id: "getContact", method: "get", path: "/api/v1/contacts/{id}", tag: "Contacts", summary: "Get a contact", permission: "contacts.view", params: id, responses: { 200: { description: "The contact.", schema: contactSchema } }, problems: [404] }),
  operation({
    id: "updateContact",
    method: "patch",
    path: "/api/v1/contacts/{id}",
    tag: "Contacts",
    summary: "Change some fields of a contact",
    description: "Only the fields given change; null clears one. Attributes merge by key. `lists` replaces the contact's lists.",
    permission: "contacts.edit",
    params: id,
    body: contactWriteSchema,
    responses: { 200: { description: "The contact as saved.", schema: contactSchema } },
    problems: [404, 409, 422],
  }),
  operation({ id: "deleteContact", method: "delete", path: "/api/v1/contacts/{id}", tag: "Contacts", summary: "Delete a contact", description: "Permanent.", permission: "contacts.delete", params: id, responses: { 204: { description: "Deleted.", schema: null } }, problems: [404] }),
  operation({ id: "getContactByPhone", method: "get", path: "/api/v1/contacts/by-phone/{phone}", tag: "Contacts", summary: "Find a contact by phone", permission: "contacts.view", params: byPhone, responses: { 200: { description: "The contact.", schema: contactSchema } }, problems: [404, 422] }),
  operation({ id: "upsertContactByPhone", method: "put", path: "/api/v1/contacts/by-phone/{phone}", tag: "Contacts", summary: "Create or update a contact by phone", description: upsertDescription, permission: "contacts.edit", params: byPhone, body: contactWriteSchema, responses: UPSERT_RESPONSES, problems: [409, 422] }),
  operation({ id: "getContactByEmail", method: "get", path: "/api/v1/contacts/by-email/{email}", tag: "Contacts", summary: "Find a contact by email", permission: "contacts.view", params: byEmail, responses: { 200: { description: "The contact.", schema: contactSchema } }, problems: [404, 422] }),
  operation({ id: "upsertContactByEmail", method: "put", path: "/api/v1/contacts/by-email/{email}", tag: "Contacts", summary: "Create or update a contact by email", description: upsertDescription, permission: "contacts.edit", params: byEmail, body: contactWriteSchema, responses: UPSERT_RESPONSES, problems: [409, 422] }),
  operation({ id: "getContactByExternalId", method: "get", path: "/api/v1/contacts/by-external-id/{externalId}", tag: "Contacts", summary: "Find a contact by external ID", permission: "contacts.view", params: byExternalId, responses: { 200: { description: "The contact.", schema: contactSchema } }, problems: [404, 422] }),
  operation({ id: "upsertContactByExternalId", method: "put", path: "/api/v1/contacts/by-external-id/{externalId}", tag: "Contacts", summary: "Create or update a contact by external ID", description: upsertDescription, permission: "contacts.edit", params: byExternalId, body: contactWriteSchema, responses: UPSERT_RESPONSES, problems: [409, 422] }),
  operation({ id: "getConsent", method: "get", path: "/api/v1/contacts/{id}/consent", tag: "Consent", summary: "Read a contact's consent per channel", permission: "contacts.view", params: id, responses: { 200: { description: "State, source and time of the last change, per channel.", schema: consentSchema } }, problems: [404] }),
  operation({
    id: "changeConsent",
    method: "patch",
    path: "/api/v1/contacts/{id}/consent",
    tag: "Consent",
    summary: "Change a contact's consent",
    description: "Subscribed ⇄ unsubscribed, recorded with source `api`. A keyword opt-out (the person texted STOP) stays until the person opts back in: changing it answers 422.",
    permission: "contacts.edit",
    params: id,
    body: consentChangeSchema,
    responses: { 200: { description: "Consent after the change.", schema: consentSchema } },
    problems: [404, 422],
  }),
  operation({ id: "listLists", method: "get", path: "/api/v1/lists", tag: "Lists", summary: "List the lists", permission: "contacts.view", responses: { 200: { description: "Every list, by name.", schema: z.object({ data: z.array(listSchema) }) } }, problems: [] }),
  operation({ id: "createList", method: "post", path: "/api/v1/lists", tag: "Lists", summary: "Create a list", permission: "lists.manage", body: z.strictObject({ name: z.string() }).meta({ id: "ListWrite" }), responses: { 201: { description: "Created.", schema: listSchema } }, problems: [422] }),
  operation({
    id: "addListMembers",
    method: "post",
    path: "/api/v1/lists/{id}/members",
    tag: "Lists",
    summary: "Add contacts to a list",
    permission: "contacts.edit",
    params: listIdParam,
    body: membershipChangeSchema,
    responses: { 200: { description: "How many were not members before.", schema: z.object({ changed: z.number().int() }) } },
    problems: [404, 422],
  }),
  operation({
    id: "removeListMember",
    method: "delete",
    path: "/api/v1/lists/{id}/members/{contactId}",
    tag: "Lists",
    summary: "Remove a contact from a list",
    permission: "contacts.edit",
    params: listIdParam.extend({ contactId: z.string().meta({ description: "The contact's id (uuid).", format: "uuid" }) }),
    responses: { 204: { description: "Removed (or was not a member).", schema: null } },
    problems: [404],
  }),
  operation({ id: "listAttributes", method: "get", path: "/api/v1/attributes", tag: "Attributes", summary: "List the custom attribute definitions", permission: "contacts.view", responses: { 200: { description: "Every definition: its key is what contacts' `attributes` use.", schema: z.object({ data: z.array(attributeSchema) }) } }, problems: [] }),
] as const;

export type OperationId = (typeof OPERATIONS)[number]["id"];
export const OP = Object.fromEntries(OPERATIONS.map((op) => [op.id, op])) as { [K in OperationId]: Extract<(typeof OPERATIONS)[number], { id: K }> };
