-- pg_trgm backs the trigram GIN indexes used by contact search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
