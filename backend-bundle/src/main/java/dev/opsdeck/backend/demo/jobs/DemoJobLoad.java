package dev.opsdeck.backend.demo.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Demo job load (profile demo): submits jobs of a few types at a rate that swells and ebbs, and plays the
 * executor for the workers present in the {@code workers} table: claims through {@code /api/worker/jobs/claim},
 * runs each job for a while, reports progress and the result, records a workload with its payout and takes an
 * inventory item per completed job. Most jobs complete; {@code transcode} fails often enough to trip the
 * failure-rate alert.
 */
public final class DemoJobLoad implements ManagedService {
    private static final Logger log = LoggerFactory.getLogger(DemoJobLoad.class);
    /** The inventory pool the demo draws from; the jobs module creates it (an admin action) when the demo starts. */
    public static final String ASSET = "demo-asset";

    private final DemoJobClient client;
    private final Supplier<List<String>> activeWorkers;
    private final Clock clock;
    private final long tickMillis;
    private final double durationScale;
    private final boolean payPerWorkload;
    private final Random random = new Random();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastError;
    private ScheduledExecutorService executor;
    private Instant since;
    private long ticks;

    DemoJobLoad(DemoJobClient client, Supplier<List<String>> activeWorkers, Clock clock,
                       long tickMillis, double durationScale, boolean payPerWorkload) {
        this.client = client;
        this.activeWorkers = activeWorkers;
        this.clock = clock;
        this.tickMillis = tickMillis;
        this.durationScale = durationScale;
        this.payPerWorkload = payPerWorkload;
        this.since = clock.instant();
    }

    /** Builds the load against the backend at {@code baseUrl} with one of its API tokens. */
    public static DemoJobLoad create(Supplier<String> baseUrl, String apiToken, Supplier<List<String>> activeWorkers,
                                     ObjectMapper mapper, Clock clock, long tickMillis, double durationScale, boolean payPerWorkload) {
        return new DemoJobLoad(new DemoJobClient(baseUrl, apiToken, mapper), activeWorkers, clock, tickMillis,
                durationScale, payPerWorkload);
    }

    @Override
    public String name() {
        return "demo-job-load";
    }

    @Override
    public String kind() {
        return "simulator";
    }

    @Override
    public boolean startStoppable() {
        return true;
    }

    @Override
    public synchronized ServiceStatus start() {
        if (executor == null) {
            executor = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "opsdeck-demo-jobs");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
            since = clock.instant();
        }
        return status();
    }

    @Override
    public synchronized ServiceStatus stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            since = clock.instant();
        }
        return status();
    }

    @Override
    public ServiceStatus status() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("submitted", submitted.get());
        d.put("completed", completed.get());
        d.put("failed", failed.get());
        d.put("running", running.values().stream().mapToInt(AtomicInteger::get).sum());
        return new ServiceStatus(executor == null ? "stopped" : lastError == null ? "up" : "degraded", null, lastError, since, d);
    }

    private void tick() {
        try {
            long n = ticks++;
            if (n % 5 == 0) {
                submitBatch(n);
            }
            for (String w : activeWorkers.get()) {
                claimFor(w);
            }
            lastError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The backend may be starting or stopping; the next tick tries again.
            lastError = e.toString();
            log.debug("demo job tick failed: {}", e.toString());
        }
    }

    /** Submits a batch whose size follows a slow wave with noise: quiet and busy periods in a few minutes. */
    private void submitBatch(long tick) throws Exception {
        double phase = (tick * tickMillis / 1000.0) / 180.0 * 2 * Math.PI;
        int count = (int) Math.max(1, Math.round(6 + 5 * Math.sin(phase) + random.nextGaussian() * 2));
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemoJobType t = DemoJobType.pick(random.nextDouble());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("job_type", t.name());
            j.put("queue", t.name().equals("training") ? "batch" : "default");
            j.put("gpu_count", t.gpus());
            j.put("payload", Map.of("demo", true, "size", 1 + random.nextInt(100)));
            jobs.add(j);
        }
        JsonNode r = client.post("/api/jobs/batch", Map.of("jobs", jobs));
        if (r.path("_status").asInt() == 201) {
            submitted.addAndGet(count);
        }
    }

    private void claimFor(String worker) throws Exception {
        AtomicInteger busy = running.computeIfAbsent(worker, k -> new AtomicInteger());
        if (busy.get() >= 2) {
            return;
        }
        JsonNode r = client.post("/api/worker/jobs/claim", Map.of("worker_id", worker, "max_jobs", 2 - busy.get(), "lease_seconds", 60));
        for (JsonNode job : r.path("jobs")) {
            busy.incrementAndGet();
            DemoJobType t = DemoJobType.named(job.path("job_type").asText());
            long ms = Math.round((t.minMillis() + random.nextDouble() * (t.maxMillis() - t.minMillis())) * durationScale);
            boolean fail = random.nextDouble() < t.failureRate();
            ScheduledExecutorService ex = executor;
            if (ex == null) {
                return;
            }
            ex.schedule(() -> progress(worker, job), ms / 2, TimeUnit.MILLISECONDS);
            ex.schedule(() -> finish(worker, job, t, ms, fail, busy), ms, TimeUnit.MILLISECONDS);
        }
    }

    private void progress(String worker, JsonNode job) {
        try {
            client.post("/api/worker/jobs/" + job.path("job_id").asText() + "/progress",
                    Map.of("worker_id", worker, "lease_token", job.path("lease_token").asText(), "progress", 0.5));
        } catch (Exception e) {
            lastError = e.toString();
        }
    }

    private void finish(String worker, JsonNode job, DemoJobType t, long ms, boolean fail, AtomicInteger busy) {
        try {
            String id = job.path("job_id").asText();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("worker_id", worker);
            result.put("lease_token", job.path("lease_token").asText());
            result.put("status", fail ? "failed" : "completed");
            if (fail) {
                result.put("error", t.error());
            } else {
                result.put("result", Map.of("output", "s3://demo-artifacts/" + id, "runtime_ms", ms));
            }
            JsonNode r = client.post("/api/worker/jobs/" + id + "/result", result);
            if (r.path("_status").asInt() != 200) {
                return;
            }
            (fail ? failed : completed).incrementAndGet();
            if (!fail) {
                recordWorkload(worker, job, t, ms);
                client.post("/vtxos/allocate", Map.of("asset_id", ASSET, "count", 1, "allocated_to", id));
            }
        } catch (Exception e) {
            lastError = e.toString();
        } finally {
            busy.decrementAndGet();
        }
    }

    private void recordWorkload(String worker, JsonNode job, DemoJobType t, long ms) throws Exception {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("workload_id", job.path("job_id").asText() + ":" + job.path("attempt").asInt());
        w.put("worker_id", worker);
        w.put("job_id", job.path("job_id").asText());
        w.put("workload_type", t.name());
        w.put("duration_seconds", ms / 1000.0);
        w.put("artifacts", List.of("demo/" + job.path("job_id").asText() + ".log"));
        if (payPerWorkload) {
            // 0.001 ETH per GPU-minute when no time credit rate is configured.
            w.put("payout_eth", BigDecimal.valueOf(ms).multiply(new BigDecimal("0.001")).divide(BigDecimal.valueOf(60_000), 18, RoundingMode.HALF_EVEN));
        }
        client.post("/api/workloads", w);
    }
}
