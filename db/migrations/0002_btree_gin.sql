-- btree_gin lets GIN indexes lead with workspace_id (see contacts_search_idx).
CREATE EXTENSION IF NOT EXISTS btree_gin;
