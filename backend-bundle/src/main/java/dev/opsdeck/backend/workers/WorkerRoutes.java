package dev.opsdeck.backend.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.HttpServer;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The routes of the workers domain: ingest (heartbeats, GPU metrics, reward claims) and the dashboard reads.
 * Each parses and validates, then calls one service method; ingest answers only once its rows are committed.
 */
final class WorkerRoutes {
    /** Lets a worker name itself in a header, so per-worker rate limits can key on it before the body is read. */
    static final String WORKER_HEADER = "X-Worker-Id";

    private final ObjectMapper mapper;
    private final IngestWriter writer;
    private final FleetCache cache;
    private final WorkerRepository repo;
    private final FleetQueries fleet;
    private final HistoryService history;
    private final RewardService rewards;
    private final Clock clock;

    WorkerRoutes(ObjectMapper mapper, IngestWriter writer, FleetCache cache, WorkerRepository repo, FleetQueries fleet,
                 HistoryService history, RewardService rewards, Clock clock) {
        this.mapper = mapper;
        this.writer = writer;
        this.cache = cache;
        this.repo = repo;
        this.fleet = fleet;
        this.history = history;
        this.rewards = rewards;
        this.clock = clock;
    }

    void register(Routes r) {
        r.post("/api/worker/heartbeat", Access.WORKER, RateCategory.HEARTBEAT, "Record a worker heartbeat (200 once committed)", this::heartbeat);
        r.post("/api/worker/gpu-metrics", Access.WORKER, RateCategory.GPU_METRICS, "Record GPU samples of one worker (200 once committed)", this::gpuMetrics);
        r.post("/api/worker/claim-reward", Access.WORKER, RateCategory.DEFAULT, "Record a reward claim", this::claim);
        r.get("/api/worker/uptime", Access.DASHBOARD, RateCategory.STATUS, "Uptime of one worker over 1h, 24h, 7d", ctx ->
                ctx.json(fleet.uptime(QueryParams.worker(ctx, true))));
        r.get("/api/worker/status", Access.DASHBOARD, RateCategory.STATUS, "One worker's status, or state counts of the fleet", ctx -> {
            String w = QueryParams.worker(ctx, false);
            ctx.json(w == null ? fleet.fleetStatus() : fleet.workerStatus(w));
        });
        r.get("/api/validator/gpus", Access.DASHBOARD, RateCategory.STATUS, "Latest sample of every GPU (paged), with error counts", ctx ->
                ctx.json(fleet.gpus(QueryParams.worker(ctx, false), QueryParams.page(ctx))));
        r.get("/api/validator/rewards", Access.DASHBOARD, RateCategory.ANALYTICS, "Reward claims and totals (paged)", ctx ->
                ctx.json(rewards.rewards(QueryParams.worker(ctx, false), QueryParams.range(ctx, Duration.ofDays(30)), QueryParams.page(ctx))));
        r.get("/api/validator/history", Access.DASHBOARD, RateCategory.ANALYTICS, "GPU history (kind=gpu), heartbeat timeline (kind=heartbeats) of a worker, or reward history (kind=rewards)", this::history);
        r.get("/api/network/stats", Access.DASHBOARD, RateCategory.STATUS, "Fleet-wide figures", ctx -> ctx.json(fleet.networkStats()));
        r.get("/api/network/workers", Access.DASHBOARD, RateCategory.STATUS, "Workers (paged, filter by state) and recently departed", ctx ->
                ctx.json(fleet.networkWorkers(QueryParams.state(ctx), QueryParams.page(ctx))));
    }

    /** The worker's identity from the body or the {@code X-Worker-Id} header; both must agree when both are given. */
    static String identity(Context ctx, String fromBody) {
        String header = ctx.header(WORKER_HEADER);
        if (header != null && fromBody != null && !header.equals(fromBody)) {
            throw ApiException.invalidField("worker_id", "differs from the " + WORKER_HEADER + " header");
        }
        return Fields.workerId("worker_id", fromBody != null ? fromBody : header);
    }

    private void heartbeat(Context ctx) {
        HeartbeatRequest req = Json.body(ctx, mapper, HeartbeatRequest.class);
        HeartbeatRequest valid = req.validated(identity(ctx, req.workerId()));
        if (cache.get(valid.workerId()) == null) {
            // Known to the database through another coordinator? Then this heartbeat updates it rather than inserting.
            repo.loadSnapshots(valid.workerId()).forEach(cache::putIfAbsent);
        }
        respond(ctx, writer.heartbeat(valid, clock.instant()));
    }

    private void gpuMetrics(Context ctx) {
        GpuMetricsRequest req = Json.body(ctx, mapper, GpuMetricsRequest.class);
        String worker = identity(ctx, req.workerId());
        Instant now = clock.instant();
        List<GpuMetricsRequest.Sample> gpus = req.validated(now);
        if (cache.get(worker) == null) {
            // Registered through another coordinator sharing the database? Then it is in the table.
            repo.loadSnapshots(worker).forEach(cache::putIfAbsent);
            if (cache.get(worker) == null) {
                throw new ApiException(409, "unknown_worker", "worker '" + worker + "' has not sent a heartbeat yet; POST /api/worker/heartbeat first",
                        java.util.Map.of("field", "worker_id"));
            }
        }
        respond(ctx, writer.metrics(worker, req.recordedAt() != null ? req.recordedAt() : now, gpus));
    }

    private void claim(Context ctx) {
        RewardService.ClaimRequest req = Json.body(ctx, mapper, RewardService.ClaimRequest.class);
        ctx.json(rewards.claim(identity(ctx, req.workerId()), req));
    }

    private void history(Context ctx) {
        String kind = ctx.queryParam("kind");
        if (kind == null || kind.equals("gpu")) {
            ctx.json(history.gpuHistory(QueryParams.worker(ctx, true), QueryParams.gpu(ctx), QueryParams.range(ctx, Duration.ofHours(24)),
                    QueryParams.resolution(ctx)));
        } else if (kind.equals("heartbeats")) {
            ctx.json(history.heartbeatHistory(QueryParams.worker(ctx, true), QueryParams.range(ctx, Duration.ofHours(24))));
        } else if (kind.equals("rewards")) {
            ctx.json(history.rewardHistory(QueryParams.worker(ctx, false), QueryParams.range(ctx, Duration.ofDays(30))));
        } else {
            throw ApiException.invalidField("kind", "must be gpu, heartbeats or rewards");
        }
    }

    /**
     * Answers asynchronously: the Jetty thread is free while the group commit collects its batch. A refusal from the
     * writer (queue full, shutting down, storage failure) is written here in the one error shape, so it never depends
     * on how the framework unwraps a failed future.
     */
    private static void respond(Context ctx, CompletableFuture<?> result) {
        ctx.future(() -> result.handle((value, error) -> {
            if (error == null) {
                ctx.json(value);
                return null;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            ApiException a = cause instanceof ApiException e ? e
                    : new ApiException(503, "storage_unavailable", "the write could not be committed; retry");
            if (a.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            HttpServer.error(ctx, a.status(), a.code(), a.getMessage(), a.details());
            return null;
        }));
    }
}
