package dev.opsdeck.console.charts;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartDataTest {

    @Test
    void lttbKeepsEndpointsAndTheSpike() {
        int n = 3600;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 100.0);
        }
        y[1234] = 50; // one spike, as an overheating GPU would show
        double[] ox = new double[300];
        double[] oy = new double[300];
        int m = Lttb.downsample(x, y, n, 300, ox, oy);
        assertThat(m).isEqualTo(300);
        assertThat(ox[0]).isEqualTo(0);
        assertThat(ox[m - 1]).isEqualTo(n - 1);
        assertThat(oy).contains(50.0);
        for (int i = 1; i < m; i++) {
            assertThat(ox[i]).isGreaterThan(ox[i - 1]);
        }
    }

    @Test
    void lttbPassesSmallSeriesThroughAndSkipsGaps() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {1, Double.NaN, Double.NaN, 4, 5, Double.NaN, 7, 8, 9, 10};
        double[] ox = new double[10];
        double[] oy = new double[10];
        assertThat(Lttb.downsample(x, y, 10, 20, ox, oy)).isEqualTo(10);
        int m = Lttb.downsample(x, y, 10, 4, ox, oy);
        assertThat(m).isEqualTo(4);
        for (int i = 0; i < m; i++) {
            assertThat(oy[i]).isNotNaN();
        }
    }

    @Test
    void seriesBufferIsBoundedAndKeepsTheNewest() {
        SeriesBuffer b = new SeriesBuffer(5);
        for (int i = 0; i < 12; i++) {
            b.add(i * 1000, i);
        }
        assertThat(b.size()).isEqualTo(5);
        double[] t = new double[5];
        double[] v = new double[5];
        assertThat(b.copyRange(0, 1e9, t, v)).isEqualTo(5);
        assertThat(v).containsExactly(7, 8, 9, 10, 11);
        assertThat(b.copyRange(9000, 10000, t, v)).isEqualTo(2);
        b.add(5000, 99); // late point: ignored
        assertThat(b.lastValue()).isEqualTo(11);
        assertThat(b.mean(7000, 11000)).isEqualTo(9);
    }

    @Test
    void topNRanksByMeanAndTheRestBecomeOthers() {
        Map<String, SeriesBuffer> series = new LinkedHashMap<>();
        for (int s = 0; s < 10; s++) {
            SeriesBuffer b = new SeriesBuffer(100);
            for (int i = 0; i < 10; i++) {
                b.add(i * 1000, s * 10);
            }
            series.put("w" + s, b);
        }
        List<String> top = TopN.select(series, 3, 0, 9000);
        assertThat(top).containsExactly("w9", "w8", "w7");
        double[] others = TopN.othersMean(series, top, 0, 10000, 5, new double[100], new double[100]);
        // Remaining series have values 0..60 step 10: mean 30 in every step.
        assertThat(others).containsOnly(30.0);
    }
}
