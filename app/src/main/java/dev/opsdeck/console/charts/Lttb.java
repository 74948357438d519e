package dev.opsdeck.console.charts;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and last point and, from each
 * bucket in between, the point that forms the largest triangle with its neighbours' choices. Peaks and dips -
 * what an operator looks for - survive where plain decimation would drop them.
 */
public final class Lttb {
    private Lttb() {
    }

    /**
     * Downsamples {@code n} points of {@code xs}/{@code ys} (xs ascending) to at most {@code threshold} points,
     * writing into {@code outX}/{@code outY}; returns how many were written. NaN values (gaps) are skipped as
     * candidates so a gap never becomes a chosen point.
     */
    public static int downsample(double[] xs, double[] ys, int n, int threshold, double[] outX, double[] outY) {
        if (threshold >= n || threshold < 3) {
            int m = Math.min(n, outX.length);
            System.arraycopy(xs, 0, outX, 0, m);
            System.arraycopy(ys, 0, outY, 0, m);
            return m;
        }
        double every = (double) (n - 2) / (threshold - 2);
        int a = 0;
        int out = 0;
        outX[out] = xs[0];
        outY[out++] = ys[0];
        for (int i = 0; i < threshold - 2; i++) {
            int avgStart = (int) Math.floor((i + 1) * every) + 1;
            int avgEnd = Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            int avgLen = 0;
            for (int j = avgStart; j < avgEnd; j++) {
                if (!Double.isNaN(ys[j])) {
                    avgX += xs[j];
                    avgY += ys[j];
                    avgLen++;
                }
            }
            if (avgLen > 0) {
                avgX /= avgLen;
                avgY /= avgLen;
            } else {
                avgX = xs[Math.min(avgStart, n - 1)];
                avgY = ys[a];
            }
            int rangeStart = (int) Math.floor(i * every) + 1;
            int rangeEnd = (int) Math.floor((i + 1) * every) + 1;
            double ax = xs[a];
            double ay = ys[a];
            double maxArea = -1;
            int chosen = rangeStart;
            for (int j = rangeStart; j < rangeEnd; j++) {
                if (Double.isNaN(ys[j])) {
                    continue;
                }
                double area = Math.abs((ax - avgX) * (ys[j] - ay) - (ax - xs[j]) * (avgY - ay));
                if (area > maxArea) {
                    maxArea = area;
                    chosen = j;
                }
            }
            outX[out] = xs[chosen];
            outY[out++] = ys[chosen];
            a = chosen;
        }
        outX[out] = xs[n - 1];
        outY[out++] = ys[n - 1];
        return out;
    }
}
