package dev.opsdeck.console.charts;

import dev.opsdeck.console.fx.Resources;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The console's live time-series chart, used by every screen: a bounded buffer per series, the top
 * {@value #TOP_N} series by mean plus one "others" mean when there are more, LTTB downsampling to the pixels
 * available, drawn on a Canvas at most once per frame however many points arrive. Around the plot: a range picker
 * (15m, 1h, 6h, 24h, 7d or a typed custom range), pause/resume, a hover tooltip with the exact values under the
 * pointer, a legend whose entries switch lines on and off, and export to CSV (every point in range) and PNG.
 *
 * <p>Use on the UI thread only. Points are appended with {@link #add}; a screen that can load history for a
 * longer range listens to {@link #windowProperty()}.
 */
public final class TimeChart {
    static final int TOP_N = 8;
    /** Kept for callers of the first version; the aggregate line is now labelled with its size. */
    static final String OTHERS = ChartFrame.OTHERS;
    private static final Resources STRINGS = new Resources();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Map<String, SeriesBuffer> series = new LinkedHashMap<>();
    private final Set<String> hidden = new HashSet<>();
    private final int capacity;
    private String unit;
    private final ObjectProperty<Duration> window = new SimpleObjectProperty<>(this, "window", Duration.ofMinutes(15));
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused", false);
    private final CanvasPlot plot = new CanvasPlot(this::frame, this::drawn);
    private final VBox root = new VBox(4);
    private final Label title = new Label();
    private final Label message = new Label();
    private final ToggleGroup ranges = new ToggleGroup();
    private final TextField custom = new TextField();
    private final ToggleButton pause = new ToggleButton();
    private final ChartLegend legend = new ChartLegend(plot, this::setHidden);
    private double frozenTo;
    private boolean zeroBased = true;
    /** Event markers (e.g. reorgs), oldest first, at most {@link #MAX_MARKERS}. */
    private final java.util.ArrayDeque<CanvasPlot.Marker> markers = new java.util.ArrayDeque<>();
    static final int MAX_MARKERS = 100;

    /**
     * @param title    shown above the plot
     * @param unit     value axis label, e.g. {@code %} or {@code W}
     * @param capacity points kept per series (older ones are dropped)
     */
    public TimeChart(String title, String unit, int capacity) {
        this.capacity = Math.max(2, capacity);
        this.unit = unit == null ? "" : unit;
        this.title.setText(title);
        plot.unit(this.unit);
        root.getStyleClass().add("time-chart");
        root.getProperties().put(TimeChart.class, this);
        root.getChildren().addAll(header(), plotWithOverlay(), legend.node());
        VBox.setVgrow(root.getChildren().get(1), Priority.ALWAYS);
        window.addListener((obs, old, now) -> {
            syncPicker(now);
            plot.invalidate();
        });
        paused.addListener((obs, was, now) -> {
            frozenTo = newest();
            pause.setText(STRINGS.text(now ? "chart.resume" : "chart.pause"));
            message.setText(now ? MessageFormat.format(STRINGS.text("chart.pausedAt"), CLOCK.format(Instant.ofEpochMilli((long) frozenTo))) : "");
            plot.invalidate();
        });
    }

    public Node node() {
        return root;
    }

    /** Changes the title, e.g. when the chart shows another metric. */
    public void title(String text) {
        title.setText(text);
    }

    /** Changes the value unit shown on the axis and in the tooltip. */
    public void unit(String text) {
        unit = text == null ? "" : text;
        plot.unit(unit);
    }

    /** The TimeChart whose {@link #node()} this is (e.g. found by a test through its id), if any. */
    public static java.util.Optional<TimeChart> of(Node node) {
        return node != null && node.getProperties().get(TimeChart.class) instanceof TimeChart c
                ? java.util.Optional.of(c) : java.util.Optional.empty();
    }

    /** Appends one point to {@code name}; the redraw happens once per frame (not at all while paused). */
    public void add(String name, long timeMillis, double v) {
        series.computeIfAbsent(name, n -> new SeriesBuffer(capacity)).add(timeMillis, v);
        if (!paused.get()) {
            plot.invalidate();
        }
    }

    /** Replaces the points of {@code name} (e.g. a history query) with the given ones, in time order. */
    public void setAll(String name, double[] timesMillis, double[] values, int n) {
        SeriesBuffer buffer = new SeriesBuffer(Math.max(capacity, n));
        for (int i = 0; i < n; i++) {
            buffer.add(timesMillis[i], values[i]);
        }
        series.put(name, buffer);
        plot.invalidate();
    }

    /** Removes every series, e.g. when another worker is selected. */
    public void clear() {
        series.clear();
        plot.invalidate();
    }

    /** The visible time range, ending at the newest point; also what the range picker sets. */
    public void window(Duration visible) {
        window.set(visible);
    }

    /** The visible range; screens that can load longer history listen to it. */
    public ObjectProperty<Duration> windowProperty() {
        return window;
    }

    /** Number of series held (including those folded into "others" on screen). */
    public int seriesCount() {
        return series.size();
    }

    /** Freezes the picture (points still arrive and are kept) or resumes following the newest point. */
    public void setPaused(boolean pausedNow) {
        pause.setSelected(pausedNow);
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** Switches a legend entry (a series name, or {@link ChartFrame#OTHERS}) off or back on. */
    public void setHidden(String name, boolean hide) {
        if (hide ? hidden.add(name) : hidden.remove(name)) {
            plot.invalidate();
        }
    }

    /** The lines of the last redraw in legend order (top series first, "others" last), hidden ones included. */
    public List<ChartFrame.Line> lines() {
        ChartFrame f = plot.frame();
        return f == null ? List.of() : f.lines();
    }

    /** Every point in the visible range as CSV ({@link ChartExport#CSV_HEADER}), undownsampled. */
    public String csv() {
        double to = paused.get() ? frozenTo : newest();
        return ChartExport.csv(series, to - window.get().toMillis(), to);
    }

    /** Writes {@link #csv()} to {@code file} in the background; {@code done} gets null or the failure, on the UI thread. */
    public void exportCsv(Path file, Consumer<Throwable> done) {
        String text = csv();
        background(() -> ChartExport.write(text, file), done);
    }

    /** Writes a picture of the chart (title, plot, legend) as PNG in the background. */
    public void exportPng(Path file, Consumer<Throwable> done) {
        WritableImage image = root.snapshot(null, null);
        int[] argb = ChartExport.pixels(image);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        background(() -> ChartExport.writePng(argb, w, h, file), done);
    }

    /** UI-thread time of the last redraw (frame computation and drawing), for the benchmark. */
    public long lastRedrawNanos() {
        return plot.lastDrawNanos();
    }

    /** UI-thread time of computing the last frame (ranking, "others", LTTB), part of {@link #lastRedrawNanos()}. */
    public long lastFrameComputeNanos() {
        return plot.lastComputeNanos();
    }

    private ChartFrame frame(int pixels) {
        double to = paused.get() ? frozenTo : newest();
        return ChartFrame.compute(series, hidden, to, window.get().toMillis(), pixels, TOP_N, zeroBased);
    }

    /** False: the value axis follows the data instead of always including zero (e.g. block heights). */
    public void zeroBased(boolean on) {
        zeroBased = on;
        plot.invalidate();
    }

    /**
     * Marks a moment on the time axis with a labelled vertical line (e.g. "reorg -2 @ 330"); the newest
     * {@value #MAX_MARKERS} are kept.
     */
    public void mark(long epochMillis, String label) {
        markers.addLast(new CanvasPlot.Marker(epochMillis, label));
        while (markers.size() > MAX_MARKERS) {
            markers.removeFirst();
        }
        plot.markers(java.util.List.copyOf(markers));
    }

    /** Markers inside the visible time range of the last frame drawn. */
    public long visibleMarkers() {
        ChartFrame f = plot.frame();
        return f == null ? 0 : markers.stream().filter(m -> m.time() >= f.from() && m.time() <= f.to()).count();
    }

    private double newest() {
        double newest = Double.NaN;
        for (SeriesBuffer b : series.values()) {
            if (b.size() > 0 && !(b.lastTime() <= newest)) {
                newest = b.lastTime();
            }
        }
        return Double.isNaN(newest) ? System.currentTimeMillis() : newest;
    }

    private HBox header() {
        title.getStyleClass().add("time-chart-title");
        message.getStyleClass().add("time-chart-message");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(4, title, message, spacer);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("time-chart-header");
        for (Duration d : TimeRange.PRESETS) {
            ToggleButton b = new ToggleButton(TimeRange.label(d));
            b.setUserData(d);
            b.setToggleGroup(ranges);
            b.getStyleClass().add("time-chart-range");
            b.setSelected(d.equals(window.get()));
            bar.getChildren().add(b);
        }
        ranges.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                window.set((Duration) now.getUserData());
                custom.setText("");
                custom.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), false);
            }
        });
        custom.setPromptText(STRINGS.text("chart.custom.prompt"));
        custom.setPrefColumnCount(5);
        custom.getStyleClass().add("time-chart-custom");
        custom.setTooltip(new Tooltip(STRINGS.text("chart.custom.help")));
        custom.setOnAction(e -> applyCustom());
        pause.setText(STRINGS.text("chart.pause"));
        pause.getStyleClass().add("time-chart-pause");
        paused.bind(pause.selectedProperty());
        Button csv = new Button(STRINGS.text("chart.exportCsv"));
        csv.setOnAction(e -> chooseAndExport("csv", this::exportCsv));
        Button png = new Button(STRINGS.text("chart.exportPng"));
        png.setOnAction(e -> chooseAndExport("png", this::exportPng));
        csv.getStyleClass().add("time-chart-export");
        png.getStyleClass().add("time-chart-export");
        bar.getChildren().addAll(custom, pause, csv, png);
        // The controls keep their size; a long title (a metric with labels) gives way with an ellipsis.
        for (Node n : bar.getChildren()) {
            if (n instanceof Region r && n != spacer && n != title) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        title.setMinWidth(40);
        title.setTooltip(new Tooltip());
        title.getTooltip().textProperty().bind(title.textProperty());
        return bar;
    }

    /** The picker shows the range however it was set: a preset's button, or the custom field. */
    private void syncPicker(Duration d) {
        for (var toggle : ranges.getToggles()) {
            if (d.equals(toggle.getUserData())) {
                ranges.selectToggle(toggle);
                return;
            }
        }
        ranges.selectToggle(null);
        custom.setText(TimeRange.label(d));
    }

    private void applyCustom() {
        var parsed = TimeRange.parse(custom.getText());
        custom.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), parsed.isEmpty());
        parsed.ifPresent(window::set);
    }

    private StackPane plotWithOverlay() {
        return new StackPane(plot, new HoverTooltip(plot, series, () -> unit).overlay());
    }

    /** A legend entry's text: the series name, or what the aggregate stands for. */
    static String legendLabel(ChartFrame.Line line, ChartFrame f) {
        return line.others() ? MessageFormat.format(STRINGS.text("chart.others"), f.folded()) : line.name();
    }

    private void drawn(ChartFrame f) {
        legend.update(f);
    }

    private void chooseAndExport(String extension, ExportAction action) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(fileName(title.getText()) + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT), "*." + extension));
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            action.export(file.toPath(), error -> message.setText(error == null
                    ? MessageFormat.format(STRINGS.text("chart.exported"), file.getName())
                    : MessageFormat.format(STRINGS.text("chart.exportFailed"), error.getMessage())));
        }
    }

    private static String fileName(String title) {
        String s = title == null ? "" : title.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "chart" : s;
    }

    private static void background(Runnable work, Consumer<Throwable> done) {
        CompletableFuture.runAsync(work).whenComplete((ok, error) -> Platform.runLater(() -> done.accept(
                error == null ? null : error.getCause() != null ? error.getCause() : error)));
    }

    @FunctionalInterface
    private interface ExportAction {
        void export(Path file, Consumer<Throwable> done);
    }
}
