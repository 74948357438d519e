package dev.opsdeck.backend.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Downsamples stored system samples to buckets of {@code stepSeconds} (averages, and the maxima an operator
 * looks for), so 24 h of 15 s samples reach the console as a few hundred points, not a megabyte of JSON.
 */
final class SystemSeries {
    /** About one point per two pixels of a wide chart. */
    static final int TARGET_POINTS = 720;

    private SystemSeries() {
    }

    /** The step for a window: the sampling interval, or wider when the window holds more than {@link #TARGET_POINTS}. */
    static long step(int hours, long intervalSeconds) {
        return Math.max(intervalSeconds, (hours * 3600L + TARGET_POINTS - 1) / TARGET_POINTS);
    }

    /**
     * One downsampled point.
     *
     * @param samples how many raw samples it averages
     */
    record Point(Instant at, int samples, Double cpuPercent, Double cpuPercentMax, Double memoryPercent, Double diskFreePercent,
                 Double diskFreePercentMin, Double load1m) {
    }

    static List<Point> downsample(List<SystemSample> raw, long stepSeconds) {
        List<Point> out = new ArrayList<>();
        int i = 0;
        while (i < raw.size()) {
            long bucket = raw.get(i).sampledAt().getEpochSecond() / stepSeconds;
            int j = i;
            while (j < raw.size() && raw.get(j).sampledAt().getEpochSecond() / stepSeconds == bucket) {
                j++;
            }
            List<SystemSample> b = raw.subList(i, j);
            out.add(new Point(Instant.ofEpochSecond(bucket * stepSeconds), b.size(), avg(b, SystemSample::cpuPercent),
                    max(b, SystemSample::cpuPercent), avg(b, SystemSample::memoryPercent), avg(b, SystemSample::diskFreePercent),
                    min(b, SystemSample::diskFreePercent), avg(b, SystemSample::load1m)));
            i = j;
        }
        return out;
    }

    private static Double avg(List<SystemSample> b, Function<SystemSample, Double> f) {
        var s = b.stream().map(f).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        return s.getCount() == 0 ? null : Math.round(s.getAverage() * 100) / 100.0;
    }

    private static Double max(List<SystemSample> b, Function<SystemSample, Double> f) {
        var s = b.stream().map(f).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        return s.getCount() == 0 ? null : s.getMax();
    }

    private static Double min(List<SystemSample> b, Function<SystemSample, Double> f) {
        var s = b.stream().map(f).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        return s.getCount() == 0 ? null : s.getMin();
    }
}
