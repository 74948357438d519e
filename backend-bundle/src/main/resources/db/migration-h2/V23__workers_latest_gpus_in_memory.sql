-- H2 only (PostgreSQL keeps worker_gpus as V20 made it). Each GPU sample used to update its GPU's worker_gpus row in
-- the same transaction, and at 10,000 workers those rows lie all over the table's B-trees, so every group commit
-- wrote out dozens of pages for them. Now the row operations go to a table H2 keeps in memory only (NOT PERSISTENT:
-- same SQL, no page writes), and the writer saves what changed to worker_gpus_saved every WORKER_LATEST_SAVE_SECONDS,
-- recording in gpu_rollup_state ('latest_saved') the newest history row that save covers. At start the coordinator
-- refills worker_gpus from worker_gpus_saved plus the history rows after that mark, so a kill loses nothing: the
-- history rows are committed before any 200. The group-commit writer alone took about 1.35 times as many samples a
-- second this way at 10,000 workers (docs/BENCHMARKS.md, workers, session 19).
ALTER TABLE worker_gpus RENAME TO worker_gpus_saved;

CREATE MEMORY TABLE worker_gpus (
    worker_id           VARCHAR(128) NOT NULL,
    gpu_index           INTEGER      NOT NULL,
    gpu_model           VARCHAR(128),
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    utilization_percent DOUBLE PRECISION NOT NULL,
    memory_used_mb      DOUBLE PRECISION,
    memory_total_mb     DOUBLE PRECISION,
    temperature_c       DOUBLE PRECISION,
    power_watts         DOUBLE PRECISION,
    sm_clock_mhz        DOUBLE PRECISION,
    ecc_sbe_count       BIGINT,
    ecc_dbe_count       BIGINT,
    PRIMARY KEY (worker_id, gpu_index)
) NOT PERSISTENT;

-- The renamed table holds every sample committed so far.
INSERT INTO gpu_rollup_state (name, last_raw_id, updated_at)
SELECT 'latest_saved', COALESCE(MAX(id), 0), CURRENT_TIMESTAMP FROM gpu_metrics_history;
