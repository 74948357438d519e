package dev.opsdeck.backend.jobs.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of workloads and their payout rows in {@code payments}. */
public final class WorkloadRepository {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "w.workload_id, w.worker_id, w.job_id, w.workload_type, w.duration_seconds, w.artifacts, "
            + "w.payout_mode, w.payout_amount, w.currency, w.dry_run, p.status AS payment_status, w.recorded_at, w.request_hash";

    private final ObjectMapper mapper;

    public WorkloadRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The stored workload and the hash of the request that created it. */
    public record Stored(Workload workload, String requestHash) {
    }

    public Optional<Stored> find(Handle h, String workloadId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM workloads w LEFT JOIN payments p ON p.idempotency_key = :key "
                        + "WHERE w.workload_id = :id")
                .bind("id", workloadId).bind("key", paymentKey(workloadId))
                .map((rs, c) -> new Stored(map(rs), rs.getString("request_hash"))).findOne();
    }

    /** Inserts the workload and its payment; the two primary/unique keys make a second insert fail as a whole. */
    public void insert(Handle h, Workload w, String requestHash, String recordedBy) {
        String artifacts;
        try {
            artifacts = mapper.writeValueAsString(w.artifacts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(w.recordedAt(), ZoneOffset.UTC);
        h.createUpdate("INSERT INTO workloads (workload_id, worker_id, job_id, workload_type, duration_seconds, artifacts, payout_mode, "
                        + "payout_amount, currency, dry_run, request_hash, recorded_by, recorded_at) VALUES (:id, :worker, :job, :type, "
                        + ":dur, :art, :mode, :amount, :cur, :dry, :hash, :by, :at)")
                .bind("id", w.workloadId()).bind("worker", w.workerId()).bind("job", w.jobId()).bind("type", w.workloadType())
                .bind("dur", w.durationSeconds()).bind("art", artifacts).bind("mode", w.payoutMode()).bind("amount", new BigDecimal(w.payoutEth()))
                .bind("cur", w.currency()).bind("dry", w.dryRun()).bind("hash", requestHash).bind("by", recordedBy).bind("at", at)
                .execute();
        h.createUpdate("INSERT INTO payments (idempotency_key, worker_id, workload_id, amount, currency, status, dry_run, created_at) "
                        + "VALUES (:key, :worker, :id, :amount, :cur, :status, :dry, :at)")
                .bind("key", paymentKey(w.workloadId())).bind("worker", w.workerId()).bind("id", w.workloadId())
                .bind("amount", new BigDecimal(w.payoutEth())).bind("cur", w.currency()).bind("status", w.paymentStatus())
                .bind("dry", w.dryRun()).bind("at", at).execute();
    }

    public List<Workload> recent(Handle h, String workerId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM workloads w LEFT JOIN payments p ON p.workload_id = w.workload_id "
                        + "AND p.idempotency_key = CONCAT('workload:', w.workload_id) "
                        + "WHERE (CAST(:worker AS VARCHAR(128)) IS NULL OR w.worker_id = :worker) ORDER BY w.recorded_at DESC LIMIT :n")
                .bind("worker", workerId).bind("n", limit).map((rs, c) -> map(rs)).list();
    }

    /** Payout totals per worker: all, sent for real (not dry run), workload count and minutes. */
    public List<Map<String, Object>> totals(Handle h) {
        return h.createQuery("SELECT p.worker_id, COUNT(*) AS n, SUM(p.amount) AS total, "
                        + "SUM(CASE WHEN p.dry_run THEN 0 ELSE p.amount END) AS live, SUM(w.duration_seconds) AS secs, MAX(p.created_at) AS last_at "
                        + "FROM payments p JOIN workloads w ON w.workload_id = p.workload_id "
                        + "WHERE p.idempotency_key LIKE 'workload:%' GROUP BY p.worker_id ORDER BY total DESC")
                .map((rs, c) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("worker_id", rs.getString("worker_id"));
                    m.put("workloads", rs.getLong("n"));
                    m.put("total_eth", plain(rs.getBigDecimal("total")));
                    m.put("paid_eth", plain(rs.getBigDecimal("live")));
                    m.put("workload_minutes", Math.round(rs.getDouble("secs") / 60.0 * 100) / 100.0);
                    OffsetDateTime last = rs.getObject("last_at", OffsetDateTime.class);
                    m.put("last_payout_at", last == null ? null : last.toInstant());
                    return m;
                }).list();
    }

    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    static String paymentKey(String workloadId) {
        return "workload:" + workloadId;
    }

    private Workload map(ResultSet rs) throws SQLException {
        List<String> artifacts;
        try {
            String a = rs.getString("artifacts");
            artifacts = a == null ? List.of() : mapper.readValue(a, STRINGS);
        } catch (JsonProcessingException e) {
            artifacts = List.of();
        }
        BigDecimal amount = rs.getBigDecimal("payout_amount");
        Instant at = rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
        return new Workload(rs.getString("workload_id"), rs.getString("worker_id"), rs.getString("job_id"), rs.getString("workload_type"),
                rs.getDouble("duration_seconds"), artifacts, rs.getString("payout_mode"), plain(amount),
                rs.getString("currency"), rs.getBoolean("dry_run"), rs.getString("payment_status"), at, false);
    }
}
