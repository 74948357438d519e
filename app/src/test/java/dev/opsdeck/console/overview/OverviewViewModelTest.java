package dev.opsdeck.console.overview;

import dev.opsdeck.console.connection.BackendUnavailableException;
import dev.opsdeck.console.connection.ComponentHealth;
import dev.opsdeck.console.connection.HealthReport;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private HealthReport next = report("UP");
    private BackendUnavailableException failure;
    private int calls;

    private final OverviewViewModel vm = new OverviewViewModel(() -> {
        calls++;
        if (failure != null) {
            throw failure;
        }
        return next;
    }, ui, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void showsComponentsWhileActiveAndRefreshesEveryFiveSeconds() {
        vm.activate();
        assertThat(vm.getOverallStatus()).isEqualTo("UP");
        assertThat(vm.components()).extracting(ComponentHealth::name).containsExactly("database", "http");
        assertThat(vm.getUpdatedAt()).isEqualTo(NOW);

        next = report("DOWN");
        ui.advance(Duration.ofSeconds(5));
        assertThat(vm.getOverallStatus()).isEqualTo("DOWN");
        assertThat(calls).isEqualTo(2);
    }

    @Test
    void hiddenPageStopsPolling() {
        vm.activate();
        vm.deactivate();
        ui.advance(Duration.ofMinutes(1));
        assertThat(calls).isEqualTo(1);
    }

    @Test
    void failureKeepsLastRowsAndSaysWhy() {
        vm.activate();
        failure = new BackendUnavailableException("no answer from 127.0.0.1:8080 within 3 s");
        ui.advance(Duration.ofSeconds(5));
        assertThat(vm.getError()).isEqualTo("no answer from 127.0.0.1:8080 within 3 s");
        assertThat(vm.components()).hasSize(2);

        failure = null;
        ui.advance(Duration.ofSeconds(5));
        assertThat(calls).as("a failing backend is asked less often: 10 s after a failure, not 5").isEqualTo(2);
        ui.advance(Duration.ofSeconds(5));
        assertThat(vm.getError()).as("error clears on the next good report").isEmpty();
    }

    private static HealthReport report(String status) {
        return new HealthReport(status, List.of(
                new ComponentHealth("database", status, Map.of("active", "1", "idle", "9")),
                new ComponentHealth("http", "UP", Map.of())));
    }
}
