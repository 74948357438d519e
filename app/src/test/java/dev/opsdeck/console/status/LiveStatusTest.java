package dev.opsdeck.console.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.console.Console;
import dev.opsdeck.console.charts.ChartProbe;
import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.embedded.EmbeddedDemoBackend;
import dev.opsdeck.console.fx.FxUiExecutor;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.startup.ConsoleOptions;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Killing the embedded backend turns the status bar to reconnecting (with the live feed's next try), and starting
 * it again on the same port and data directory turns it back to connected and live, with a resync event, and the
 * overview's live chart continues with the restarted backend's data.
 */
class LiveStatusTest {
    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final FxUiExecutor ui = new FxUiExecutor();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final CompletableFuture<RunningBackend> first = new CompletableFuture<>();
    private RunningBackend restarted;
    private Console console;
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        if (console != null) {
            FxToolkit.setupFixture(() -> console.shutdown(0));
            exitCode.get(30, TimeUnit.SECONDS);
            FxToolkit.setupFixture(() -> stage.close());
        }
        if (restarted != null) {
            restarted.stop();
        }
        ui.close();
    }

    @Test
    void killingAndRestartingTheBackendShowsReconnectingThenLiveAgain() throws Exception {
        Path data = dir.resolve("data");
        EmbeddedDemoBackend demo = new EmbeddedDemoBackend("warn");
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            console = new Console(ConsoleOptions.parse(List.of("--data-dir", data.toString(), "--config-dir", dir.resolve("config").toString())),
                    ui, BackendClient.defaultHttpClient(), new ObjectMapper(), new Resources(), d -> {
                        RunningBackend b = demo.start(d);
                        first.complete(b);
                        return b;
                    }, data, exitCode::complete);
            stage = new Stage();
            console.start(stage);
        });
        Label state = robot.from(stage.getScene().getRoot()).lookup("#connectionState").queryAs(Label.class);
        Label live = robot.from(stage.getScene().getRoot()).lookup("#liveState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> "connected".equals(state.getText()) && "live".equals(live.getText()));

        List<String> liveSeen = new CopyOnWriteArrayList<>();
        List<String> stateSeen = new CopyOnWriteArrayList<>();
        List<JsonNode> resyncs = new CopyOnWriteArrayList<>();
        FxToolkit.setupFixture(() -> {
            live.textProperty().addListener((obs, old, now) -> liveSeen.add(now));
            state.textProperty().addListener((obs, old, now) -> stateSeen.add(now));
            console.live().subscribe("system", resyncs::addAll);
        });

        RunningBackend backend = first.get();
        int port = backend.baseUrl().getPort();
        backend.stop();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> stateSeen.contains("reconnecting"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> liveSeen.stream().anyMatch(t -> t.startsWith("live feed reconnecting, next try ")));
        assertThat(robot.from(stage.getScene().getRoot()).lookup("#connectionReason").queryAs(Label.class).getText()).contains("127.0.0.1:" + port);

        // The same port and data directory, as a restarted service would come back; the same key so the socket is let in.
        restarted = Backend.start(BackendConfig.builder().profile(Profile.DEMO).port(port).bind("127.0.0.1")
                .dataDir(data).logLevel("warn").adminKey(backend.adminKey()).build());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "connected".equals(state.getText()) && "live".equals(live.getText()));
        // The topic also carries the backend's own "welcome" events (late ones from the first socket too); wait for the resync.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> resyncs.stream().anyMatch(e -> "resync".equals(e.path("type").asText())));
        JsonNode resync = resyncs.stream().filter(e -> "resync".equals(e.path("type").asText())).findFirst().orElseThrow();
        assertThat(resync.path("topic").asText()).isEqualTo("system");
        assertThat(resync.path("data").path("reason").asText()).contains("reconnected");

        // The overview's fleet chart carries on: it gains points from the restarted backend.
        long restartedAt = System.currentTimeMillis();
        TimeChart fleet = TimeChart.of(robot.from(stage.getScene().getRoot()).lookup("#fleetUtilizationChart").query()).orElseThrow();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ChartProbe.newest(fleet) > restartedAt);
    }
}
