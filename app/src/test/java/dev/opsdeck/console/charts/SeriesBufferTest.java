package dev.opsdeck.console.charts;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fast paths of the ring (running mean, cached bucket sums) agree with a plain pass over the points held. */
class SeriesBufferTest {

    @Test
    void runningMeanAndRangeReadsMatchAPlainPassAcrossWrapAround() {
        SeriesBuffer b = new SeriesBuffer(100);
        Random r = new Random(7);
        for (int t = 0; t < 1234; t++) {
            b.add(t * 1000.0, r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian() * 10 + 50);
            if (t % 37 == 0) {
                double from = b.timeAt(0);
                double to = b.lastTime();
                assertThat(b.mean(from, to)).isCloseTo(plainMean(b, from, to), within(1e-9));
                double mid = from + (to - from) / 3;
                assertThat(b.mean(mid, to)).isCloseTo(plainMean(b, mid, to), within(1e-9));
                double[] xs = new double[100];
                double[] ys = new double[100];
                int n = b.copyRange(mid, to, xs, ys);
                assertThat(xs[0]).isGreaterThanOrEqualTo(mid);
                assertThat(xs[n - 1]).isEqualTo(to);
            }
        }
        assertThat(b.size()).isEqualTo(100);
        assertThat(b.nearest(1233_400)).isEqualTo(99);
        assertThat(b.timeAt(b.nearest(1200_400))).isEqualTo(1200_000);
    }

    @Test
    void cachedBucketSumsFollowASlidingWindow() {
        SeriesBuffer b = new SeriesBuffer(600);
        Random r = new Random(3);
        long width = 10_000;
        for (int t = 0; t < 2000; t++) {
            b.add(t * 1000.0, r.nextDouble() * 100);
            if (t > 0 && t % 13 == 0) {
                double to = t * 1000.0;
                double from = Math.max(b.timeAt(0), to - 300_000);
                long first = Math.floorDiv((long) from, width);
                long last = Math.floorDiv((long) to, width);
                int n = (int) (last - first + 1);
                double[] sums = new double[n];
                int[] counts = new int[n];
                b.accumulateAligned(width, first, last, sums, counts);
                // Every bucket fully inside what the ring holds matches a plain sum of its points.
                for (int k = 1; k < n; k++) {
                    double s = 0;
                    int c = 0;
                    for (int i = 0; i < b.size(); i++) {
                        if (Math.floorDiv((long) b.timeAt(i), width) == first + k) {
                            s += b.valueAt(i);
                            c++;
                        }
                    }
                    assertThat(counts[k]).as("bucket %d at t=%d", k, t).isEqualTo(c);
                    assertThat(sums[k]).isCloseTo(s, within(1e-6));
                }
            }
        }
    }

    private static double plainMean(SeriesBuffer b, double from, double to) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < b.size(); i++) {
            if (b.timeAt(i) >= from && b.timeAt(i) <= to && !Double.isNaN(b.valueAt(i))) {
                s += b.valueAt(i);
                n++;
            }
        }
        return s / n;
    }
}
