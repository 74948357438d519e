package dev.opsdeck.backend.jobs.automation;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of {@code automation_tasks} (settings and last-run facts) and the next run in db-scheduler's table. */
public final class AutomationRepository {

    /** A task's stored state; {@code nextRun} and {@code picked} come from {@code scheduled_tasks}. */
    public record Row(String name, long intervalSeconds, boolean enabled, Instant lastRunAt, Long lastDurationMs,
                      String lastStatus, String lastError, String lastResult, long runCount, Instant nextRun, Boolean running,
                      String runningOn) {
    }

    /** Adds the task with its default interval unless a row exists (several coordinators may start at once). */
    public void ensure(Handle h, String name, long intervalSeconds, Instant now) {
        h.createUpdate("INSERT INTO automation_tasks (name, interval_seconds, enabled, run_count, updated_at) "
                        + "SELECT :n, :i, TRUE, 0, :now WHERE NOT EXISTS (SELECT 1 FROM automation_tasks WHERE name = :n)")
                .bind("n", name).bind("i", intervalSeconds).bind("now", t(now)).execute();
    }

    public List<Row> all(Handle h, String schedulerTask) {
        return h.createQuery(SELECT + " ORDER BY a.name").bind("task", schedulerTask).map((rs, c) -> row(rs)).list();
    }

    public Optional<Row> find(Handle h, String name, String schedulerTask) {
        return h.createQuery(SELECT + " WHERE a.name = :n").bind("n", name).bind("task", schedulerTask).map((rs, c) -> row(rs)).findOne();
    }

    /** db-scheduler names each task after the automation, so the join is on task_name. */
    private static final String SELECT = "SELECT a.name, a.interval_seconds, a.enabled, a.last_run_at, a.last_duration_ms, a.last_status, "
            + "a.last_error, a.last_result, a.run_count, s.execution_time, s.picked, s.picked_by FROM automation_tasks a "
            + "LEFT JOIN scheduled_tasks s ON s.task_name = a.name AND s.task_instance = :task";

    public void update(Handle h, String name, Long intervalSeconds, Boolean enabled, Instant now) {
        h.createUpdate("UPDATE automation_tasks SET interval_seconds = COALESCE(:i, interval_seconds), "
                        + "enabled = COALESCE(:e, enabled), updated_at = :now WHERE name = :n")
                .bind("i", intervalSeconds).bind("e", enabled).bind("now", t(now)).bind("n", name).execute();
    }

    public void recordRun(Handle h, String name, Instant at, long durationMs, String status, String result, String error) {
        h.createUpdate("UPDATE automation_tasks SET last_run_at = :at, last_duration_ms = :ms, last_status = :st, last_result = :res, "
                        + "last_error = :err, run_count = run_count + 1 WHERE name = :n")
                .bind("at", t(at)).bind("ms", durationMs).bind("st", status).bind("res", result).bind("err", error).bind("n", name)
                .execute();
    }

    public Map<String, Object> settings(Handle h, String name) {
        return h.createQuery("SELECT interval_seconds, enabled FROM automation_tasks WHERE name = :n").bind("n", name)
                .map((rs, c) -> Map.<String, Object>of("interval_seconds", rs.getLong(1), "enabled", rs.getBoolean(2)))
                .findOne().orElse(Map.of());
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getLong(2), rs.getBoolean(3), instant(rs, 4), rs.getObject(5, Long.class),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), instant(rs, 10),
                rs.getObject(11, Boolean.class), rs.getString(12));
    }

    private static Instant instant(java.sql.ResultSet rs, int col) throws java.sql.SQLException {
        OffsetDateTime o = rs.getObject(col, OffsetDateTime.class);
        return o == null ? null : o.toInstant();
    }

    static OffsetDateTime t(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
