package dev.opsdeck.console.overview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.charts.ChartSink;
import dev.opsdeck.console.workers.FleetApi;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet part of the overview: tiles from {@code /api/network/stats}, and two live charts (fleet utilisation
 * with the busiest workers, active workers over time) fed by polling and by the {@code workers} topic's
 * {@code gpu.samples}. The busiest workers are re-ranked once a minute, so lines do not come and go every poll.
 */
public final class FleetOverviewViewModel {
    static final Duration REFRESH = Duration.ofSeconds(5);
    /** A burst of fleet events (a rack rebooting) costs one read, not one per event. */
    static final Duration SOON = Duration.ofMillis(500);
    static final Duration RERANK = Duration.ofMinutes(1);
    static final int TOP_WORKERS = 5;
    public static final String UTILIZATION_CHART = "utilization";
    public static final String ACTIVE_CHART = "active";
    public static final String FLEET = "fleet";
    public static final String ACTIVE = "active workers";

    /** What the tiles show; figures are null when the backend has none (e.g. no GPU reporting). */
    public record Tiles(long activeWorkers, long totalWorkers, long activeGpus, long totalGpus, Double utilization,
                        Double hottestTemperature, String hottestWorker, Integer hottestGpu, long offlineWorkers, Instant asOf) {
    }

    private record Snapshot(JsonNode stats, JsonNode workers) {
    }

    private final Poller<Snapshot> poller;
    private final LiveEvents live;
    private final FleetHistory history = new FleetHistory(Duration.ofMinutes(15).toMillis());
    private final ReadOnlyObjectWrapper<Tiles> tiles = new ReadOnlyObjectWrapper<>(this, "tiles");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final Set<String> charted = new LinkedHashSet<>();
    private ChartSink charts = ChartSink.NONE;
    private LiveEvents.Subscription subscription;
    private final UiExecutor ui;
    private Cancellable soon = Cancellable.NONE;
    private boolean soonPending;
    private long rankedAt;
    private boolean liveSinceLastPoll;

    public FleetOverviewViewModel(FleetApi api, UiExecutor ui, LiveEvents live) {
        this.live = live;
        this.ui = ui;
        this.poller = new Poller<>(ui, REFRESH, () -> new Snapshot(api.get("/api/network/stats"),
                api.get("/api/network/workers?limit=500")), this::apply, e -> error.set(e.getMessage()));
    }

    public void attach(ChartSink sink) {
        this.charts = sink;
        charts.window(Duration.ofMinutes(15));
    }

    public void activate() {
        poller.start();
        if (subscription == null) {
            subscription = live.subscribe("workers", this::onEvents);
        }
    }

    public void deactivate() {
        poller.stop();
        soon.cancel();
        soonPending = false;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private void apply(Snapshot s) {
        JsonNode st = s.stats();
        JsonNode w = st.path("workers");
        JsonNode g = st.path("gpus");
        JsonNode hot = st.path("hottest_gpu");
        Instant asOf = st.hasNonNull("as_of") ? Instant.parse(st.path("as_of").asText()) : Instant.now();
        Tiles t = new Tiles(w.path("online").asLong() + w.path("late").asLong(), w.path("total").asLong(), g.path("active").asLong(),
                g.path("total").asLong(), number(g, "avg_utilization_percent"), number(hot, "temperature_c"),
                hot.isObject() ? hot.path("worker_id").asText() : null, hot.isObject() ? hot.path("gpu_index").asInt() : null,
                w.path("offline").asLong(), asOf);
        tiles.set(t);
        error.set("");
        long now = asOf.toEpochMilli();
        point(ACTIVE_CHART, ACTIVE, now, t.activeWorkers());
        if (t.utilization() != null) {
            point(UTILIZATION_CHART, FLEET, now, t.utilization());
        }
        if (!liveSinceLastPoll) {
            // No live samples (feed down or quiet): the polled per-worker figures keep the worker lines going.
            for (JsonNode item : s.workers().path("items")) {
                Double u = number(item, "avg_gpu_utilization_percent");
                if (u != null) {
                    point(UTILIZATION_CHART, item.path("worker_id").asText(), now, u);
                }
            }
        }
        liveSinceLastPoll = false;
        if (now - rankedAt >= RERANK.toMillis() || charted.size() < TOP_WORKERS) {
            rankedAt = now;
            rerank(now);
        }
    }

    private void onEvents(List<JsonNode> events) {
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            if (type.equals("gpu.samples")) {
                samples(e.path("data").path("latest"));
            } else if (type.equals("worker.joined") || type.equals("worker.state_changed")) {
                refreshSoon();
            }
        }
    }

    /** The mean utilisation of each worker's GPUs in one coalesced event is that worker's point. */
    private void samples(JsonNode latest) {
        Map<String, double[]> perWorker = new HashMap<>();
        for (JsonNode s : latest) {
            if (s.path("utilization_percent").isNumber()) {
                double[] acc = perWorker.computeIfAbsent(s.path("worker_id").asText(), k -> new double[3]);
                acc[0] += s.path("utilization_percent").asDouble();
                acc[1]++;
                acc[2] = Math.max(acc[2], Instant.parse(s.path("recorded_at").asText()).toEpochMilli());
            }
        }
        perWorker.forEach((worker, acc) -> point(UTILIZATION_CHART, worker, (long) acc[2], acc[0] / acc[1]));
        liveSinceLastPoll |= !perWorker.isEmpty();
    }

    private void refreshSoon() {
        if (!soonPending) {
            soonPending = true;
            soon = ui.schedule(SOON, () -> {
                soonPending = false;
                poller.now();
            });
        }
    }

    private void point(String chart, String series, long t, double v) {
        history.add(series, t, v);
        if (series.equals(FLEET) || series.equals(ACTIVE) || charted.contains(series)) {
            charts.add(chart, series, t, v);
        }
    }

    /** Picks the busiest workers of the last two minutes; redraws from history only when the set changed. */
    private void rerank(long now) {
        List<String> workers = new ArrayList<>();
        history.names().forEach(n -> {
            if (!n.equals(FLEET) && !n.equals(ACTIVE) && !Double.isNaN(history.mean(n, now - 120_000))) {
                workers.add(n);
            }
        });
        workers.sort(Comparator.comparingDouble((String n) -> -history.mean(n, now - 120_000)).thenComparing(n -> n));
        Set<String> top = new LinkedHashSet<>(workers.subList(0, Math.min(TOP_WORKERS, workers.size())));
        if (top.equals(charted)) {
            return;
        }
        charted.clear();
        charted.addAll(top);
        charts.clear();
        replay(ACTIVE_CHART, ACTIVE);
        replay(UTILIZATION_CHART, FLEET);
        top.forEach(n -> replay(UTILIZATION_CHART, n));
    }

    private void replay(String chart, String series) {
        double[][] p = history.points(series);
        charts.setAll(chart, series, p[0], p[1], p[0].length);
    }

    private static Double number(JsonNode n, String field) {
        return n.path(field).isNumber() ? n.path(field).asDouble() : null;
    }

    /** The busiest workers drawn on the utilisation chart, busiest first. */
    public List<String> chartedWorkers() { return List.copyOf(charted); }
    /** The last fleet figures; null before the first answer. */
    public ReadOnlyObjectProperty<Tiles> tilesProperty() { return tiles.getReadOnlyProperty(); }
    public Tiles getTiles() { return tiles.get(); }
    /** Why the last refresh failed, in words; empty when it succeeded. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
}
