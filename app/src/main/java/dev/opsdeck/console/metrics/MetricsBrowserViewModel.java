package dev.opsdeck.console.metrics;

import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metrics browser: scrapes the selected target every few seconds, lists its samples (name, type, help, labels,
 * value) filtered by a search text, and keeps the chart of the series the user picked up to date.
 */
public final class MetricsBrowserViewModel {
    static final Duration INTERVAL = Duration.ofSeconds(3);
    /** Ten minutes of scrapes per series: a series charted now starts with what was already seen. */
    static final int HISTORY = 200;

    /** Reads a target's exposition text; blocking, called off the UI thread. */
    @FunctionalInterface
    public interface Source {
        String scrape(ScrapeTarget target) throws Exception;
    }

    private final Clock clock;
    private final ObservableList<ScrapeTarget> targets = FXCollections.observableArrayList(ScrapeTarget.BACKEND);
    private final ObjectProperty<ScrapeTarget> target = new SimpleObjectProperty<>(this, "target", ScrapeTarget.BACKEND);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObservableList<MetricRow> rows = FXCollections.observableArrayList();
    private final FilteredList<MetricRow> visible = new FilteredList<>(rows);
    private final Map<String, MetricRow> byKey = new HashMap<>();
    private final ScrapeHistory history = new ScrapeHistory(HISTORY);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<DerivedSeries.Chart> chart = new ReadOnlyObjectWrapper<>(this, "chart");
    private final Poller<String> poller;
    private MetricRow charted;

    public MetricsBrowserViewModel(Source source, UiExecutor ui, Clock clock) {
        this.clock = clock;
        ScrapeTarget[] current = {target.get()};
        target.addListener((obs, old, now) -> current[0] = now);
        this.poller = new Poller<>(ui, INTERVAL, () -> source.scrape(current[0]), this::show,
                e -> error.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        search.addListener((obs, old, now) -> {
            String text = now == null ? "" : now.strip().toLowerCase(Locale.ROOT);
            visible.setPredicate(row -> row.matches(text));
        });
        target.addListener((obs, old, now) -> {
            // Another target: nothing of the last one applies; scrape the new one at once.
            rows.clear();
            byKey.clear();
            history.clear();
            charted = null;
            chart.set(null);
            error.set("");
            summary.set("");
            poller.now();
        });
    }

    /** The page is shown: scrape now and every {@link #INTERVAL}. */
    public void activate() { poller.start(); }

    /** The page is hidden: stop scraping. */
    public void deactivate() { poller.stop(); }

    /** Adds a Prometheus target typed by the user and switches to it; false (and an error) when not a URL. */
    public boolean addTarget(String text) {
        var parsed = ScrapeTarget.parse(text);
        if (parsed.isEmpty()) {
            error.set("'" + (text == null ? "" : text.strip()) + "' is not a target URL such as http://host:9100/metrics");
            return false;
        }
        if (!targets.contains(parsed.get())) {
            targets.add(parsed.get());
        }
        target.set(parsed.get());
        return true;
    }

    /** Charts {@code row}: counters as rates, histograms as quantiles, anything else as it is. */
    public void chart(MetricRow row) {
        charted = row;
        chart.set(row == null ? null : DerivedSeries.of(row, history));
    }

    private void show(String text) {
        List<MetricFamily> families;
        try {
            families = PrometheusTextParser.parse(text);
        } catch (ExpositionParseException e) {
            error.set("the target's answer is not Prometheus text format (" + e.getMessage() + ")");
            return;
        }
        history.record(clock.millis(), families);
        Set<String> seen = new HashSet<>();
        int samples = 0;
        for (MetricFamily f : families) {
            for (Sample s : f.samples()) {
                samples++;
                String key = s.seriesKey();
                seen.add(key);
                MetricRow row = byKey.get(key);
                if (row == null) {
                    row = new MetricRow(s, f);
                    byKey.put(key, row);
                    rows.add(row);
                } else {
                    row.update(s.value());
                }
            }
        }
        // In place: rows that stay keep their identity, so the table keeps its selection and scroll position.
        rows.removeIf(r -> !seen.contains(r.key()));
        byKey.keySet().retainAll(seen);
        summary.set(String.format(Locale.ROOT, "%d families, %d samples", families.size(), samples));
        error.set("");
        if (charted != null) {
            chart.set(DerivedSeries.of(charted, history));
        }
    }

    /** Targets to choose from: the connected backend first, then those added. */
    public ObservableList<ScrapeTarget> targets() { return targets; }

    /** The target scraped; setting it clears the table and scrapes the new one. */
    public ObjectProperty<ScrapeTarget> targetProperty() { return target; }

    /** Search text: rows whose name, labels or help contain it (any case). */
    public StringProperty searchProperty() { return search; }

    /** Rows of the last scrape that match the search, in exposition order. */
    public ObservableList<MetricRow> rows() { return visible; }

    /** Every row of the last scrape. */
    public int rowCount() { return rows.size(); }

    /** Why the last scrape failed, in words; empty after a good one. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    /** "N families, M samples" of the last scrape. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    /** The chart of the picked series, replaced after each scrape; null when none is picked. */
    public ReadOnlyObjectProperty<DerivedSeries.Chart> chartProperty() { return chart.getReadOnlyProperty(); }
}
