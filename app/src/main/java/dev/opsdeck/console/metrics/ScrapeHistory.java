package dev.opsdeck.console.metrics;

import dev.opsdeck.console.charts.SeriesBuffer;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of every sample over the last scrapes of one target, so a series charted now starts with the minutes
 * already seen rather than an empty plot. Bounded twice: a fixed number of scrapes per series, and only the series
 * of the last scrape are kept (a target whose label values churn cannot grow it without end).
 */
final class ScrapeHistory {
    /** One sample's values over time. */
    record Series(String name, Map<String, String> labels, SeriesBuffer points) { }

    private final Map<String, Series> byKey = new LinkedHashMap<>();
    private final int capacity;

    ScrapeHistory(int capacity) {
        this.capacity = capacity;
    }

    /** Records a scrape taken at {@code timeMillis}. */
    void record(long timeMillis, List<MetricFamily> families) {
        Set<String> seen = new HashSet<>();
        for (MetricFamily f : families) {
            for (Sample s : f.samples()) {
                String key = s.seriesKey();
                seen.add(key);
                byKey.computeIfAbsent(key, k -> new Series(s.name(), s.labels(), new SeriesBuffer(capacity))).points().add(timeMillis, s.value());
            }
        }
        byKey.keySet().retainAll(seen);
    }

    SeriesBuffer get(String key) {
        Series s = byKey.get(key);
        return s == null ? null : s.points();
    }

    Collection<Series> all() {
        return byKey.values();
    }

    void clear() {
        byKey.clear();
    }
}
