package dev.opsdeck.console.metrics;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One sample line: the full sample name (e.g. {@code x_bucket}), its labels, its value and optional timestamp.
 *
 * @param timestampMs milliseconds since the epoch as exposed, or null when the line had none
 */
public record Sample(String name, Map<String, String> labels, double value, Long timestampMs) {

    /** A stable series key such as {@code x_bucket{le="0.5",path="/"}} (labels sorted). */
    public String seriesKey() {
        if (labels.isEmpty()) {
            return name;
        }
        return name + labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
    }
}
