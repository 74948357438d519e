package dev.opsdeck.backend.alerts.expr;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One element of an instant vector: its labels (without {@code __name__}, as alert labels are) and value. */
public record Sample(Map<String, String> labels, double value) {
    public Sample {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
