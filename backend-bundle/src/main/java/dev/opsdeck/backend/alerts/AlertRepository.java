package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.alerts.expr.Matcher;
import dev.opsdeck.backend.platform.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every SQL statement of the alerts domain. Times go in and out as UTC {@link OffsetDateTime}s on both stores. */
public final class AlertRepository {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<Matcher>> MATCHERS = new TypeReference<>() {
    };

    private final Database db;
    private final ObjectMapper mapper;

    public AlertRepository(Database db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    // ---- rules

    public List<AlertRule> rules() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_rules ORDER BY name").map((rs, c) -> rule(rs)).list());
    }

    public Optional<AlertRule> rule(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_rules WHERE name = :n").bind("n", name)
                .map((rs, c) -> rule(rs)).findOne());
    }

    /** Inserts; false when a rule of that name exists (so concurrent seeding by two coordinators is harmless). */
    public boolean insertRule(AlertRule r) {
        return db.jdbi().inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM alert_rules WHERE name = :n").bind("n", r.name()).mapTo(Integer.class).one() > 0) {
                return false;
            }
            h.createUpdate("INSERT INTO alert_rules (name, expr, comparison, threshold, for_seconds, consecutive, severity, summary, "
                            + "description, runbook, builtin, enabled, created_at, updated_at) VALUES (:name, :expr, :cmp, :threshold, "
                            + ":forSeconds, :consecutive, :severity, :summary, :description, :runbook, :builtin, :enabled, :created, :updated)")
                    .bind("name", r.name()).bind("expr", r.expr()).bind("cmp", r.comparison()).bind("threshold", r.threshold())
                    .bind("forSeconds", r.forSeconds()).bind("consecutive", r.consecutive()).bind("severity", r.severity())
                    .bind("summary", r.summary()).bind("description", r.description()).bind("runbook", json(r.runbook()))
                    .bind("builtin", r.builtin()).bind("enabled", r.enabled()).bind("created", utc(r.createdAt()))
                    .bind("updated", utc(r.updatedAt())).execute();
            return true;
        });
    }

    public void updateRule(AlertRule r) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE alert_rules SET expr = :expr, comparison = :cmp, threshold = :threshold, "
                        + "for_seconds = :forSeconds, consecutive = :consecutive, severity = :severity, summary = :summary, "
                        + "description = :description, runbook = :runbook, enabled = :enabled, updated_at = :updated WHERE name = :name")
                .bind("name", r.name()).bind("expr", r.expr()).bind("cmp", r.comparison()).bind("threshold", r.threshold())
                .bind("forSeconds", r.forSeconds()).bind("consecutive", r.consecutive()).bind("severity", r.severity())
                .bind("summary", r.summary()).bind("description", r.description()).bind("runbook", json(r.runbook()))
                .bind("enabled", r.enabled()).bind("updated", utc(r.updatedAt())).execute());
    }

    public boolean deleteRule(String name) {
        return db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM alert_rules WHERE name = :n").bind("n", name).execute()) > 0;
    }

    private AlertRule rule(ResultSet rs) throws SQLException {
        return new AlertRule(rs.getString("name"), rs.getString("expr"), rs.getString("comparison"), rs.getDouble("threshold"),
                rs.getLong("for_seconds"), rs.getInt("consecutive"), rs.getString("severity"), rs.getString("summary"),
                rs.getString("description"), read(rs.getString("runbook"), Runbook.class), rs.getBoolean("builtin"),
                rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    // ---- history

    /** Writes one evaluation's transitions in one transaction: all of them or none. */
    public void insertTransitions(List<Transition> ts) {
        if (ts.isEmpty()) {
            return;
        }
        db.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch("INSERT INTO alert_history (occurred_at, rule_name, fingerprint, labels, severity, from_state, "
                    + "to_state, alert_value, note) VALUES (:at, :rule, :fp, :labels, :severity, :from, :to, :value, :note)");
            for (Transition t : ts) {
                batch.bind("at", utc(t.occurredAt())).bind("rule", t.ruleName()).bind("fp", t.fingerprint())
                        .bind("labels", json(t.labels())).bind("severity", t.severity()).bind("from", t.fromState())
                        .bind("to", t.toState()).bind("value", finite(t.value())).bind("note", t.note()).add();
            }
            batch.execute();
        });
    }

    /** History newest first, filtered by any of: time window, rule, severity, fingerprint. */
    public List<Transition> history(Instant since, Instant until, String rule, String severity, String fingerprint, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM alert_history WHERE occurred_at >= :since AND occurred_at <= :until");
        if (rule != null) {
            sql.append(" AND rule_name = :rule");
        }
        if (severity != null) {
            sql.append(" AND severity = :severity");
        }
        if (fingerprint != null) {
            sql.append(" AND fingerprint = :fp");
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        return db.jdbi().withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("since", utc(since)).bind("until", utc(until)).bind("limit", limit);
            if (rule != null) {
                q.bind("rule", rule);
            }
            if (severity != null) {
                q.bind("severity", severity);
            }
            if (fingerprint != null) {
                q.bind("fp", fingerprint);
            }
            return q.map((rs, c) -> new Transition(rs.getLong("id"), instant(rs, "occurred_at"), rs.getString("rule_name"),
                    rs.getString("fingerprint"), read(rs.getString("labels"), LABELS), rs.getString("severity"),
                    rs.getString("from_state"), rs.getString("to_state"), nullableDouble(rs, "alert_value"), rs.getString("note"))).list();
        });
    }

    /**
     * Alerts whose last transition left them pending or firing: the live state of a backend that stopped,
     * so a restart carries on (and later sends the resolved notice) instead of forgetting them.
     */
    public List<Transition> openAlerts() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_history h WHERE h.to_state IN ('pending', 'firing') "
                        + "AND h.id = (SELECT MAX(h2.id) FROM alert_history h2 WHERE h2.fingerprint = h.fingerprint) ORDER BY h.id")
                .map((rs, c) -> new Transition(rs.getLong("id"), instant(rs, "occurred_at"), rs.getString("rule_name"),
                        rs.getString("fingerprint"), read(rs.getString("labels"), LABELS), rs.getString("severity"),
                        rs.getString("from_state"), rs.getString("to_state"), nullableDouble(rs, "alert_value"), rs.getString("note"))).list());
    }

    // ---- silences

    public Silence insertSilence(List<Matcher> matchers, String reason, String by, Instant starts, Instant ends, Instant now) {
        long id = db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO alert_silences (matchers, reason, created_by, starts_at, ends_at, "
                        + "created_at) VALUES (:m, :reason, :by, :starts, :ends, :now)")
                .bind("m", json(matchers)).bind("reason", reason).bind("by", by).bind("starts", utc(starts)).bind("ends", utc(ends))
                .bind("now", utc(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Silence(id, matchers, reason, by, starts, ends, now, false);
    }

    /** Silences that have not ended before {@code since}. */
    public List<Silence> silences(Instant since) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_silences WHERE ends_at > :since ORDER BY ends_at")
                .bind("since", utc(since)).map((rs, c) -> silence(rs)).list());
    }

    public Optional<Silence> silence(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_silences WHERE id = :id").bind("id", id)
                .map((rs, c) -> silence(rs)).findOne());
    }

    /** Silences that ended and whose expiry nobody was told about yet. */
    public List<Silence> expiredUnnotified(Instant now) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_silences WHERE ends_at <= :now AND expired_notified = FALSE")
                .bind("now", utc(now)).map((rs, c) -> silence(rs)).list());
    }

    public void endSilence(long id, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE alert_silences SET ends_at = :at WHERE id = :id AND ends_at > :at")
                .bind("id", id).bind("at", utc(at)).execute());
    }

    public void markSilenceNotified(long id) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE alert_silences SET expired_notified = TRUE WHERE id = :id").bind("id", id).execute());
    }

    private Silence silence(ResultSet rs) throws SQLException {
        return new Silence(rs.getLong("id"), read(rs.getString("matchers"), MATCHERS), rs.getString("reason"), rs.getString("created_by"),
                instant(rs, "starts_at"), instant(rs, "ends_at"), instant(rs, "created_at"), rs.getBoolean("expired_notified"));
    }

    // ---- acknowledgements

    /** Ends any active ack of the fingerprint and adds the new one, atomically: one owner at a time. */
    public Ack insertAck(String fingerprint, String rule, String owner, String comment, Instant expires, boolean clearOnResolve, Instant now) {
        long id = db.jdbi().inTransaction(h -> {
            endAcks(h, fingerprint, now, "replaced");
            return h.createUpdate("INSERT INTO alert_acks (fingerprint, rule_name, owner, comment, created_at, expires_at, clear_on_resolve) "
                            + "VALUES (:fp, :rule, :owner, :comment, :now, :expires, :clear)")
                    .bind("fp", fingerprint).bind("rule", rule).bind("owner", owner).bind("comment", comment).bind("now", utc(now))
                    .bind("expires", utc(expires)).bind("clear", clearOnResolve).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new Ack(id, fingerprint, rule, owner, comment, now, expires, clearOnResolve, null, null, null);
    }

    /** Acks not ended yet (some may be past their expiry: the engine ends those and says so). */
    public List<Ack> openAcks() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_acks WHERE ended_at IS NULL ORDER BY created_at")
                .map((rs, c) -> ack(rs)).list());
    }

    public Optional<Ack> ack(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_acks WHERE id = :id").bind("id", id).map((rs, c) -> ack(rs)).findOne());
    }

    public void endAck(long id, Instant at, String reason) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE alert_acks SET ended_at = :at, end_reason = :reason WHERE id = :id AND ended_at IS NULL")
                .bind("id", id).bind("at", utc(at)).bind("reason", reason).execute());
    }

    public void setAckResolvedAt(long id, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE alert_acks SET resolved_at = :at WHERE id = :id")
                .bind("id", id).bind("at", at == null ? null : utc(at)).execute());
    }

    private static void endAcks(Handle h, String fingerprint, Instant at, String reason) {
        h.createUpdate("UPDATE alert_acks SET ended_at = :at, end_reason = :reason WHERE fingerprint = :fp AND ended_at IS NULL")
                .bind("fp", fingerprint).bind("at", utc(at)).bind("reason", reason).execute();
    }

    private Ack ack(ResultSet rs) throws SQLException {
        return new Ack(rs.getLong("id"), rs.getString("fingerprint"), rs.getString("rule_name"), rs.getString("owner"),
                rs.getString("comment"), instant(rs, "created_at"), instant(rs, "expires_at"), rs.getBoolean("clear_on_resolve"),
                instant(rs, "resolved_at"), instant(rs, "ended_at"), rs.getString("end_reason"));
    }

    // ---- webhook dead letters

    public long insertDeadLetter(String groupKey, String payload, int attempts, String error, Instant at) {
        return db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO alert_webhook_dead_letters (created_at, group_key, payload, attempts, "
                        + "last_error) VALUES (:at, :gk, :payload, :attempts, :error)")
                .bind("at", utc(at)).bind("gk", groupKey).bind("payload", payload).bind("attempts", attempts).bind("error", error)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public List<DeadLetter> deadLetters(boolean pendingOnly, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert_webhook_dead_letters"
                        + (pendingOnly ? " WHERE redelivered_at IS NULL" : "") + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, c) -> new DeadLetter(rs.getLong("id"), instant(rs, "created_at"), rs.getString("group_key"), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "redelivered_at"))).list());
    }

    public int countPendingDeadLetters() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_webhook_dead_letters WHERE redelivered_at IS NULL")
                .mapTo(Integer.class).one());
    }

    public void markRedelivered(long id, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE alert_webhook_dead_letters SET redelivered_at = :at WHERE id = :id")
                .bind("id", id).bind("at", utc(at)).execute());
    }

    // ---- system samples

    public void insertSystemSample(SystemSample s, Instant pruneBefore) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("INSERT INTO system_metrics (sampled_at, cpu_percent, memory_percent, memory_used_bytes, memory_total_bytes, "
                            + "disk_free_percent, disk_free_bytes, load_1m) VALUES (:at, :cpu, :mem, :used, :total, :disk, :diskBytes, :load)")
                    .bind("at", utc(s.sampledAt())).bind("cpu", s.cpuPercent()).bind("mem", s.memoryPercent())
                    .bind("used", s.memoryUsedBytes()).bind("total", s.memoryTotalBytes()).bind("disk", s.diskFreePercent())
                    .bind("diskBytes", s.diskFreeBytes()).bind("load", s.load1m()).execute();
            h.createUpdate("DELETE FROM system_metrics WHERE sampled_at < :before").bind("before", utc(pruneBefore)).execute();
        });
    }

    public List<SystemSample> systemSamples(Instant since) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM system_metrics WHERE sampled_at >= :since ORDER BY sampled_at")
                .bind("since", utc(since))
                .map((rs, c) -> new SystemSample(instant(rs, "sampled_at"), nullableDouble(rs, "cpu_percent"), nullableDouble(rs, "memory_percent"),
                        nullableLong(rs, "memory_used_bytes"), nullableLong(rs, "memory_total_bytes"), nullableDouble(rs, "disk_free_percent"),
                        nullableLong(rs, "disk_free_bytes"), nullableDouble(rs, "load_1m"))).list());
    }

    // ---- helpers

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Double nullableDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** NaN and infinities do not survive every store and driver alike; history keeps them as null. */
    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    private String json(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String s, Class<T> type) {
        try {
            return s == null ? null : mapper.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in alerts table: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String s, TypeReference<T> type) {
        try {
            return s == null ? null : mapper.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in alerts table: " + e.getOriginalMessage(), e);
        }
    }
}
