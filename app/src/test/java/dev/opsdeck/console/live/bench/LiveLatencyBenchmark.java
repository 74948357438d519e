package dev.opsdeck.console.live.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.connection.ConnectionTarget;
import dev.opsdeck.console.live.LiveFeed;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Live latency (issue 4): how long an event takes from the backend to a screen's listener. Starts the demo backend
 * (port 0, temporary data directory, its demo fleet and jobs running as usual), connects the console's
 * {@link LiveFeed} exactly as a window does, and posts heartbeats of new workers ({@code POST /api/worker/heartbeat}
 * with the backend's API token); each one is announced as {@code worker.joined} on the {@code workers} topic. For
 * each announcement it takes the event's {@code ts} (stamped by the backend when published) and the time the
 * subscriber ran on the FX thread (where a view model receives it), and prints p50/p99/max.
 *
 * <p>With {@code chart} as third argument the FX thread also carries the chart load of the chart benchmark
 * (500 series x 3,600 points, updated each second), as a busy screen would. Rate limiting is switched off: the
 * benchmark posts from one address faster than one worker may.
 *
 * <p>Arguments: {@code [events] [eventsPerSecond] [chart [warmupSeconds]]}, default {@code 600 10}, warm-up 10 s.
 */
public final class LiveLatencyBenchmark {
    private static final MediaType JSON = MediaType.get("application/json");

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean chartLoad = args.length > 2 && args[2].equals("chart");
        int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Path dir = Files.createTempDirectory("opsdeck-latency");
        System.out.printf(Locale.ROOT, "LiveLatencyBenchmark: %d heartbeats of new workers at %d/s, chart load on the FX thread: %s; load %s%n",
                events, perSecond, chartLoad ? "500 series x 3600 points, 1 update/s, after " + warmupSeconds + " s" : "none", load());
        CountDownLatch fx = new CountDownLatch(1);
        Platform.startup(fx::countDown);
        fx.await();

        Map<String, String> settings = new HashMap<>();
        settings.put("OPSDECK_PROFILE", "demo");
        settings.put("OPSDECK_PORT", "0");
        settings.put("OPSDECK_BIND", "127.0.0.1");
        settings.put("OPSDECK_DATA_DIR", dir.toString());
        settings.put("LOG_LEVEL", "warn");
        settings.put("RATE_LIMIT_ENABLED", "false");
        try (RunningBackend backend = Backend.start(BackendConfig.fromSettings(settings))) {
            if (chartLoad) {
                startChartLoad();
                // A console that has been open a while: the chart's first frames (first layout, JIT of the drawing
                // code) are start-up, not steady state; without this wait they delay the first ~3 s of events.
                Thread.sleep(warmupSeconds * 1000L);
            }
            run(backend, events, perSecond);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void run(RunningBackend backend, int events, int perSecond) throws Exception {
        ObjectMapper json = new ObjectMapper();
        LiveFeed feed = new LiveFeed(json, Platform::runLater);
        String prefix = "lat-" + Long.toString(System.nanoTime(), 36) + "-";
        List<Double> latencies = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(events);
        CountDownLatch live = new CountDownLatch(1);
        feed.onState(s -> {
            if (s.live()) {
                live.countDown();
            }
        });
        feed.subscribe("workers", batch -> {
            Instant now = Instant.now(); // on the FX thread, where a view model gets the batch
            for (JsonNode e : batch) {
                if (e.path("type").asText().equals("worker.joined") && e.path("data").path("worker_id").asText().startsWith(prefix)) {
                    double ms = Duration.between(Instant.parse(e.path("ts").asText()), now).toNanos() / 1e6;
                    latencies.add(ms);
                    if (ms > 500) {
                        slow.add(e.path("data").path("worker_id").asText().substring(prefix.length()) + ":" + Math.round(ms));
                    }
                    all.countDown();
                }
            }
        });
        feed.connect(new ConnectionTarget("latency", backend.baseUrl(), Optional.of(backend.adminKey()), Optional.empty(), false));
        if (!live.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the live feed did not connect within 30 s");
        }
        Thread.sleep(1000); // the hub's welcome and any backlog first

        OkHttpClient http = new OkHttpClient();
        String token = backend.apiTokens().get(0);
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / perSecond;
        for (int i = 0; i < events; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String worker = prefix + i;
            Request post = new Request.Builder().url(backend.baseUrl() + "/api/worker/heartbeat")
                    .header("Authorization", "Bearer " + token)
                    .post(RequestBody.create(json.writeValueAsString(Map.of("worker_id", worker, "status", "online")), JSON)).build();
            try (Response r = http.newCall(post).execute()) {
                if (!r.isSuccessful()) {
                    throw new IllegalStateException("heartbeat answered " + r.code() + ": " + (r.body() == null ? "" : r.body().string()));
                }
            }
        }
        boolean complete = all.await(30, TimeUnit.SECONDS);
        feed.close();
        double[] v;
        synchronized (latencies) {
            v = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        }
        Arrays.sort(v);
        System.out.printf(Locale.ROOT, "events received: %d of %d%s%n", v.length, events, complete ? "" : " (some never arrived within 30 s)");
        System.out.println("events over 500 ms (index:ms, index = seconds x rate since the first post): " + slow);
        System.out.printf(Locale.ROOT, "backend event ts -> FX-thread listener: p50 %.1f ms, p99 %.1f ms, max %.1f ms; load %s%n",
                pct(v, 50), pct(v, 99), v.length == 0 ? Double.NaN : v[v.length - 1], load());
    }

    /** The chart benchmark's load: 500 series x 3,600 points in a shown Canvas chart, 500 new points each second. */
    private static void startChartLoad() throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Platform.runLater(() -> {
            TimeChart chart = new TimeChart("load", "%", 3600);
            chart.window(Duration.ofHours(1));
            long t0 = System.currentTimeMillis() - 3_600_000L;
            double[] level = new double[500];
            java.util.Random random = new java.util.Random(1);
            for (int p = 0; p < 3600; p++) {
                for (int i = 0; i < 500; i++) {
                    level[i] = Math.max(0, Math.min(100, (p == 0 ? random.nextDouble() * 100 : level[i]) + random.nextGaussian()));
                    chart.add("w" + i, t0 + p * 1000L, level[i]);
                }
            }
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(chart.node()), 1280, 800));
            stage.show();
            new AnimationTimer() {
                private long last;
                private long t = t0 + 3_600_000L;

                @Override
                public void handle(long now) {
                    if (now - last >= 1_000_000_000L) {
                        last = now;
                        t += 1000;
                        for (int i = 0; i < 500; i++) {
                            level[i] = Math.max(0, Math.min(100, level[i] + random.nextGaussian()));
                            chart.add("w" + i, t, level[i]);
                        }
                    }
                }
            }.start();
            ready.countDown();
        });
        ready.await();
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1))];
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
