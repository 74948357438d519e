package dev.opsdeck.backend.alerts.expr;

import java.util.List;

/** Where the evaluator reads series from: the backend's own registry, remembered over a short window. */
public interface SampleSource {
    /** The newest point at or before {@code atMillis}, no older than the lookback, of each matching series. */
    List<Sample> instant(String name, List<Matcher> matchers, long atMillis);

    /** Points in {@code (fromMillis, toMillis]} of each matching series. */
    List<RangeSeries> range(String name, List<Matcher> matchers, long fromMillis, long toMillis);
}
