package dev.opsdeck.console.status;

import dev.opsdeck.console.connection.BackendUnavailableException;
import dev.opsdeck.console.connection.LiveProbe;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar's state machine driven by a scripted probe and a fake clock. */
class HealthPollerTest {
    private static final String REFUSED = "cannot connect to 127.0.0.1:8080 (connection refused)";

    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final ConnectionStatusViewModel status = new ConnectionStatusViewModel(ReconnectPolicy.DEFAULT);
    private final ScriptedProbe probe = new ScriptedProbe();
    private HealthPoller poller;

    @BeforeEach
    void setUp() {
        status.connecting("Embedded demo", "starting embedded backend…");
        poller = new HealthPoller(probe, ui, status);
    }

    @Test
    void startsConnectingAndShowsWhatIsUnderWay() {
        assertThat(status.getState()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(status.getMessage()).isEqualTo("starting embedded backend…");
        assertThat(status.getLatencyMillis()).isNull();
    }

    @Test
    void firstAnswerConnectsAndLatencyFollowsEveryProbe() {
        probe.answers(12, 7);
        poller.start();
        assertThat(status.getState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.getLatencyMillis()).isEqualTo(12L);
        assertThat(status.getMessage()).isEmpty();

        ui.advance(Duration.ofMillis(1_999));
        assertThat(status.getLatencyMillis()).as("not probed before 2 s").isEqualTo(12L);
        ui.advance(Duration.ofMillis(1));
        assertThat(status.getLatencyMillis()).isEqualTo(7L);
    }

    @Test
    void lostProbesShowReconnectingThenOfflineWithTheReason() {
        probe.answers(5);
        probe.failures(3);
        poller.start();

        ui.advance(Duration.ofSeconds(2));
        assertThat(status.getState()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(status.getMessage()).isEqualTo(REFUSED);
        assertThat(status.getLatencyMillis()).as("no stale latency while unreachable").isNull();

        ui.advance(Duration.ofSeconds(2));
        assertThat(status.getState()).isEqualTo(ConnectionState.RECONNECTING);
        ui.advance(Duration.ofSeconds(4));
        assertThat(status.getState()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(status.getMessage()).isEqualTo(REFUSED);
    }

    @Test
    void offlineBacksOffAndRecoversByItself() {
        probe.failures(5);
        probe.answers(9);
        poller.start();
        // 2 + 4 + 8 + 16 s of backoff between the five failed probes.
        ui.advance(Duration.ofSeconds(2 + 4 + 8));
        assertThat(status.getState()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(probe.calls).isEqualTo(4);
        ui.advance(Duration.ofSeconds(16));
        assertThat(probe.calls).isEqualTo(5);
        ui.advance(Duration.ofSeconds(29));
        assertThat(status.getState()).as("backoff capped at 30 s, not probed yet").isEqualTo(ConnectionState.OFFLINE);
        ui.advance(Duration.ofSeconds(1));
        assertThat(status.getState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.getLatencyMillis()).isEqualTo(9L);
        assertThat(status.getConsecutiveFailures()).isZero();
        assertThat(ui.scheduledDelays()).extracting(Duration::toSeconds).containsExactly(2L, 4L, 8L, 16L, 30L, 2L);
    }

    @Test
    void neverReachedBackendStaysConnectingUntilTheFailureBudgetIsSpent() {
        probe.failures(3);
        poller.start();
        assertThat(status.getState()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(status.getMessage()).isEqualTo(REFUSED);
        ui.advance(Duration.ofSeconds(2 + 4));
        assertThat(status.getState()).isEqualTo(ConnectionState.OFFLINE);
    }

    @Test
    void retryNowSkipsTheBackoffWait() {
        probe.failures(3);
        probe.answers(4);
        poller.start();
        ui.advance(Duration.ofSeconds(6));
        assertThat(status.getState()).isEqualTo(ConnectionState.OFFLINE);
        poller.retryNow();
        assertThat(status.getState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(ui.pending()).as("the abandoned backoff timer is cancelled, one probe loop remains").isEqualTo(1);
    }

    @Test
    void stopEndsProbing() {
        probe.answers(1, 1, 1);
        poller.start();
        poller.stop();
        ui.advance(Duration.ofMinutes(1));
        assertThat(probe.calls).isEqualTo(1);
        assertThat(ui.pending()).isZero();
    }

    @Test
    void listenersSeeTheReasonWhenTheStateChanges() {
        // The smoke run reports the reason from a state listener: it must not read the previous message.
        List<String> seen = new ArrayList<>();
        status.stateProperty().addListener((obs, old, now) -> seen.add(now + ": " + status.getMessage()));
        status.failedForGood("the embedded backend did not start: disk full");
        assertThat(seen).containsExactly("OFFLINE: the embedded backend did not start: disk full");
    }

    @Test
    void unexpectedErrorsAreStillWords() {
        assertThat(HealthPoller.reason(new IllegalStateException("boom")))
                .isEqualTo("unexpected error while checking the backend: IllegalStateException (boom)");
    }

    /** Answers with latencies or refusals in the order scripted. */
    private static final class ScriptedProbe implements LiveProbe {
        private final Deque<Long> script = new ArrayDeque<>();
        int calls;

        void answers(long... millis) {
            for (long m : millis) {
                script.add(m);
            }
        }

        void failures(int n) {
            for (int i = 0; i < n; i++) {
                script.add(-1L);
            }
        }

        @Override
        public long roundTripMillis() throws BackendUnavailableException {
            calls++;
            Long next = script.poll();
            if (next == null) {
                throw new AssertionError("probe called more often than scripted");
            }
            if (next < 0) {
                throw new BackendUnavailableException(REFUSED);
            }
            return next;
        }
    }
}
