package dev.opsdeck.console.metrics;

import java.util.Locale;

/** The metric types of the Prometheus text exposition format 0.0.4. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED;

    static MetricType parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
