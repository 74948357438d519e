-- Ops domain: backup catalogue, idempotency keys of admin actions, backup schedule.
-- Common dialect for H2 (MODE=PostgreSQL) and PostgreSQL.

-- One row per backup job; tables_json holds the per-table row counts and checksums that verify compares against.
CREATE TABLE ops_backups (
    backup_id       VARCHAR(64)  PRIMARY KEY,
    backup_type     VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    store           VARCHAR(16)  NOT NULL,
    schema_version  VARCHAR(32),
    file_name       VARCHAR(255),
    size_bytes      BIGINT,
    sha256          VARCHAR(64),
    duration_ms     BIGINT,
    tables_json     TEXT,
    error           TEXT,
    scheduled       BOOLEAN      NOT NULL DEFAULT FALSE,
    requested_by    VARCHAR(128) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ops_backups_created ON ops_backups (created_at);

-- A repeated request with the same Idempotency-Key returns the stored first response instead of acting twice.
CREATE TABLE ops_idempotency (
    idem_key        VARCHAR(200) PRIMARY KEY,
    action          VARCHAR(64)  NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    status_code     INTEGER,
    response        TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ops_idempotency_created ON ops_idempotency (created_at);

-- At most one row (id = 1): the operator's backup schedule survives restarts and is shared by coordinators.
CREATE TABLE ops_backup_schedule (
    id              INTEGER      PRIMARY KEY,
    enabled         BOOLEAN      NOT NULL,
    backup_type     VARCHAR(16)  NOT NULL,
    interval_hours  INTEGER      NOT NULL,
    retain_count    INTEGER      NOT NULL,
    last_run_at     TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
