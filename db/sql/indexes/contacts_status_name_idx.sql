-- Status filters (e.g. the few blocked contacts) count and page in name order
-- without a scan. Not in db/schema.ts: drizzle-kit cannot express INCLUDE.
CREATE INDEX "contacts_status_name_idx" ON "contacts" USING btree ("workspace_id", "status", lower("display_name"), "id") INCLUDE ("display_name");
