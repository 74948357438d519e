package dev.opsdeck.backend.jobs;

import dev.opsdeck.backend.jobs.JobRecords.FailureGroup;
import dev.opsdeck.backend.jobs.JobRecords.JobView;
import dev.opsdeck.backend.jobs.JobRepository.AttemptBucket;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.store.Database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read side of the queue: queue status, statistics over time, analytics, recent jobs and failure groups. */
public final class JobStats {
    /** Percentiles are computed over at most this many recent durations: bounded work per request. */
    private static final int DURATION_SAMPLE_CAP = 50_000;

    private final Database db;
    private final JobRepository repo;
    private final JobsSettings settings;
    private final JobMetrics metrics;
    private final Clock clock;

    public JobStats(Database db, JobRepository repo, JobsSettings settings, JobMetrics metrics, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code GET /queue-status}: counts per queue and state, and which active workers are busy. */
    public Map<String, Object> queueStatus() {
        return db.jdbi().withHandle(h -> {
            Map<String, Map<String, Long>> byQueue = repo.countsByQueue(h);
            List<Map<String, Object>> queues = new ArrayList<>();
            long[] totals = new long[4];
            for (var e : byQueue.entrySet()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("queue", e.getKey());
                String[] st = {JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED, JobStatus.DEAD};
                for (int i = 0; i < st.length; i++) {
                    long n = e.getValue().getOrDefault(st[i], 0L);
                    q.put(st[i], n);
                    totals[i] += n;
                }
                queues.add(q);
            }
            Map<String, Boolean> workers = repo.activeWorkersBusy(h, clock.instant().minus(settings.activeWindow()));
            long busy = workers.values().stream().filter(b -> b).count();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queues", queues);
            m.put("totals", Map.of("queued", totals[0], "running", totals[1], "failed", totals[2], "dead", totals[3]));
            m.put("workers", Map.of("active", workers.size(), "busy", busy, "idle", workers.size() - busy,
                    "busy_ids", workers.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).limit(200).toList()));
            m.put("generated_at", clock.instant());
            return m;
        });
    }

    /**
     * {@code GET /admin/jobs/statistics}: per time bucket the finished attempts by outcome and failure rate by
     * type; over the whole window throughput and duration percentiles per type.
     */
    public Map<String, Object> statistics(int hours, int bucketMinutes) {
        Instant now = clock.instant();
        long nowMinute = now.getEpochSecond() / 60;
        long fromMinute = nowMinute - hours * 60L;
        return db.jdbi().withHandle(h -> {
            List<AttemptBucket> rows = repo.attemptBuckets(h, fromMinute, bucketMinutes);
            Map<Long, Map<String, Object>> series = new TreeMap<>();
            Map<String, long[]> byType = new TreeMap<>();
            long completed = 0;
            long finished = 0;
            for (AttemptBucket b : rows) {
                Map<String, Object> bucket = series.computeIfAbsent(b.bucket(), k -> newBucket(k, bucketMinutes));
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Long>> types = (Map<String, Map<String, Long>>) bucket.get("by_type");
                types.computeIfAbsent(b.jobType(), k -> new TreeMap<>()).merge(b.outcome(), b.count(), Long::sum);
                long[] t = byType.computeIfAbsent(b.jobType(), k -> new long[2]);
                t[0] += b.count();
                if (isFailure(b.outcome())) {
                    t[1] += b.count();
                }
                finished += b.count();
                if ("completed".equals(b.outcome())) {
                    completed += b.count();
                }
            }
            for (Map<String, Object> bucket : series.values()) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Long>> types = (Map<String, Map<String, Long>>) bucket.get("by_type");
                Map<String, Double> rate = new TreeMap<>();
                long all = 0;
                long done = 0;
                for (var e : types.entrySet()) {
                    long n = e.getValue().values().stream().mapToLong(Long::longValue).sum();
                    long f = e.getValue().entrySet().stream().filter(x -> isFailure(x.getKey())).mapToLong(Map.Entry::getValue).sum();
                    rate.put(e.getKey(), n == 0 ? 0.0 : round((double) f / n));
                    all += n;
                    done += e.getValue().getOrDefault("completed", 0L);
                }
                bucket.put("finished", all);
                bucket.put("completed", done);
                bucket.put("failure_rate_by_type", rate);
            }
            Map<String, Object> durations = new TreeMap<>();
            for (var e : repo.completedDurations(h, fromMinute, DURATION_SAMPLE_CAP).entrySet()) {
                durations.put(e.getKey(), percentiles(e.getValue()));
            }
            Map<String, Object> failure = new TreeMap<>();
            byType.forEach((k, v) -> failure.put(k, Map.of("finished", v[0], "failed", v[1],
                    "failure_rate", v[0] == 0 ? 0.0 : round((double) v[1] / v[0]))));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("window_hours", hours);
            m.put("bucket_minutes", bucketMinutes);
            m.put("finished_attempts", finished);
            m.put("completed", completed);
            m.put("throughput_per_minute", round((double) completed / (hours * 60.0)));
            m.put("failure_rate", finished == 0 ? 0.0 : round(1.0 - (double) completed / finished));
            m.put("failure_rate_by_type", failure);
            m.put("durations_ms_by_type", durations);
            m.put("queue_wait_ms", percentiles(repo.queueWaits(h, now.minus(Duration.ofHours(hours)), DURATION_SAMPLE_CAP)));
            m.put("series", new ArrayList<>(series.values()));
            return m;
        });
    }

    /** {@code GET /api/jobs/analytics}: completion analytics for dashboards. */
    public Map<String, Object> analytics() {
        Instant now = clock.instant();
        return db.jdbi().withHandle(h -> {
            Map<String, Long> byStatus = repo.countsByStatus(h);
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            long done = byStatus.getOrDefault(JobStatus.COMPLETED, 0L);
            long dead = byStatus.getOrDefault(JobStatus.DEAD, 0L);
            long fromMinute = now.getEpochSecond() / 60 - 24 * 60;
            Map<String, Map<String, Long>> byType = new TreeMap<>();
            for (AttemptBucket b : repo.attemptBuckets(h, fromMinute, 24 * 60 + 1)) {
                byType.computeIfAbsent(b.jobType(), k -> new TreeMap<>()).merge(b.outcome(), b.count(), Long::sum);
            }
            Map<String, Object> durations = new TreeMap<>();
            for (var e : repo.completedDurations(h, fromMinute, DURATION_SAMPLE_CAP).entrySet()) {
                durations.put(e.getKey(), percentiles(e.getValue()));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total_jobs", total);
            m.put("by_status", byStatus);
            m.put("completed_jobs", done);
            m.put("success_rate", done + dead == 0 ? 0.0 : round((double) done / (done + dead)));
            m.put("submitted_last_24h", repo.submittedSince(h, now.minus(Duration.ofHours(24))));
            m.put("attempts_last_24h_by_type", byType);
            m.put("durations_ms_by_type", durations);
            m.put("failure_rate_by_type", metrics.snapshot().failureRate());
            m.put("generated_at", now);
            return m;
        });
    }

    /** {@code GET /api/jobs/recent}: a page of jobs, newest first. */
    public Map<String, Object> recent(String status, String type, String worker, String queue, String signature, int limit, int offset) {
        List<JobView> page = db.jdbi().withHandle(h -> repo.recent(h, status, type, worker, queue, signature, limit + 1, offset));
        boolean more = page.size() > limit;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", more ? page.subList(0, limit) : page);
        m.put("limit", limit);
        m.put("offset", offset);
        m.put("has_more", more);
        m.put("next_offset", more ? offset + limit : null);
        return m;
    }

    /** One job with its attempts (worker, GPU, timings, error of each). */
    public JobView detail(String jobId) {
        return db.jdbi().withHandle(h -> repo.find(h, jobId).map(j -> j.withAttempts(repo.attempts(h, jobId)))
                .orElseThrow(() -> ApiException.notFound("no job " + jobId)));
    }

    public List<FailureGroup> failureGroups(int limit) {
        return db.jdbi().withHandle(h -> repo.failureGroups(h, limit));
    }

    /** Recomputes the database-backed gauges. */
    public void refreshSnapshot() {
        long fromMinute = clock.instant().getEpochSecond() / 60 - settings.failureRateWindow();
        JobMetrics.JobSnapshot s = db.jdbi().withHandle(h -> {
            Map<String, Long> byStatus = repo.countsByStatus(h);
            Map<String, long[]> t = new TreeMap<>();
            for (AttemptBucket b : repo.attemptBuckets(h, fromMinute, Integer.MAX_VALUE)) {
                long[] v = t.computeIfAbsent(b.jobType(), k -> new long[2]);
                v[0] += b.count();
                if (isFailure(b.outcome())) {
                    v[1] += b.count();
                }
            }
            Map<String, Double> rate = new TreeMap<>();
            t.forEach((k, v) -> rate.put(k, v[0] == 0 ? 0.0 : (double) v[1] / v[0]));
            // A type that ran before but not in the window keeps a 0 series instead of vanishing from alerts.
            metrics.snapshot().failureRate().keySet().forEach(k -> rate.putIfAbsent(k, 0.0));
            return new JobMetrics.JobSnapshot(byStatus.getOrDefault(JobStatus.QUEUED, 0L) + byStatus.getOrDefault(JobStatus.FAILED, 0L),
                    byStatus.getOrDefault(JobStatus.RUNNING, 0L), byStatus.getOrDefault(JobStatus.DEAD, 0L), Collections.unmodifiableMap(rate));
        });
        metrics.update(s);
    }

    private static boolean isFailure(String outcome) {
        return "failed".equals(outcome) || "timed_out".equals(outcome);
    }

    private static Map<String, Object> newBucket(long bucket, int bucketMinutes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", Instant.ofEpochSecond(bucket * bucketMinutes * 60L));
        m.put("by_type", new TreeMap<String, Map<String, Long>>());
        return m;
    }

    /** Nearest-rank percentiles of {@code values} (ms); empty input gives count 0 and nulls. */
    static Map<String, Object> percentiles(List<Long> values) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", v.size());
        m.put("p50", rank(v, 0.50));
        m.put("p95", rank(v, 0.95));
        m.put("p99", rank(v, 0.99));
        m.put("max", v.isEmpty() ? null : v.get(v.size() - 1));
        return m;
    }

    private static Long rank(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
