package dev.opsdeck.console.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How the status bar reads the live feed's reports: live, reconnecting with the next try, offline after a while. */
class LiveFeedStateTest {
    private final ConnectionStatusViewModel status = new ConnectionStatusViewModel(
            new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 3));

    @Test
    void liveThenReconnectingWithTheNextTryThenOfflineThenLiveAgain() {
        assertThat(status.getLiveState()).isEqualTo(ConnectionState.CONNECTING);
        status.liveFeed(true, 0, "");
        assertThat(status.getLiveState()).isEqualTo(ConnectionState.CONNECTED);

        status.liveFeed(false, 1_700_000_000_000L, "connection refused");
        assertThat(status.getLiveState()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(status.liveNextAttemptProperty().get()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(status.liveReasonProperty().get()).isEqualTo("connection refused");

        status.liveFeed(false, 1, "x");
        status.liveFeed(false, 1, "x");
        assertThat(status.getLiveState()).as("three failures: still reconnecting").isEqualTo(ConnectionState.RECONNECTING);
        status.liveFeed(false, 1, "x");
        assertThat(status.getLiveState()).isEqualTo(ConnectionState.OFFLINE);

        status.liveFeed(true, 0, "");
        assertThat(status.getLiveState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.liveNextAttemptProperty().get()).isNull();
    }

    @Test
    void aNewEnvironmentStartsOverAtConnecting() {
        status.liveFeed(false, 1, "x");
        status.liveConnecting();
        assertThat(status.getLiveState()).isEqualTo(ConnectionState.CONNECTING);
        status.liveFeed(false, 1, "x");
        assertThat(status.getLiveState()).isEqualTo(ConnectionState.RECONNECTING);
    }
}
