-- Covering indexes for the contacts page (measured in docs/benchmarks.md).
-- Expression indexes allow index-only scans only when the underlying columns
-- are stored too; INCLUDE does that, so deep pages and name-ordered searches
-- (the trigram filter on search_text) never touch the heap. drizzle-kit cannot
-- express INCLUDE, hence this hand-written migration (db/schema.ts keeps the
-- same index names and keys).
DROP INDEX IF EXISTS "contacts_name_idx";--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("workspace_id", lower("display_name"), "id") INCLUDE ("display_name", "search_text");--> statement-breakpoint
DROP INDEX IF EXISTS "contacts_company_idx";--> statement-breakpoint
CREATE INDEX "contacts_company_idx" ON "contacts" USING btree ("workspace_id", lower("company"), "id") INCLUDE ("company");--> statement-breakpoint
-- Status filters (e.g. the few blocked contacts) count and page without a scan.
CREATE INDEX "contacts_status_name_idx" ON "contacts" USING btree ("workspace_id", "status", lower("display_name"), "id") INCLUDE ("display_name");
