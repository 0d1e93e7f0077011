import type { z } from "zod";
import { fail, type Fail } from "@/lib/result";
import { invalidInput } from "@/lib/validation/zod-errors";

/*
 * Reading a route's input (path params, query, headers, body) by its zod
 * schemas, for lib/auth/route.ts. A problem found here is thrown as a
 * Refusal, so each step stays one line; the wrapper renders it in the
 * route's error format (the app's JSON, or problem+json for the API).
 */

/** JSON and raw-text bodies are read whole, so they are capped unless the route says otherwise. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export type BodyKind = z.ZodType | "stream" | "raw-text";
export type Schema = z.ZodType | undefined;
// Node's web streams are async iterable; the DOM typings do not say so.
export type BodyStream = ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>;

export type InputSpec = { query?: Schema; params?: Schema; headers?: Schema; body?: BodyKind; maxBytes?: number };
export type ParsedInput = { query: unknown; params: unknown; headers: unknown; body: unknown; request: Request };

/** A refusal found while reading the input, before `run`. `status` overrides the failure code's own (413 for a body too large). */
export class Refusal {
  constructor(
    readonly failure: Fail,
    readonly status?: number,
  ) {}
}

function refuse(failure: Fail, status?: number): never {
  throw new Refusal(failure, status);
}

function parse(schema: Schema, raw: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : refuse(invalidInput(parsed.error));
}

/**
 * Every part of the input. `bodyText` is the body already read whole (the
 * API reads it first to compare an Idempotency-Key's requests).
 */
export async function parseInput(spec: InputSpec, request: Request, context?: { params: Promise<unknown> }, bodyText?: string): Promise<ParsedInput> {
  return {
    params: parse(spec.params, await context?.params),
    query: parse(spec.query, queryObject(new URL(request.url).searchParams)),
    headers: parse(spec.headers, Object.fromEntries(request.headers)),
    body: bodyText === undefined ? await readBody(spec, request) : parseBodyText(spec, bodyText),
    request,
  };
}

export function queryObject(searchParams: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of searchParams) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

async function readBody(spec: InputSpec, request: Request): Promise<unknown> {
  const kind = spec.body;
  if (kind === undefined) return undefined;
  // Streamed to the lib/ function, which counts what actually arrives.
  if (kind === "stream") {
    checkDeclaredSize(spec, request);
    return request.body ?? new ReadableStream({ start: (controller) => controller.close() });
  }
  return parseBodyText(spec, await readBodyText(spec, request));
}

/** The whole body as text, refused (413) as soon as it passes the route's cap. */
export async function readBodyText(spec: InputSpec, request: Request): Promise<string> {
  checkDeclaredSize(spec, request);
  const maxBytes = spec.maxBytes ?? DEFAULT_MAX_BYTES;
  const text = await readText(request, maxBytes);
  return text ?? refuse(tooLarge(maxBytes), 413);
}

function checkDeclaredSize(spec: InputSpec, request: Request): void {
  const maxBytes = spec.maxBytes ?? (spec.body === "stream" ? Infinity : DEFAULT_MAX_BYTES);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) refuse(tooLarge(maxBytes), 413);
}

function parseBodyText(spec: InputSpec, text: string): unknown {
  const kind = spec.body;
  if (kind === undefined || kind === "stream") return undefined;
  if (kind === "raw-text") return text;
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    refuse(fail("invalid", "The body is not valid JSON.", { body: "The body is not valid JSON." }));
  }
  return parse(kind, json);
}

/** The body as text, or null as soon as it passes `maxBytes` (a missing Content-Length must not let it grow unbounded). */
async function readText(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

function tooLarge(maxBytes: number): Fail {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return { ok: false, code: "too_large", message: `The request body is larger than ${limit}.` };
}
