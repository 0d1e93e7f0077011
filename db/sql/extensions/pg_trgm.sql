-- Trigram matching: the GIN index on contacts.search_text (contacts_search_idx,
-- declared in db/schema.ts) and contact search's LIKE '%…%' use it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
