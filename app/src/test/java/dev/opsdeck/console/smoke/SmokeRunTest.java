package dev.opsdeck.console.smoke;

import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.status.ConnectionStatusViewModel;
import dev.opsdeck.console.status.ReconnectPolicy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeRunTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final ConnectionStatusViewModel status = new ConnectionStatusViewModel(ReconnectPolicy.DEFAULT);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> exits = new ArrayList<>();

    private void watch() {
        status.connecting("Embedded demo", "starting embedded backend…");
        new SmokeRun(status, () -> Optional.of(URI.create("http://127.0.0.1:41234")), () -> 1234,
                new PrintStream(out, true, StandardCharsets.UTF_8), exits::add).watch(ui);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void firstHealthyStatusPrintsOneLineAndExitsZero() {
        watch();
        status.recordSuccess(3);
        status.recordSuccess(4);
        assertThat(printed()).isEqualTo("OpsDeck smoke: connected to http://127.0.0.1:41234 in 1234 ms" + System.lineSeparator());
        assertThat(exits).containsExactly(0);
        ui.advance(Duration.ofMinutes(2));
        assertThat(exits).as("the timeout was cancelled").containsExactly(0);
    }

    @Test
    void backendThatNeverStartsFailsWithItsReason() {
        watch();
        status.failedForGood("the embedded backend did not start: port in use");
        assertThat(printed()).isEqualTo("OpsDeck smoke: FAILED: the embedded backend did not start: port in use" + System.lineSeparator());
        assertThat(exits).containsExactly(1);
    }

    @Test
    void noHealthyStatusWithinTheTimeoutFails() {
        watch();
        ui.advance(SmokeRun.TIMEOUT.minusSeconds(1));
        assertThat(exits).isEmpty();
        ui.advance(Duration.ofSeconds(1));
        assertThat(printed()).isEqualTo("OpsDeck smoke: FAILED: no healthy status within " + SmokeRun.TIMEOUT.toSeconds()
                + " s (starting embedded backend…)" + System.lineSeparator());
        assertThat(exits).containsExactly(1);
    }
}
