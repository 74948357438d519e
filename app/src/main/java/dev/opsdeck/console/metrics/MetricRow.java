package dev.opsdeck.console.metrics;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of the metrics browser: a sample of the last scrape with its family's type and help. The value is a
 * property updated in place on each scrape, so the table keeps its selection and scroll position.
 */
public final class MetricRow {
    private final Sample sample;
    private final MetricFamily family;
    private final String labelsText;
    private final ReadOnlyDoubleWrapper value = new ReadOnlyDoubleWrapper(this, "value");

    MetricRow(Sample sample, MetricFamily family) {
        this.sample = sample;
        this.family = family;
        this.labelsText = sample.labels().entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        value.set(sample.value());
    }

    /** Stable key of the series, e.g. {@code x_bucket{le="0.5",path="/"}}. */
    public String key() { return sample.seriesKey(); }

    /** The sample's own name, e.g. {@code x_bucket}. */
    public String name() { return sample.name(); }

    public String familyName() { return family.name(); }

    public MetricType type() { return family.type(); }

    public String help() { return family.help(); }

    public Map<String, String> labels() { return sample.labels(); }

    /** Labels as {@code a="1", b="2"}. */
    public String labelsText() { return labelsText; }

    /** Value of the last scrape. */
    public ReadOnlyDoubleProperty valueProperty() { return value.getReadOnlyProperty(); }

    public double getValue() { return value.get(); }

    void update(double v) {
        value.set(v);
    }

    /** True when {@code text} (lower case) occurs in the name, a label or the help. */
    boolean matches(String text) {
        return text.isEmpty() || sample.name().toLowerCase(java.util.Locale.ROOT).contains(text)
                || labelsText.toLowerCase(java.util.Locale.ROOT).contains(text)
                || family.help().toLowerCase(java.util.Locale.ROOT).contains(text);
    }
}
