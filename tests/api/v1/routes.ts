import fs from "node:fs";
import path from "node:path";
import type { Operation } from "@/lib/api/operation";
import type { Handler } from "./support";

/** Every route file under app/api/v1 (found on disk, so a new one is covered the day it is added) and the handlers it exports. */
export const V1 = path.resolve(__dirname, "..", "..", "..", "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

export type FoundHandler = { route: string; method: (typeof METHODS)[number]; handler: Handler; operation?: Operation };

export function v1Handlers(): FoundHandler[] {
  return routeFiles(V1).flatMap((file) => {
    const route = "/api/v1/" + path.relative(V1, path.dirname(file)).split(path.sep).join("/");
    const exports = jest.requireActual<Record<string, Handler>>(file);
    return METHODS.filter((m) => typeof exports[m] === "function").map((method) => ({ route, method, handler: exports[method], operation: exports[method].operation }));
  });
}

/** The OpenAPI path of a Next.js route directory: `[id]` → `{id}`. */
export function openApiPath(route: string): string {
  return route.replace(/\[([^\]]+)\]/g, "{$1}");
}
