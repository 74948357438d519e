package dev.opsdeck.backend.alerts.expr;

import java.util.List;
import java.util.Map;

/** The points of one series inside a range selector's window, oldest first. */
public record RangeSeries(Map<String, String> labels, List<Point> points) {
    public RangeSeries {
        points = List.copyOf(points);
    }
}
