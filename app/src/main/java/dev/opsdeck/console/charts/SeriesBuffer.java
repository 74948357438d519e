package dev.opsdeck.console.charts;

/**
 * A bounded ring of (time, value) points for one series: appending past the capacity drops the oldest point,
 * so memory per series is fixed however long the console stays open.
 *
 * <p>Reads that a redraw makes for every series (range copy, mean, bucket sums) find the range by binary search
 * and walk the ring's two contiguous segments without a modulo per point, and the mean of everything held is a
 * running sum: with 500 series of 3,600 points those reads are most of a redraw (docs/BENCHMARKS.md).
 */
public final class SeriesBuffer {
    private final double[] times;
    private final double[] values;
    private int start;
    private int size;
    /** Sum and count of the non-NaN values held, for {@link #mean} over the whole buffer in O(1). */
    private double sum;
    private int counted;
    /** Points ever appended: point {@code i} held has serial {@code appended - size + i}. */
    private long appended;
    private BucketSums buckets;

    public SeriesBuffer(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        times = new double[capacity];
        values = new double[capacity];
    }

    /** Appends a point; times must not go backwards (an older point is ignored). */
    public void add(double timeMillis, double value) {
        if (size > 0 && timeMillis < lastTime()) {
            return;
        }
        int idx = (start + size) % times.length;
        double evicted = values[idx];
        boolean full = size == times.length;
        if (full) {
            start = (start + 1) % times.length;
        } else {
            size++;
        }
        times[idx] = timeMillis;
        values[idx] = value;
        appended++;
        if (full && start == 0) {
            resum(); // bounds the float drift of adding and removing for hours
            return;
        }
        if (full) {
            uncount(evicted);
        }
        count(value);
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
        int lo = lowerBound(t);
        if (lo == size) {
            return size - 1;
        }
        if (lo > 0 && Math.abs(timeAt(lo - 1) - t) <= Math.abs(timeAt(lo) - t)) {
            return lo - 1;
        }
        return lo;
    }

    /**
     * Copies the points with {@code from <= t <= to} in time order into the arrays (which must hold
     * {@link #size()} points); returns how many.
     */
    public int copyRange(double from, double to, double[] outTimes, double[] outValues) {
        int first = lowerBound(from);
        int n = 0;
        for (int i = first; i < size; i++) {
            int idx = physical(i);
            double t = times[idx];
            if (t > to) {
                break;
            }
            outTimes[n] = t;
            outValues[n++] = values[idx];
        }
        return n;
    }

    /** Mean of the values within the time range (NaN when none), used to rank series for top-N. */
    public double mean(double from, double to) {
        if (size == 0) {
            return Double.NaN;
        }
        if (from <= timeAt(0) && to >= lastTime()) {
            return counted == 0 ? Double.NaN : sum / counted;
        }
        double s = 0;
        int n = 0;
        for (int i = lowerBound(from); i < size; i++) {
            int idx = physical(i);
            if (times[idx] > to) {
                break;
            }
            if (!Double.isNaN(values[idx])) {
                s += values[idx];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * Adds each point in [from, to) to the time bucket it falls in ({@code steps} equal buckets from {@code from}):
     * the "others" aggregate sums many series this way without copying them.
     */
    public void accumulate(double from, double to, int steps, double[] sums, int[] counts) {
        double perMilli = steps / (to - from);
        int i = lowerBound(from);
        // Walk the (at most two) contiguous stretches of the ring.
        while (i < size) {
            int idx = physical(i);
            int stretch = Math.min(size - i, times.length - idx);
            for (int k = idx; k < idx + stretch; k++) {
                double t = times[k];
                if (t > to) {
                    return;
                }
                double v = values[k];
                if (v == v) { // not NaN
                    int b = (int) ((t - from) * perMilli);
                    if (b >= steps) {
                        b = steps - 1;
                    }
                    sums[b] += v;
                    counts[b]++;
                }
            }
            i += stretch;
        }
    }

    /**
     * Adds this series' per-bucket sums for the time-aligned buckets {@code fromBucket..toBucket} (bucket {@code k}
     * covers {@code [k*width, (k+1)*width)} ms) into {@code sums}/{@code counts} at index {@code k - fromBucket}.
     * The sums are cached per bucket and only the points appended since the last call are added, so summing
     * hundreds of "others" series each second costs a few hundred additions per series, not a pass over every point.
     * A bucket at the old edge may still hold points the ring has since dropped: they were real samples.
     */
    public void accumulateAligned(long width, long fromBucket, long toBucket, double[] sums, int[] counts) {
        if (size == 0) {
            return;
        }
        long oldestBucket = Math.floorDiv((long) timeAt(0), width);
        if (buckets == null || buckets.width != width || (fromBucket < buckets.first && oldestBucket < buckets.first)) {
            buckets = new BucketSums(width, Math.max(fromBucket, oldestBucket), appended - size);
        }
        BucketSums c = buckets;
        long firstSerial = appended - size;
        for (int i = (int) Math.max(0, c.serial - firstSerial); i < size; i++) {
            c.add(timeAt(i), valueAt(i));
        }
        c.serial = appended;
        c.dropBefore(fromBucket);
        long lo = Math.max(fromBucket, c.first);
        long hi = Math.min(toBucket, c.first + c.length - 1);
        for (long k = lo; k <= hi; k++) {
            int at = (int) (k - c.first);
            sums[(int) (k - fromBucket)] += c.sums[at];
            counts[(int) (k - fromBucket)] += c.counts[at];
        }
    }

    /** Cached sums of aligned time buckets, from bucket {@code first} on. */
    private static final class BucketSums {
        final long width;
        long first;
        int length;
        long serial;
        double[] sums = new double[64];
        int[] counts = new int[64];

        BucketSums(long width, long first, long serial) {
            this.width = width;
            this.first = first;
            this.serial = serial;
        }

        void add(double t, double v) {
            long k = Math.floorDiv((long) t, width);
            if (k < first || v != v) {
                return; // before the cached range (not shown) or a gap
            }
            int at = (int) (k - first);
            if (at >= sums.length) {
                int grown = Math.max(sums.length * 2, at + 1);
                sums = java.util.Arrays.copyOf(sums, grown);
                counts = java.util.Arrays.copyOf(counts, grown);
            }
            length = Math.max(length, at + 1);
            sums[at] += v;
            counts[at]++;
        }

        void dropBefore(long bucket) {
            int drop = (int) Math.min(length, bucket - first);
            if (drop <= 0) {
                return;
            }
            System.arraycopy(sums, drop, sums, 0, length - drop);
            System.arraycopy(counts, drop, counts, 0, length - drop);
            java.util.Arrays.fill(sums, length - drop, length, 0);
            java.util.Arrays.fill(counts, length - drop, length, 0);
            length -= drop;
            first = bucket;
        }
    }

    /** Logical index of the first point with time >= t ({@link #size()} when none). */
    private int lowerBound(double t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeAt(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int physical(int i) {
        int idx = start + i;
        return idx >= times.length ? idx - times.length : idx;
    }

    private void count(double v) {
        if (!Double.isNaN(v)) {
            sum += v;
            counted++;
        }
    }

    private void uncount(double v) {
        if (!Double.isNaN(v)) {
            sum -= v;
            counted--;
        }
    }

    private void resum() {
        sum = 0;
        counted = 0;
        for (int i = 0; i < size; i++) {
            count(valueAt(i));
        }
    }
}
