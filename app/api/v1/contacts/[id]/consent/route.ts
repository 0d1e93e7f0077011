import { apiRoute } from "@/lib/api/api-route";
import { changeConsentApi, consentApi } from "@/lib/api/contacts";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.getConsent, (ctx, { params }) => consentApi(ctx, params.id));
export const PATCH = apiRoute(OP.changeConsent, (ctx, { params, body }) => changeConsentApi(ctx, params.id, body));
