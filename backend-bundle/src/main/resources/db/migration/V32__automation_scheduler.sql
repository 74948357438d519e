-- db-scheduler's table (its PostgreSQL schema, with VARCHAR keys so H2 accepts them as a primary key).
-- Picking a due execution is an optimistic UPDATE on version, so each run happens on one coordinator only.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(255) NOT NULL,
    task_instance        VARCHAR(255) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(255),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority, execution_time);

-- Operator-editable settings and last-run facts of the recurring automation tasks; next_run itself is
-- db-scheduler's execution_time.
CREATE TABLE automation_tasks (
    name             VARCHAR(64)  PRIMARY KEY,
    interval_seconds BIGINT       NOT NULL,
    enabled          BOOLEAN      NOT NULL DEFAULT TRUE,
    last_run_at      TIMESTAMP WITH TIME ZONE,
    last_duration_ms BIGINT,
    last_status      VARCHAR(32),
    last_error       TEXT,
    last_result      TEXT,
    run_count        BIGINT       NOT NULL DEFAULT 0,
    updated_at       TIMESTAMP WITH TIME ZONE
);
