package dev.opsdeck.console.metrics;

import java.util.List;

/**
 * A metric family: name, declared type (UNTYPED when none was declared), help text and its samples. For
 * histograms and summaries the samples include the {@code _bucket}, {@code _sum} and {@code _count} lines.
 */
public record MetricFamily(String name, MetricType type, String help, List<Sample> samples) {
}
