package dev.opsdeck.console.metrics;

import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.charts.ChartFrame;
import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics browser on a real embedded demo backend: lists its samples and charts one live. */
class MetricsBrowserTest {
    @TempDir
    Path dataDir;

    private ConsoleFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
        fixture.goTo(Screen.METRICS);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void listsTheRequestCounterAndChartsItsRate() throws Exception {
        assertThat(fixture.robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Metrics");
        @SuppressWarnings("unchecked")
        TableView<MetricRow> table = fixture.robot.lookup("#metricsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.name().equals("dashboard_requests_total")));

        // Search narrows the table to the family, as a user types it.
        fixture.robot.clickOn("#metricsSearch").write("dashboard_requests_total");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty()
                && table.getItems().stream().allMatch(r -> r.familyName().equals("dashboard_requests_total")));
        MetricRow first = table.getItems().get(0);
        assertThat(first.type()).isEqualTo(MetricType.COUNTER);
        assertThat(first.help()).isEqualTo("API requests by endpoint, method and status");
        assertThat(first.labels()).containsKeys("endpoint", "method", "status");

        // One click on the row's Chart button; the chart shows the counter as a rate once two scrapes are in.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.robot.lookup(".metrics-chart-button").tryQuery().isPresent());
        fixture.robot.clickOn(fixture.robot.lookup(".metrics-chart-button").queryAs(Button.class));
        Node chartNode = fixture.robot.lookup("#metricsChart").query();
        TimeChart chart = TimeChart.of(chartNode).orElseThrow();
        assertThat(fixture.robot.lookup(".time-chart-title").queryAs(Label.class).getText())
                .startsWith("rate(dashboard_requests_total{");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> chart.lines().stream()
                .anyMatch(l -> l.name().equals("rate") && l.n() >= 1 && !Double.isNaN(l.ys()[l.n() - 1])));
        // A few more scrapes, so the line (and the screenshot) shows a stretch of time, not one step.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> chart.lines().get(0).n() >= 5);
        ChartFrame.Line rate = chart.lines().get(0);
        assertThat(rate.ys()[rate.n() - 1]).isGreaterThanOrEqualTo(0);
        // The page stays live: the value column follows the backend's counter as the console keeps calling it.
        double before = first.getValue();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(r -> r.getValue() > before));
        screenshot();
    }

    @Test
    void addsAnotherTargetAndSaysWhyAnUnreachableOneFails() throws Exception {
        @SuppressWarnings("unchecked")
        TableView<MetricRow> table = fixture.robot.lookup("#metricsTable").queryAs(TableView.class);
        // The backend's /metrics by its URL, as a user would add a node exporter: scraped without the session.
        fixture.robot.clickOn("#metricsNewTarget").write(fixture.baseUrl() + "/metrics");
        fixture.robot.clickOn("#metricsAddTarget");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.name().equals("jvm_threads_current")));

        fixture.robot.clickOn("#metricsNewTarget").write("127.0.0.1:1");
        fixture.robot.clickOn("#metricsAddTarget");
        Label error = fixture.robot.lookup("#metricsError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> error.isVisible()
                && error.getText().contains("http://127.0.0.1:1/metrics") && error.getText().contains("connection refused"));
        assertThat(fixture.robot.lookup("#metricsNewTarget").queryAs(TextField.class).getText()).isEmpty();
    }

    /** docs/screenshots/metrics.png when asked for (-Dopsdeck.screenshots=true). */
    private void screenshot() {
        WaitForAsyncUtils.waitForFxEvents();
        dev.opsdeck.console.Screenshots.save(fixture, "metrics");
    }
}
