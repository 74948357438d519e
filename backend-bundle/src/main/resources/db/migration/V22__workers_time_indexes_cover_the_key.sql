-- The rollup and the uptime credit update rows by their primary key (worker, GPU, bucket / worker, hour). H2 keeps
-- a statement's plan for as long as the connection lives, and a plan made while a table was empty may pick the
-- one-column time index instead of the key: every update then scans all of the fleet's rows for that minute or
-- hour (10,000 workers: a rollup of 25,000 samples took 12-15 s instead of under 1 s). With the time indexes
-- ending in the rest of the key, either index finds the one row.
DROP INDEX gpu_metrics_1m_time;
CREATE INDEX gpu_metrics_1m_time ON gpu_metrics_1m (bucket_start, worker_id, gpu_index);
DROP INDEX gpu_metrics_1h_time;
CREATE INDEX gpu_metrics_1h_time ON gpu_metrics_1h (bucket_start, worker_id, gpu_index);
DROP INDEX worker_uptime_hourly_time;
CREATE INDEX worker_uptime_hourly_time ON worker_uptime_hourly (hour_start, worker_id);
