package dev.opsdeck.backend.alerts.expr;

/** One stored observation of a series: epoch milliseconds and value. */
public record Point(long atMillis, double value) {
}
