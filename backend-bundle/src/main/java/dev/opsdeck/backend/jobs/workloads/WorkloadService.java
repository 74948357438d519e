package dev.opsdeck.backend.jobs.workloads;

import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.store.Database;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records workloads and pays for each exactly once. The workload and its {@code payments} row are written in one
 * transaction keyed by the workload id; a retried request (same id, same content) gets the stored answer, a
 * different request under a used id gets 409, and two racing requests resolve through the unique keys.
 */
public final class WorkloadService {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final BigDecimal MAX_PAYOUT = new BigDecimal("1000");

    private final Database db;
    private final WorkloadRepository repo;
    private final WorkloadSettings settings;
    private final EventBus events;
    private final Clock clock;

    public WorkloadService(Database db, WorkloadRepository repo, WorkloadSettings settings, EventBus events, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Validates and records; answers the stored workload, with {@code replayed=true} on a repeat. */
    public Workload record(WorkloadRequest r, String idempotencyKey, String recordedBy) {
        String id = workloadId(r.workloadId(), idempotencyKey);
        String worker = required("worker_id", r.workerId(), ID);
        String job = r.jobId() == null ? null : required("job_id", r.jobId(), ID);
        String type = r.workloadType() == null ? null : required("workload_type", r.workloadType(), ID);
        if (r.durationSeconds() == null || r.durationSeconds().isNaN() || r.durationSeconds() < 0 || r.durationSeconds() > 30 * 86_400) {
            throw ApiException.invalidField("duration_seconds", "is required, between 0 and 2592000 seconds");
        }
        List<String> artifacts = artifacts(r.artifacts());
        String mode;
        BigDecimal amount;
        if (r.payoutEth() != null) {
            if (r.payoutEth().signum() < 0 || r.payoutEth().compareTo(MAX_PAYOUT) > 0 || r.payoutEth().scale() > 18) {
                throw ApiException.invalidField("payout_eth", "must be between 0 and 1000 ETH with at most 18 decimals");
            }
            mode = "per_workload";
            amount = r.payoutEth();
        } else if (settings.creditPerMinute() != null) {
            mode = "time_credit";
            amount = settings.creditPerMinute().multiply(BigDecimal.valueOf(r.durationSeconds()), MathContext.DECIMAL64)
                    .divide(BigDecimal.valueOf(60), 18, RoundingMode.HALF_EVEN);
        } else {
            throw ApiException.invalidField("payout_eth", "is required: no PAYMENTS_WORKLOAD_TIME_CREDIT_ETH_PER_MINUTE is configured");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String status = settings.dryRun() ? "dry_run" : "pending";
        Workload w = new Workload(id, worker, job, type, r.durationSeconds(), artifacts, mode, WorkloadRepository.plain(amount),
                "ETH", settings.dryRun(), status, now, false);
        String hash = hash(worker, job, type, r.durationSeconds(), artifacts, r.payoutEth());

        Workload stored = insertOrReplay(w, hash, recordedBy);
        if (!stored.replayed()) {
            events.publish("jobs", "workload.recorded", Map.of("workload_id", id, "worker_id", worker,
                    "payout_eth", stored.payoutEth(), "dry_run", stored.dryRun()));
        }
        return stored;
    }

    private Workload insertOrReplay(Workload w, String hash, String recordedBy) {
        for (int round = 0; round < 2; round++) {
            var existing = db.jdbi().withHandle(h -> repo.find(h, w.workloadId()));
            if (existing.isPresent()) {
                if (!existing.get().requestHash().equals(hash)) {
                    throw new ApiException(409, "idempotency_conflict", "workload " + w.workloadId()
                            + " was already recorded with different content; use a new workload_id", Map.of("field", "workload_id"));
                }
                Workload s = existing.get().workload();
                return new Workload(s.workloadId(), s.workerId(), s.jobId(), s.workloadType(), s.durationSeconds(), s.artifacts(),
                        s.payoutMode(), s.payoutEth(), s.currency(), s.dryRun(), s.paymentStatus(), s.recordedAt(), true);
            }
            try {
                db.jdbi().useTransaction(h -> repo.insert(h, w, hash, recordedBy));
                return w;
            } catch (RuntimeException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                // A concurrent request with the same id committed first; the next round answers from its row.
            }
        }
        throw new ApiException(409, "idempotency_conflict", "workload " + w.workloadId() + " is being recorded by another request",
                Map.of("field", "workload_id"));
    }

    public List<Workload> recent(String workerId, int limit) {
        return db.jdbi().withHandle(h -> repo.recent(h, workerId, limit));
    }

    public Workload find(String id) {
        return db.jdbi().withHandle(h -> repo.find(h, id)).map(WorkloadRepository.Stored::workload)
                .orElseThrow(() -> ApiException.notFound("no workload " + id));
    }

    public List<Map<String, Object>> totals() {
        return db.jdbi().withHandle(repo::totals);
    }

    public WorkloadSettings settings() {
        return settings;
    }

    private static String workloadId(String body, String header) {
        if (body != null && header != null && !header.isBlank() && !body.equals(header.trim())) {
            throw ApiException.invalidField("workload_id", "differs from the Idempotency-Key header; send one or make them equal");
        }
        String id = body != null ? body : header == null || header.isBlank() ? null : header.trim();
        return required("workload_id", id, ID);
    }

    private List<String> artifacts(List<String> in) {
        if (in == null) {
            return List.of();
        }
        if (in.size() > 100) {
            throw ApiException.invalidField("artifacts", "at most 100 artifacts per workload");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            String field = "artifacts[" + i + "]";
            String a = in.get(i);
            if (a == null || a.isBlank() || a.length() > 512) {
                throw ApiException.invalidField(field, "must be a relative path of 1 to 512 characters");
            }
            try {
                Path p = Path.of(a);
                Path resolved = settings.archiveBase().resolve(p).normalize();
                if (p.isAbsolute() || !resolved.startsWith(settings.archiveBase())) {
                    throw ApiException.invalidField(field, "must be a path inside the workload archive (no absolute paths, no '..')");
                }
                out.add(settings.archiveBase().relativize(resolved).toString().replace('\\', '/'));
            } catch (InvalidPathException e) {
                throw ApiException.invalidField(field, "is not a valid path");
            }
        }
        return out;
    }

    private static String required(String field, String v, Pattern p) {
        if (v == null || v.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        if (!p.matcher(v).matches()) {
            throw ApiException.invalidField(field, "must be letters, digits, '_', '.', ':' or '-', at most 128 characters");
        }
        return v;
    }

    private static String hash(Object... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Object o : parts) {
                String s = o instanceof BigDecimal b ? WorkloadRepository.plain(b) : String.valueOf(o);
                md.update(s.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && "23505".equals(se.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
