import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { isUuid, type Ctx } from "@/lib/auth/actor";
import { addToList, createList, createListInput, listLists, removeFromList } from "@/lib/lists/lists";
import { notFound, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/zod-errors";
import { noContent } from "./api-route";
import { toApiAttribute } from "./schemas";

/* What the /api/v1 lists and attributes operations call: the lists module's functions, as the lists page calls them. */

export async function listListsApi(ctx: Ctx) {
  const lists = await listLists(ctx);
  return ok({ data: lists.map((l) => ({ id: l.id, name: l.name, members: l.members, createdAt: l.createdAt.toISOString() })) });
}

export async function createListApi(ctx: Ctx, body: { name: string }) {
  // The lists page's own input rules (trimmed, 1–100 characters).
  const input = createListInput.safeParse(body);
  if (!input.success) return invalidInput(input.error);
  const created = await createList(ctx, input.data);
  return created.ok ? ok({ id: created.data.id, name: created.data.name, members: 0, createdAt: created.data.createdAt.toISOString() }) : created;
}

export async function addMembersApi(ctx: Ctx, listId: string, contactIds: string[]): Promise<Result<{ changed: number }>> {
  if (!isUuid(listId)) return notFound();
  return addToList(ctx, { listId, ids: contactIds });
}

export async function removeMemberApi(ctx: Ctx, listId: string, contactId: string): Promise<Response | Result<never>> {
  if (!isUuid(listId) || !isUuid(contactId)) return notFound();
  const removed = await removeFromList(ctx, { listId, ids: [contactId] });
  return removed.ok ? noContent() : removed;
}

export async function listAttributesApi(ctx: Ctx) {
  return ok({ data: (await listAttributeDefinitions(ctx)).map(toApiAttribute) });
}
