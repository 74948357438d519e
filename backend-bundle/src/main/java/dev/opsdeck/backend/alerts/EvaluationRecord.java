package dev.opsdeck.backend.alerts;

import java.time.Instant;

/**
 * One evaluation of one rule, kept in memory (the last few per rule) for the console's rule dialog.
 *
 * @param series    how many series the expression returned
 * @param breaching how many of them met the condition
 * @param value     the most extreme returned value (null when none)
 * @param error     why the evaluation failed, or null
 */
public record EvaluationRecord(Instant at, int series, int breaching, Double value, String error) {
}
