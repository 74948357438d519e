package dev.opsdeck.backend.demo.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The demo GPU fleet: simulated workers that heartbeat and post GPU samples through the coordinator's real HTTP
 * endpoints, each under its own identity ({@code X-Worker-Id}) so per-worker rate limits apply to it as to a real
 * worker. A worker never has more than one request in flight and backs off after a failure, so a slow or refusing
 * coordinator is never flooded. A {@link ManagedService} of kind {@code simulator}: operators can stop and start it.
 */
public final class FleetSimulator implements ManagedService {
    private static final Logger log = LoggerFactory.getLogger(FleetSimulator.class);

    /** Tunables; {@code tick} is how often each worker is considered for its next post. */
    public record Settings(int workers, Duration heartbeatEvery, Duration metricsEvery, double eccProbability, long seed) {
    }

    private final Settings settings;
    private final Supplier<String> baseUrl;
    private final String token;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String lastError;
    private volatile Instant since;
    private Instant startedAt;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> ticker;

    /** Per worker: its schedule, whether a request is in flight, and its backoff. */
    private static final class Slot {
        final SimulatedWorker worker;
        Instant nextHeartbeat;
        Instant nextMetrics;
        Instant notBefore = Instant.MIN;
        int failures;
        boolean registered;
        final AtomicBoolean busy = new AtomicBoolean();

        Slot(SimulatedWorker w) {
            this.worker = w;
        }
    }

    public FleetSimulator(Settings settings, Supplier<String> baseUrl, String token, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.token = token;
        this.mapper = mapper;
        this.clock = clock;
        this.since = clock.instant();
    }

    @Override
    public String name() {
        return "demo-fleet";
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
        if (running.get()) {
            return status();
        }
        Instant now = clock.instant();
        startedAt = now;
        slots.clear();
        long spreadMs = Math.max(1, settings.heartbeatEvery().toMillis());
        for (int i = 0; i < settings.workers(); i++) {
            Slot s = new Slot(new SimulatedWorker(i, settings.seed(), now));
            // The first heartbeat goes out within the first two seconds (the demo is alive at once); later ones
            // are spread over the interval so the fleet does not post in lock-step.
            s.nextHeartbeat = now.plusMillis(Math.min(2_000, spreadMs) * i / Math.max(1, settings.workers()));
            s.nextMetrics = s.nextHeartbeat;
            slots.add(s);
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsdeck-demo-fleet");
            t.setDaemon(true);
            return t;
        });
        running.set(true);
        since = now;
        ticker = executor.scheduleWithFixedDelay(this::tick, 0, 100, TimeUnit.MILLISECONDS);
        log.info("demo fleet started: {} workers posting to {}", settings.workers(), baseUrl.get());
        return status();
    }

    @Override
    public synchronized ServiceStatus stop() {
        if (running.compareAndSet(true, false)) {
            ticker.cancel(false);
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // "Stopped" means quiet: let the requests already sent finish (bounded) before saying so.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (slots.stream().anyMatch(s -> s.busy.get()) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            since = clock.instant();
            log.info("demo fleet stopped");
        }
        return status();
    }

    @Override
    public ServiceStatus status() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("workers", settings.workers());
        d.put("requests_sent", sent.get());
        d.put("requests_failed", failed.get());
        d.put("heartbeat_every_seconds", settings.heartbeatEvery().toSeconds());
        d.put("metrics_every_seconds", settings.metricsEvery().toSeconds());
        return new ServiceStatus(running.get() ? (lastError == null ? "up" : "degraded") : "stopped", null, lastError, since, d);
    }

    private void tick() {
        Instant now = clock.instant();
        for (Slot s : slots) {
            if (s.worker.silent(now, startedAt) || now.isBefore(s.notBefore) || !s.busy.compareAndSet(false, true)) {
                continue;
            }
            CompletableFuture<Boolean> call;
            if (!s.registered || !now.isBefore(s.nextHeartbeat)) {
                s.nextHeartbeat = now.plus(settings.heartbeatEvery());
                call = post(s, "/api/worker/heartbeat", s.worker.heartbeat(now, (int) settings.heartbeatEvery().toSeconds()))
                        .thenApply(ok -> {
                            s.registered |= ok;
                            return ok;
                        });
            } else if (!now.isBefore(s.nextMetrics)) {
                s.nextMetrics = now.plus(settings.metricsEvery());
                call = post(s, "/api/worker/gpu-metrics", s.worker.metrics(now, settings.eccProbability()));
            } else {
                s.busy.set(false);
                continue;
            }
            call.whenComplete((ok, e) -> {
                if (Boolean.TRUE.equals(ok)) {
                    s.failures = 0;
                } else {
                    // Exponential backoff, 1 s doubling to 60 s: a refusing coordinator is not hammered.
                    s.failures = Math.min(s.failures + 1, 6);
                    s.notBefore = clock.instant().plusSeconds(Math.min(60, 1L << (s.failures - 1)));
                }
                s.busy.set(false);
            });
        }
    }

    private CompletableFuture<Boolean> post(Slot s, String path, Map<String, Object> body) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(false);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("X-Worker-Id", s.worker.id)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            sent.incrementAndGet();
            if (e != null || r.statusCode() != 200) {
                failed.incrementAndGet();
                lastError = e != null ? e.toString() : path + " answered " + r.statusCode() + ": " + abbreviate(r.body());
                return false;
            }
            lastError = null;
            return true;
        });
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
