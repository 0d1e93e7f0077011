-- Company order by index-only scans (see contacts_name_idx). db/schema.ts
-- declares the same name and keys; drizzle-kit cannot express INCLUDE.
CREATE INDEX "contacts_company_idx" ON "contacts" USING btree ("workspace_id", lower("company"), "id") INCLUDE ("company");
