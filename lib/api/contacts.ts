import type { z } from "zod";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { isUuid, type Ctx } from "@/lib/auth/actor";
import { CHANNELS } from "@/lib/contacts/consent-rules";
import { contactsPage } from "@/lib/contacts/cursor";
import { deleteContacts } from "@/lib/contacts/delete";
import { getContact } from "@/lib/contacts/get";
import { countContacts } from "@/lib/contacts/list";
import { createFromPatch, findByIdentifier, patchContact, upsertContact, type ContactPatch, type Identifier } from "@/lib/contacts/patch";
import { parseContactQuery } from "@/lib/contacts/query";
import { updateConsent } from "@/lib/consent/consent";
import { notFound, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/zod-errors";
import type { WithStatus } from "./api-route";
import { pagingQuery } from "./operations";
import { toApiContact, type ApiContact, type consentChangeSchema, type contactWriteSchema } from "./schemas";

/*
 * What each /api/v1 contacts operation calls: the contact module's
 * functions (the same the form, import and invite call), with the API's
 * JSON shapes in and out. No rule of a contact lives here.
 */

type ContactWrite = z.output<typeof contactWriteSchema>;

function patchOf(body: ContactWrite): ContactPatch {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as ContactPatch;
}

function asApi(result: Result<Parameters<typeof toApiContact>[0]>): Result<ApiContact> {
  return result.ok ? ok(toApiContact(result.data)) : result;
}

/** The contacts page's filters from the query string (strictly: a bad value is a field error), then one keyset page. */
export async function listContactsApi(ctx: Ctx, raw: Record<string, string | string[]>) {
  const paging = pagingQuery.safeParse(raw);
  if (!paging.success) return invalidInput(paging.error);
  const defs = await listAttributeDefinitions(ctx);
  const { limit: _l, cursor: _c, size: _s, page: _p, ...filterParams } = raw;
  const filters = parseContactQuery(filterParams, { strict: true, attributes: defs });
  if (!filters.ok) return filters;
  const sort = paging.data.sort ?? "name";
  const [page, counted] = await Promise.all([
    contactsPage(ctx, filters.data, { sort, limit: paging.data.limit, cursor: paging.data.cursor, defs }),
    countContacts(ctx, filters.data, defs),
  ]);
  if (!page.ok) return page;
  return ok({ data: page.data.contacts.map(toApiContact), nextCursor: page.data.nextCursor, total: counted.total, totalExact: counted.exact });
}

export async function getContactApi(ctx: Ctx, id: string): Promise<Result<ApiContact>> {
  const contact = isUuid(id) ? await getContact(ctx, id) : null;
  return contact ? ok(toApiContact(contact)) : notFound();
}

export async function createContactApi(ctx: Ctx, body: ContactWrite): Promise<Result<ApiContact>> {
  return asApi(await createFromPatch(ctx, patchOf(body)));
}

export async function updateContactApi(ctx: Ctx, id: string, body: ContactWrite): Promise<Result<ApiContact>> {
  if (!isUuid(id)) return notFound();
  return asApi(await patchContact(ctx, id, patchOf(body)));
}

export async function deleteContactApi(ctx: Ctx, id: string): Promise<Result<{ deleted: number }>> {
  if (!isUuid(id)) return notFound();
  return deleteContacts(ctx, { ids: [id] });
}

export async function findContactApi(ctx: Ctx, identifier: Identifier): Promise<Result<ApiContact>> {
  // The upsert's own lookup, so "find" and "upsert" always mean the same contact.
  const found = await findByIdentifier(ctx, identifier);
  if (!found.ok) return found;
  return found.data ? ok(toApiContact(found.data)) : notFound();
}

export async function upsertContactApi(ctx: Ctx, identifier: Identifier, body: ContactWrite): Promise<WithStatus<{ created: boolean; contact: ApiContact }>> {
  const result = await upsertContact(ctx, identifier, patchOf(body));
  if (!result.ok) return result;
  return { ...ok({ created: result.data.created, contact: toApiContact(result.data.contact) }), status: result.data.created ? 201 : 200 };
}

export async function consentApi(ctx: Ctx, id: string) {
  const contact = isUuid(id) ? await getContact(ctx, id) : null;
  if (!contact) return notFound();
  return ok(toApiContact(contact).consent);
}

/** Each channel given, in order, through the consent dialog's rules; the first refusal stops the rest. */
export async function changeConsentApi(ctx: Ctx, id: string, body: z.output<typeof consentChangeSchema>) {
  if (!isUuid(id)) return notFound();
  for (const channel of CHANNELS) {
    const state = body[channel];
    if (!state) continue;
    const changed = await updateConsent(ctx, { contactId: id, channel, state, note: body.note });
    if (!changed.ok) return changed.fieldErrors?.state ? { ...changed, fieldErrors: { [channel]: changed.fieldErrors.state } } : changed;
  }
  return consentApi(ctx, id);
}

