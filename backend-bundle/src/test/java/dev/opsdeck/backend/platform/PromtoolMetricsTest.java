package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.testing.Store;
import dev.opsdeck.backend.testing.TestBackend;
import dev.opsdeck.backend.testing.Tools;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real {@code promtool check metrics} lints the exposition, as a Prometheus operator would. */
class PromtoolMetricsTest {

    @Test
    void metricsPassPromtoolCheck() throws Exception {
        var promtool = Tools.require("promtool", "prometheus");
        try (TestBackend backend = TestBackend.start(Store.H2)) {
            // Exercise a few routes so request metrics have samples.
            backend.get("/health");
            backend.get("/no/such/route");
            backend.post("/health", "{}");
            String metrics = backend.get("/metrics").body();

            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(metrics.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream o = p.getInputStream()) {
                o.transferTo(out);
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("promtool said: " + out.toString(StandardCharsets.UTF_8)).isZero();
        }
    }
}
