package dev.opsdeck.backend.alerts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SystemSeriesTest {
    @Test
    void aDayOf15SecondSamplesBecomesAtMost720PointsKeepingPeaks() {
        List<SystemSample> raw = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 24 * 240; i++) {
            double cpu = i == 1000 ? 99 : 10;
            raw.add(new SystemSample(t0.plusSeconds(15L * i), cpu, 50.0, 1L, 2L, i == 2000 ? 3.0 : 40.0, 1L, null));
        }
        long step = SystemSeries.step(24, 15);
        List<SystemSeries.Point> points = SystemSeries.downsample(raw, step);
        assertThat(points).hasSize(720);
        assertThat(points).allSatisfy(p -> assertThat(p.samples()).isEqualTo(8));
        assertThat(points.stream().mapToDouble(SystemSeries.Point::cpuPercentMax).max().orElseThrow()).isEqualTo(99);
        assertThat(points.stream().mapToDouble(SystemSeries.Point::diskFreePercentMin).min().orElseThrow()).isEqualTo(3);
        assertThat(points.get(0).load1m()).isNull();
        assertThat(SystemSeries.step(1, 15)).isEqualTo(15);
    }
}
