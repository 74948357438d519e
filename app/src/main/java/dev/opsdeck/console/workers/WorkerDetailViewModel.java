package dev.opsdeck.console.workers;

import dev.opsdeck.console.charts.ChartSink;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The detail of the selected worker: per-GPU history over the chosen range and resolution (sent to a
 * {@link ChartSink}), heartbeat timeline, reward claims and GPU errors. Raw-resolution charts keep moving with the
 * live {@code gpu.samples} of that worker and its error list with its live {@code gpu.error} events; the heartbeat
 * timeline, claims and per-GPU error counts are read again when the worker's own events arrive (a state change, a
 * claim, an XID) and at least every {@link #SIDE_REFRESH} while shown, without reading the GPU history again.
 */
public final class WorkerDetailViewModel {
    /** Ranges offered, with the backend's spelling; the heartbeat timeline is limited to 7 days. */
    public static final Map<String, Duration> RANGES = Map.of("15m", Duration.ofMinutes(15), "1h", Duration.ofHours(1),
            "6h", Duration.ofHours(6), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));
    public static final List<String> RANGE_ORDER = List.of("15m", "1h", "6h", "24h", "7d");
    public static final List<String> RESOLUTIONS = List.of("auto", "raw", "1m", "1h");
    /** How stale the heartbeat timeline, claims and errors may get while the detail is shown. */
    static final Duration SIDE_REFRESH = Duration.ofSeconds(15);

    private final FleetApi api;
    private final UiExecutor ui;
    private final StringProperty range = new SimpleStringProperty(this, "range", "1h");
    private final StringProperty resolution = new SimpleStringProperty(this, "resolution", "auto");
    private final ReadOnlyStringWrapper worker = new ReadOnlyStringWrapper(this, "worker");
    private final ReadOnlyObjectWrapper<WorkerDetail> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private ChartSink charts = ChartSink.NONE;
    private Cancellable inFlight = Cancellable.NONE;
    private Cancellable sideInFlight = Cancellable.NONE;
    private boolean sideRunning;
    private long sideReadAt;
    private final LongSupplier clock;

    public WorkerDetailViewModel(FleetApi api, UiExecutor ui) {
        this(api, ui, System::currentTimeMillis);
    }

    WorkerDetailViewModel(FleetApi api, UiExecutor ui, LongSupplier clock) {
        this.api = api;
        this.ui = ui;
        this.clock = clock;
        range.addListener((o, a, b) -> reload());
        resolution.addListener((o, a, b) -> reload());
    }

    /** The view's charts. */
    public void attach(ChartSink sink) {
        this.charts = sink;
    }

    /** Shows {@code workerId} (null: nothing selected). */
    public void select(String workerId) {
        if (workerId != null && workerId.equals(worker.get())) {
            return;
        }
        worker.set(workerId);
        reload();
    }

    void activate() {
        reload();
    }

    void deactivate() {
        inFlight.cancel();
        sideInFlight.cancel();
        sideRunning = false;
        loading.set(false);
    }

    /** Reads the selected worker's history again. */
    public void reload() {
        inFlight.cancel();
        sideInFlight.cancel();
        sideRunning = false;
        charts.clear();
        data.set(null);
        String w = worker.get();
        if (w == null) {
            loading.set(false);
            return;
        }
        String id = URLEncoder.encode(w, StandardCharsets.UTF_8);
        String r = range.get();
        String res = resolution.get();
        loading.set(true);
        inFlight = ui.submit(() -> WorkerDetail.parse(w,
                api.get("/api/validator/history?kind=gpu&worker=" + id + "&range=" + r + "&resolution=" + res),
                api.get(heartbeatsPath(id, r)), api.get(rewardsPath(id)), api.get(gpusPath(id))), this::show, e -> {
            loading.set(false);
            error.set(e.getMessage());
        });
    }

    private static String heartbeatsPath(String id, String range) {
        return "/api/validator/history?kind=heartbeats&worker=" + id + "&range=" + range;
    }

    private static String rewardsPath(String id) {
        return "/api/validator/rewards?worker=" + id + "&range=30d&limit=50";
    }

    private static String gpusPath(String id) {
        return "/api/validator/gpus?worker=" + id + "&limit=64";
    }

    /** The poll's tick: reads the timeline, claims and errors again once they are {@link #SIDE_REFRESH} old. */
    void tick() {
        if (clock.getAsLong() - sideReadAt >= SIDE_REFRESH.toMillis()) {
            refreshSide();
        }
    }

    /**
     * Reads the heartbeat timeline, claims and GPU errors of the shown worker again, keeping the GPU charts (they
     * move with the live samples). Skipped while a read is under way.
     */
    void refreshSide() {
        String w = worker.get();
        if (w == null || sideRunning || data.get() == null) {
            return;
        }
        String id = URLEncoder.encode(w, StandardCharsets.UTF_8);
        String r = range.get();
        sideRunning = true;
        sideInFlight = ui.submit(() -> WorkerDetail.Side.parse(api.get(heartbeatsPath(id, r)), api.get(rewardsPath(id)), api.get(gpusPath(id))), side -> {
            sideRunning = false;
            // Applied to what is shown now, which may have gained live error events while this read was under way.
            if (w.equals(worker.get()) && r.equals(range.get()) && data.get() != null) {
                sideReadAt = clock.getAsLong();
                error.set("");
                charts.setAll(WorkerDetail.HEARTBEAT_CHART, "interval", side.heartbeatTimes(), side.heartbeatIntervals(),
                        side.heartbeatTimes().length);
                data.set(data.get().withSide(side));
            }
        }, e -> {
            sideRunning = false;
            error.set(e.getMessage());
        });
    }

    private void show(WorkerDetail d) {
        sideReadAt = clock.getAsLong();
        loading.set(false);
        error.set("");
        charts.window(RANGES.getOrDefault(range.get(), Duration.ofHours(1)));
        for (WorkerDetail.GpuSeries s : d.series()) {
            for (int m = 0; m < WorkerDetail.METRICS.size(); m++) {
                double[] t = new double[s.times().length];
                double[] v = new double[t.length];
                int n = 0;
                for (int i = 0; i < t.length; i++) {
                    if (!Double.isNaN(s.values()[m][i])) {
                        t[n] = s.times()[i];
                        v[n++] = s.values()[m][i];
                    }
                }
                charts.setAll(WorkerDetail.METRICS.get(m), gpuSeries(s.gpu()), t, v, n);
            }
        }
        charts.setAll(WorkerDetail.HEARTBEAT_CHART, "interval", d.heartbeatTimes(), d.heartbeatIntervals(), d.heartbeatTimes().length);
        data.set(d);
    }

    /** A live event of {@code workerId} (state change, claim, GPU error): its timeline, claims and errors are read again. */
    void onWorkerEvent(String workerId) {
        if (workerId != null && workerId.equals(worker.get())) {
            refreshSide();
        }
    }

    /** The data of a live {@code gpu.error} event: an error of the shown worker joins its list now, then its counts are read. */
    void onGpuError(JsonNode event) {
        WorkerDetail d = data.get();
        if (d != null && d.workerId().equals(event.path("worker_id").asText(null))) {
            data.set(d.withEvent(WorkerDetail.ErrorEvent.from(event)));
            refreshSide();
        }
    }

    /** Live samples of the fleet: those of the shown worker extend its raw charts. */
    void onSamples(List<JsonNode> samples) {
        WorkerDetail d = data.get();
        if (d == null || !"raw".equals(d.resolution())) {
            return;
        }
        for (JsonNode s : samples) {
            if (d.workerId().equals(s.path("worker_id").asText())) {
                long t = Instant.parse(s.path("recorded_at").asText()).toEpochMilli();
                String name = gpuSeries(s.path("gpu_index").asInt());
                List<String> fields = List.of("utilization_percent", "temperature_c", "memory_used_mb", "power_watts");
                for (int m = 0; m < fields.size(); m++) {
                    if (s.path(fields.get(m)).isNumber()) {
                        charts.add(WorkerDetail.METRICS.get(m), name, t, s.path(fields.get(m)).asDouble());
                    }
                }
            }
        }
    }

    static String gpuSeries(int index) {
        return "GPU " + index;
    }

    /** The shown worker's id; null when none is selected. */
    public ReadOnlyStringProperty workerProperty() { return worker.getReadOnlyProperty(); }
    /** Range id ({@link #RANGE_ORDER}); changing it reloads. */
    public StringProperty rangeProperty() { return range; }
    /** Resolution asked for ({@link #RESOLUTIONS}); the backend refuses raw beyond 6 h, in words. */
    public StringProperty resolutionProperty() { return resolution; }
    /** The last detail read; null while loading or when nothing is selected. */
    public ReadOnlyObjectProperty<WorkerDetail> dataProperty() { return data.getReadOnlyProperty(); }
    public WorkerDetail getData() { return data.get(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** Why the last read failed, in words; empty when it succeeded. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
}
