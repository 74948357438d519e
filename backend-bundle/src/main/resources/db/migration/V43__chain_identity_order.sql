-- V40 gave blockchain_events' identity a cache of 10000 on both stores. PostgreSQL caches sequence values per
-- session, so parts stored through different pooled connections could get ids out of block order, and the events
-- API pages newest first by id. ${identity_cache} keeps H2's 10000 and sets PostgreSQL back to 1.
ALTER TABLE blockchain_events ALTER COLUMN id SET CACHE ${identity_cache};
