import fs from "node:fs";
import path from "node:path";
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import * as schema from "@/db/schema";
import { createTestDatabase } from "../support/db";

// The objects only SQL can express, which every migrated database must hold.
// Each has its definition in db/sql/<kind>s/<name>.sql (see db/sql/README.md).
const EXTENSIONS = ["pg_trgm", "btree_gin"];
const FUNCTIONS = [
  "sb_safe_cell",
  "counted_attribute_values",
  "attribute_value_counts_insert",
  "attribute_value_counts_update",
  "attribute_value_counts_delete",
  "rebuild_attribute_value_counts",
  "list_members_set_sort_name",
  "list_members_follow_renames",
  "sb_consent_change_check",
  "sb_consent_guard",
  "sb_attribute_text",
  "sb_contact_count_insert",
  "sb_contact_count_delete",
  "sb_password_ends_sessions",
];
type Trigger = { name: string; table: string; timing: string; level: "ROW" | "STATEMENT"; calls: string };
const TRIGGERS: Trigger[] = [
  { name: "contacts_attribute_value_counts_insert", table: "contacts", timing: "AFTER INSERT", level: "STATEMENT", calls: "attribute_value_counts_insert" },
  { name: "contacts_attribute_value_counts_update", table: "contacts", timing: "AFTER UPDATE", level: "STATEMENT", calls: "attribute_value_counts_update" },
  { name: "contacts_attribute_value_counts_delete", table: "contacts", timing: "AFTER DELETE", level: "STATEMENT", calls: "attribute_value_counts_delete" },
  { name: "contacts_list_member_names", table: "contacts", timing: "AFTER UPDATE", level: "STATEMENT", calls: "list_members_follow_renames" },
  { name: "list_members_sort_name", table: "list_members", timing: "BEFORE INSERT OR UPDATE OF contact_id", level: "ROW", calls: "list_members_set_sort_name" },
  { name: "contacts_count_insert", table: "contacts", timing: "AFTER INSERT", level: "STATEMENT", calls: "sb_contact_count_insert" },
  { name: "contacts_count_delete", table: "contacts", timing: "AFTER DELETE", level: "STATEMENT", calls: "sb_contact_count_delete" },
  { name: "users_password_ends_sessions", table: "users", timing: "BEFORE UPDATE OF password_hash", level: "ROW", calls: "sb_password_ends_sessions" },
  {
    name: "contacts_consent_guard",
    table: "contacts",
    timing:
      "BEFORE UPDATE OF consent_sms, consent_sms_source, consent_sms_changed_at, consent_whatsapp, consent_whatsapp_source, consent_whatsapp_changed_at, consent_email, consent_email_source, consent_email_changed_at",
    level: "ROW",
    calls: "sb_consent_guard",
  },
];
type Index = { name: string; table: string; include: string[] };
const INDEXES: Index[] = [
  { name: "contacts_name_idx", table: "contacts", include: ["display_name", "search_text"] },
  { name: "contacts_company_idx", table: "contacts", include: ["company"] },
  { name: "contacts_status_name_idx", table: "contacts", include: ["display_name"] },
];

type Kind = "extension" | "function" | "trigger" | "index";
const LISTED: { kind: Kind; name: string }[] = [
  ...EXTENSIONS.map((name) => ({ kind: "extension" as const, name })),
  ...FUNCTIONS.map((name) => ({ kind: "function" as const, name })),
  ...TRIGGERS.map(({ name }) => ({ kind: "trigger" as const, name })),
  ...INDEXES.map(({ name }) => ({ kind: "index" as const, name })),
];

const DB_DIR = path.join(process.cwd(), "db");
const SQL_DIR = path.join(DB_DIR, "sql");

/** Comments dropped, whitespace collapsed: how a file's statement is compared with a migration's text. */
function normalized(text: string): string {
  return text.replace(/--[^\n]*/g, " ").replace(/\s+/g, " ").trim();
}

/** Comparable with PostgreSQL's own rendering (pg_get_triggerdef, pg_indexes): no quotes, schema or final semicolon. */
function bare(text: string): string {
  return normalized(text).replace(/"/g, "").replace(/\bpublic\./g, "").replace(/;$/, "");
}

const DEFINITIONS: Record<Kind, RegExp> = {
  extension: /\bCREATE EXTENSION (?:IF NOT EXISTS )?"?(\w+)"?/gi,
  function: /\bCREATE (?:OR REPLACE )?FUNCTION (?:"?public"?\.)?"?(\w+)"?\s*\(/gi,
  trigger: /\bCREATE (?:OR REPLACE )?(?:CONSTRAINT )?TRIGGER "?(\w+)"?/gi,
  index: /\bCREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?"?(\w+)"?/gi,
};

/** The objects a piece of SQL creates. */
function definedIn(text: string): { kind: Kind; name: string }[] {
  const plain = normalized(text);
  return (Object.keys(DEFINITIONS) as Kind[]).flatMap((kind) => [...plain.matchAll(DEFINITIONS[kind])].map((m) => ({ kind, name: m[1] })));
}

function sqlFile(kind: Kind, name: string): string {
  return path.join(SQL_DIR, `${kind === "index" ? "indexes" : `${kind}s`}`, `${name}.sql`);
}

/** The migrations in the order they are applied. */
function migrations(): { tag: string; text: string }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(DB_DIR, "migrations", "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return journal.entries.map(({ tag }) => ({ tag, text: fs.readFileSync(path.join(DB_DIR, "migrations", `${tag}.sql`), "utf8") }));
}

describe("db/sql files and migrations", () => {
  it("has one file per listed object, and no other", () => {
    const files = fs
      .readdirSync(SQL_DIR, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".sql"))
      .map((f) => path.join(SQL_DIR, f))
      .sort();
    expect(files).toEqual(LISTED.map(({ kind, name }) => sqlFile(kind, name)).sort());
  });

  it("each file defines the object it is named for, in one statement", () => {
    for (const { kind, name } of LISTED) {
      const text = fs.readFileSync(sqlFile(kind, name), "utf8");
      expect({ file: sqlFile(kind, name), defines: definedIn(text) }).toEqual({ file: sqlFile(kind, name), defines: [{ kind, name }] });
      expect(normalized(text)).toMatch(/;$/);
    }
  });

  it("each file's statement is in the newest migration that creates the object", () => {
    const all = migrations();
    for (const { kind, name } of LISTED) {
      const newest = all.findLast((m) => definedIn(m.text).some((d) => d.kind === kind && d.name === name));
      const statement = normalized(fs.readFileSync(sqlFile(kind, name), "utf8"));
      expect({ object: `${kind} ${name}`, migration: newest?.tag, holdsFile: newest ? normalized(newest.text).includes(statement) : false }).toEqual({
        object: `${kind} ${name}`,
        migration: newest?.tag,
        holdsFile: true,
      });
    }
  });

  it("every function, trigger and extension a migration creates is listed", () => {
    const listed = new Set(LISTED.map(({ kind, name }) => `${kind} ${name}`));
    const created = migrations().flatMap((m) => definedIn(m.text).filter((d) => d.kind !== "index").map((d) => `${d.kind} ${d.name}`));
    expect([...new Set(created)].filter((c) => !listed.has(c))).toEqual([]);
  });
});

describe("objects in the migrated database", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it("has the listed extensions, and no others but plpgsql", async () => {
    const rows = await queryRows<{ extname: string }>(handle.db, sql`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'`);
    expect(rows.map((r) => r.extname).sort()).toEqual([...EXTENSIONS].sort());
  });

  it("has the listed functions, as their files define them, and no others outside extensions", async () => {
    const rows = await queryRows<{ name: string; body: string }>(
      handle.db,
      sql`SELECT p.proname AS name, p.prosrc AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
    );
    expect(rows.map((r) => r.name).sort()).toEqual([...FUNCTIONS].sort());
    for (const { name, body } of rows) {
      const file = fs.readFileSync(sqlFile("function", name), "utf8");
      const fileBody = /\$\$([\s\S]*)\$\$/.exec(file)?.[1];
      expect({ name, body }).toEqual({ name, body: fileBody });
    }
  });

  it("has the listed triggers, on their tables with their timing, and no others", async () => {
    const rows = await queryRows<{ name: string; def: string }>(
      handle.db,
      sql`SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
          JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
    );
    const found = rows
      .map(({ def }): Trigger | null => {
        const m = /^CREATE TRIGGER (\w+) (.+?) ON (?:public\.)?(\w+) (?:REFERENCING .+? )?FOR EACH (ROW|STATEMENT) EXECUTE FUNCTION (\w+)\(/.exec(def);
        return m && { name: m[1], table: m[3], timing: m[2], level: m[4] as Trigger["level"], calls: m[5] };
      })
      .sort((a, b) => String(a?.name).localeCompare(String(b?.name)));
    expect(found).toEqual([...TRIGGERS].sort((a, b) => a.name.localeCompare(b.name)));
    for (const { name, def } of rows) expect({ name, def: bare(def) }).toEqual({ name, def: bare(fs.readFileSync(sqlFile("trigger", name), "utf8")) });
  });

  it("has the listed indexes with their INCLUDE columns; every other index is declared in db/schema.ts", async () => {
    const rows = await queryRows<{ name: string; table: string; def: string }>(
      handle.db,
      sql`SELECT i.indexname AS name, i.tablename AS table, i.indexdef AS def FROM pg_indexes i
          WHERE i.schemaname = 'public'
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = (quote_ident(i.indexname))::regclass)`,
    );
    const declared = new Set(
      Object.values(schema)
        .filter((value) => is(value, PgTable))
        .flatMap((table) => getTableConfig(table as PgTable).indexes.map((index) => index.config.name)),
    );
    const sqlOnly = rows
      .filter((r) => !declared.has(r.name) || / INCLUDE \(/.test(r.def))
      .map((r): Index => ({ name: r.name, table: r.table, include: (/ INCLUDE \((.+)\)$/.exec(r.def)?.[1] ?? "").split(", ").filter(Boolean) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(sqlOnly).toEqual([...INDEXES].sort((a, b) => a.name.localeCompare(b.name)));
    for (const { name } of INDEXES) {
      const def = rows.find((r) => r.name === name)?.def ?? "";
      expect({ name, def: bare(def) }).toEqual({ name, def: bare(fs.readFileSync(sqlFile("index", name), "utf8")) });
    }
  });
});
