-- Ingest inserts a heartbeat, a GPU sample or an error event per row. On H2 the identity sequence's default cache
-- of 32 made every 32nd row persist the sequence inside the ingest commit (JFR: 16% of the group-commit writer in
-- Sequence.flush). ${identity_cache} is 10000 on H2 and 1 on PostgreSQL (see Database.flyway()).
ALTER TABLE heartbeats ALTER COLUMN id SET CACHE ${identity_cache};
ALTER TABLE gpu_metrics_history ALTER COLUMN id SET CACHE ${identity_cache};
ALTER TABLE gpu_error_events ALTER COLUMN id SET CACHE ${identity_cache};
