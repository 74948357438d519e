-- Workloads of the payments environment. workload_id is the idempotency key: the payout row in payments
-- carries idempotency_key 'workload:<workload_id>' (UNIQUE since V1), so a retried request never pays twice.
CREATE TABLE workloads (
    workload_id      VARCHAR(128) PRIMARY KEY,
    worker_id        VARCHAR(128) NOT NULL,
    job_id           VARCHAR(64),
    workload_type    VARCHAR(64),
    duration_seconds DOUBLE PRECISION NOT NULL,
    artifacts        TEXT,
    payout_mode      VARCHAR(16)  NOT NULL,
    payout_amount    NUMERIC(38, 18) NOT NULL,
    currency         VARCHAR(16)  NOT NULL,
    dry_run          BOOLEAN      NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    recorded_by      VARCHAR(128),
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workloads_worker ON workloads (worker_id, recorded_at);
