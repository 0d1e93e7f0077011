import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { openApiDocument } from "@/lib/api/openapi";
import type { Operation } from "@/lib/api/operation";

/*
 * Every answer a /api/v1 test receives is checked against the generated
 * OpenAPI document (by tests/api/v1/support.ts `call`): the status must be
 * one the operation documents, and the body must validate against that
 * status's schema. So the contract is tested by every test, not one.
 */

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

type ResponseDoc = { content?: Record<string, { schema: object }> };

export function documentedResponse(op: Operation, status: number): ResponseDoc | undefined {
  const doc = openApiDocument();
  const pathItem = doc.paths?.[op.path] as Record<string, { responses: Record<string, ResponseDoc> }> | undefined;
  return pathItem?.[op.method]?.responses[String(status)];
}

/** Throws, naming what differs, when an answer is not what the document says. */
export function checkAgainstContract(op: Operation, status: number, contentType: string | null, body: unknown): void {
  const response = documentedResponse(op, status);
  if (!response) throw new Error(`${op.id}: status ${status} is not documented`);
  if (!response.content) {
    if (body !== null) throw new Error(`${op.id}: status ${status} is documented without a body`);
    return;
  }
  const type = contentType?.split(";")[0].trim() ?? "";
  const media = response.content[type];
  if (!media) throw new Error(`${op.id}: status ${status} answered ${type}, documented ${Object.keys(response.content).join(", ")}`);
  const key = `${op.id} ${status} ${type}`;
  let validate = compiled.get(key);
  if (!validate) {
    // "#/components/…" references resolve against this wrapper, which carries the document's components.
    validate = ajv.compile({ ...media.schema, components: openApiDocument().components });
    compiled.set(key, validate);
  }
  if (!validate(body)) throw new Error(`${op.id}: the ${status} body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
}
