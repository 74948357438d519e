package dev.opsdeck.console.charts;

/**
 * A bounded ring of (time, value) points for one series: appending past the capacity drops the oldest point,
 * so memory per series is fixed however long the console stays open.
 */
public final class SeriesBuffer {
    private final double[] times;
    private final double[] values;
    private int start;
    private int size;

    public SeriesBuffer(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        times = new double[capacity];
        values = new double[capacity];
    }

    /** Appends a point; times must not go backwards (an older point is ignored). */
    public void add(double timeMillis, double value) {
        if (size > 0 && timeMillis < times[(start + size - 1) % times.length]) {
            return;
        }
        int idx = (start + size) % times.length;
        if (size == times.length) {
            start = (start + 1) % times.length;
        } else {
            size++;
        }
        times[idx] = timeMillis;
        values[idx] = value;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return times.length;
    }

    public double lastValue() {
        return size == 0 ? Double.NaN : values[(start + size - 1) % times.length];
    }

    public double lastTime() {
        return size == 0 ? Double.NaN : times[(start + size - 1) % times.length];
    }

    /**
     * Copies the points with {@code from <= t <= to} in time order into the arrays (which must hold
     * {@link #size()} points); returns how many.
     */
    public int copyRange(double from, double to, double[] outTimes, double[] outValues) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            int idx = (start + i) % times.length;
            double t = times[idx];
            if (t >= from && t <= to) {
                outTimes[n] = t;
                outValues[n++] = values[idx];
            }
        }
        return n;
    }

    /** Time of the {@code i}-th oldest point held ({@code 0 <= i < size()}). */
    public double timeAt(int i) {
        return times[(start + i) % times.length];
    }

    /** Value of the {@code i}-th oldest point held ({@code 0 <= i < size()}). */
    public double valueAt(int i) {
        return values[(start + i) % times.length];
    }

    /**
     * Index (for {@link #timeAt}/{@link #valueAt}) of the point whose time is nearest to {@code t}, or -1 when
     * empty: a binary search, since times never go backwards. Hover tooltips read exact values through it.
     */
    public int nearest(double t) {
        if (size == 0) {
            return -1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeAt(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(timeAt(lo - 1) - t) <= Math.abs(timeAt(lo) - t)) {
            return lo - 1;
        }
        return lo;
    }

    /** Mean of the values within the time range (NaN when none), used to rank series for top-N. */
    public double mean(double from, double to) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
            int idx = (start + i) % times.length;
            if (times[idx] >= from && times[idx] <= to && !Double.isNaN(values[idx])) {
                sum += values[idx];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
