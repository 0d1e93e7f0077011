import "server-only";
import { cache } from "react";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { contactUsage } from "@/lib/contacts/limit";

// Reads that several parts of one page need, made once per request (React's
// cache is per request; ctx is the same object for the whole request).

export const attributeDefinitionsFor = cache((ctx: Ctx) => listAttributeDefinitions(ctx));

export const contactUsageFor = cache((ctx: Ctx) => contactUsage(ctx));
