package dev.opsdeck.console.settings;

import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.fx.Poller;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A poller built on the refresh setting follows a change from its next wait, without a restart. */
class RefreshIntervalTest {
    @Test
    void changingTheSettingChangesTheNextWait() {
        Settings settings = new Settings();
        ManualUiExecutor ui = new ManualUiExecutor();
        AtomicInteger calls = new AtomicInteger();
        Poller<Integer> poller = new Poller<>(ui, settings::refreshInterval, calls::incrementAndGet, v -> { }, e -> { });
        poller.start();
        assertThat(ui.scheduledDelays()).last().isEqualTo(Duration.ofSeconds(5));

        settings.refreshSecondsProperty().set(30);
        ui.advance(Duration.ofSeconds(5));
        assertThat(calls.get()).isEqualTo(2);
        assertThat(ui.scheduledDelays()).last().isEqualTo(Duration.ofSeconds(30));
        poller.stop();
    }
}
