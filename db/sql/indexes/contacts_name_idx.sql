-- Name order and name-ordered search (the trigram filter on search_text) by
-- index-only scans: an expression index allows them only when the columns it
-- reads are stored too. db/schema.ts declares the same name and keys; drizzle-kit
-- cannot express INCLUDE.
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("workspace_id", lower("display_name"), "id") INCLUDE ("display_name", "search_text");
