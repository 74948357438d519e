package dev.opsdeck.console.workers;

import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Screen;
import dev.opsdeck.console.charts.ChartProbe;
import dev.opsdeck.console.charts.TimeChart;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The workers screen and the overview's fleet section on a real embedded demo (24 simulated workers). */
class WorkersScreenTest {
    @TempDir
    Path dataDir;

    private ConsoleFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void demoFleetFillsTheTableAndTheSelectedWorkersChartsKeepMoving() throws Exception {
        fixture.goTo(Screen.WORKERS);
        assertThat(fixture.robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Workers");
        TableView<WorkerRow> table = fixture.robot.lookup("#workersTable").queryTableView();
        // The demo fleet registers within a heartbeat interval or two; the table follows the backend's count.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        int known = fixture.api().get("/api/network/workers?limit=500").path("total").asInt();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= known);
        assertThat(table.getItems()).extracting(WorkerRow::getId).contains("demo-worker-001");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.robot.lookup(".state-badge").queryAll().stream()
                .anyMatch(n -> "online".equals(((Labeled) n).getText())));
        assertThat(fixture.robot.lookup("#workerThresholds").queryAs(Label.class).getText()).contains("online below 30 s");

        // The filter narrows the live table; clearing it brings every worker back.
        fixture.robot.clickOn("#workerFilter").write("worker-001");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        fixture.robot.clickOn("#workerFilter");
        FxToolkit.setupFixture(() -> fixture.robot.lookup("#workerFilter").queryAs(TextField.class).clear());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() >= known);

        // Select a worker: its per-GPU utilisation chart gets the history, then keeps gaining live points.
        FxToolkit.setupFixture(() -> {
            table.getSelectionModel().clearSelection();
            WorkerRow row = table.getItems().stream().filter(r -> r.getId().equals("demo-worker-001")).findFirst().orElseThrow();
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "demo-worker-001".equals(
                fixture.robot.lookup("#detailTitle").queryAs(Label.class).getText()));
        TimeChart util = TimeChart.of(fixture.robot.lookup("#chart-utilization").query()).orElseThrow();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ChartProbe.newest(util) > 0);
        double first = ChartProbe.newest(util);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ChartProbe.newest(util) > first);

        // Several refreshes later the same worker is still selected (rows are updated in place, not replaced).
        WorkerRow selected = table.getSelectionModel().getSelectedItem();
        Double age = selected.heartbeatAgeProperty().get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !java.util.Objects.equals(age, selected.heartbeatAgeProperty().get()));
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(selected);
        assertThat(fixture.robot.lookup("#detailError").queryAs(Label.class).isVisible()).isFalse();

        // A shorter range reads the history again; a young demo fleet fills 15 minutes better than an hour.
        FxToolkit.setupFixture(() -> fixture.robot.lookup("#detailRange").queryComboBox().getSelectionModel().select("15m"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fixture.robot.lookup("#detailResolutionInfo").queryAs(Label.class)
                .getText().equals("resolution raw") && ChartProbe.newest(util) > first);
        screenshot(Path.of("target/screenshots/workers.png"));

        // The Settings page's unit applies to the table: the backend's °C shown in °F.
        FxToolkit.setupFixture(() -> fixture.console().session().settings().temperatureUnitProperty()
                .set(dev.opsdeck.console.settings.TemperatureUnit.FAHRENHEIT));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.robot.lookup(".column-header .label").queryAll().stream()
                .anyMatch(n -> "Max \u00b0F".equals(((Label) n).getText())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled c && c.getText() != null && c.getText().endsWith("\u00b0F")));
    }

    @Test
    void overviewShowsFleetTilesAndItsUtilisationChartGainsPoints() throws Exception {
        Label active = fixture.robot.lookup("#tileActiveWorkers").queryAs(Label.class);
        Label gpus = fixture.robot.lookup("#tileGpus").queryAs(Label.class);
        // Both tiles are set in one pass on the FX thread; this thread can look between the two, so wait for both.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> active.getText().matches("[1-9]\\d*") && gpus.getText().matches("\\d+ / \\d+"));
        TimeChart fleet = TimeChart.of(fixture.robot.lookup("#fleetUtilizationChart").query()).orElseThrow();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fleet.lines().stream().anyMatch(l -> l.name().equals("fleet")));
        double first = ChartProbe.newest(fleet);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ChartProbe.newest(fleet) > first);
        // The health table of the overview is still there below the fleet section.
        assertThat(fixture.robot.lookup("#healthComponents").tryQuery()).isPresent();
        screenshot(Path.of("target/screenshots/overview.png"));
    }

    private void screenshot(Path file) {
        WaitForAsyncUtils.waitForFxEvents();
        dev.opsdeck.console.Screenshots.save(fixture, file.getFileName().toString());
    }
}
