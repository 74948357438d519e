package dev.opsdeck.console.charts;

import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart component in a real (headless) window: what a user sees and clicks. */
class TimeChartTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private TimeChart chart;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            chart = new TimeChart("GPU utilisation", "%", 600);
            stage = new Stage();
            stage.setScene(new Scene(new StackPane(chart.node()), 900, 420));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> stage.close());
    }

    /** 20 series, series i at level i: the 8 highest get lines, the 12 lowest fold into "others". */
    private void twentySeries(int points) throws Exception {
        FxToolkit.setupFixture(() -> {
            for (int p = 0; p < points; p++) {
                for (int i = 0; i < 20; i++) {
                    chart.add("w" + i, T0 + p * 1000L, i);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void drawsTheTopEightAndFoldsTheRestIntoOthers() throws Exception {
        twentySeries(120);
        List<ChartFrame.Line> lines = chart.lines();
        assertThat(lines).extracting(ChartFrame.Line::name)
                .containsExactly("w19", "w18", "w17", "w16", "w15", "w14", "w13", "w12", ChartFrame.OTHERS);
        ChartFrame.Line others = lines.get(8);
        assertThat(others.others()).isTrue();
        // Mean of w0..w11 is 5.5 wherever the others have points.
        assertThat(java.util.Arrays.stream(others.ys(), 0, others.n()).filter(v -> !Double.isNaN(v))).allMatch(v -> v == 5.5);
        assertThat(chart.seriesCount()).isEqualTo(20);
        // The legend names what each line is; the aggregate says how many series it stands for.
        assertThat(robot.lookup(".time-chart-legend-item").queryAllAs(CheckBox.class)).extracting(CheckBox::getText)
                .contains("w19", "others (mean of 12)");
    }

    @Test
    void aLegendEntrySwitchesItsLineOffAndOn() throws Exception {
        twentySeries(60);
        CheckBox w19 = robot.lookup(".time-chart-legend-item").queryAllAs(CheckBox.class).stream()
                .filter(c -> c.getText().equals("w19")).findFirst().orElseThrow();
        robot.clickOn(w19);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.lines().get(0).hidden()).isTrue();
        robot.clickOn(w19);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.lines().get(0).hidden()).isFalse();
    }

    @Test
    void pauseFreezesThePictureUntilResumed() throws Exception {
        twentySeries(60);
        double end = chart.lines().get(0).xs()[chart.lines().get(0).n() - 1];
        robot.clickOn(".time-chart-pause");
        assertThat(chart.pausedProperty().get()).isTrue();
        assertThat(robot.lookup(".time-chart-pause").queryAs(ToggleButton.class).getText()).isEqualTo("Resume");
        assertThat(robot.lookup(".time-chart-message").queryAs(Label.class).getText()).startsWith("paused at ");
        FxToolkit.setupFixture(() -> chart.add("w19", T0 + 600_000, 19));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.lines().get(0).xs()[chart.lines().get(0).n() - 1]).isEqualTo(end);

        robot.clickOn(".time-chart-pause");
        WaitForAsyncUtils.waitForFxEvents();
        ChartFrame.Line w19 = chart.lines().stream().filter(l -> l.name().equals("w19")).findFirst().orElseThrow();
        assertThat(w19.xs()[w19.n() - 1]).isEqualTo(T0 + 600_000);
    }

    @Test
    void rangePickerAndCustomRangeSetTheWindow() throws Exception {
        twentySeries(10);
        robot.clickOn(robot.lookup(".time-chart-range").queryAllAs(ToggleButton.class).stream()
                .filter(b -> b.getText().equals("1h")).findFirst().orElseThrow());
        assertThat(chart.windowProperty().get()).isEqualTo(Duration.ofHours(1));
        robot.clickOn(".time-chart-custom").write("90m").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(chart.windowProperty().get()).isEqualTo(Duration.ofMinutes(90));
        WaitForAsyncUtils.waitForFxEvents();
        ChartFrame.Line top = chart.lines().get(0);
        assertThat(top.xs()[0]).isEqualTo(T0); // all ten points fit in 90 minutes
    }

    @Test
    void hoverShowsTheExactValuesUnderThePointer() throws Exception {
        FxToolkit.setupFixture(() -> {
            for (int p = 0; p < 60; p++) {
                chart.add("gpu0", T0 + p * 1000L, p == 30 ? 87.25 : 40);
            }
            chart.window(Duration.ofSeconds(59));
        });
        WaitForAsyncUtils.waitForFxEvents();
        CanvasPlot plot = robot.lookup(".time-chart-plot").queryAs(CanvasPlot.class);
        double x = plot.xOf(T0 + 30_000);
        robot.moveTo(plot.localToScreen(x, plot.getHeight() / 2));
        Label tooltip = robot.lookup(".time-chart-tooltip").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, tooltip::isVisible);
        assertThat(tooltip.getText()).contains("gpu0: 87.25 %");
    }

    @Test
    void csvExportHoldsEveryPointOfTheRangeAndPngIsAPicture() throws Exception {
        FxToolkit.setupFixture(() -> {
            chart.add("gpu0", T0, 1.5);
            chart.add("gpu0", T0 + 1000, 2);
            chart.add("w{a=\"1\",b=\"2\"}", T0 + 1000, 3);
        });
        assertThat(chart.csv()).isEqualTo("""
                time,epoch_ms,series,value
                2023-11-14T22:13:20Z,1700000000000,gpu0,1.5
                2023-11-14T22:13:21Z,1700000001000,gpu0,2
                2023-11-14T22:13:21Z,1700000001000,"w{a=""1"",b=""2""}",3
                """);
        Path csv = dir.resolve("chart.csv");
        Path png = dir.resolve("chart.png");
        CompletableFuture<Throwable> csvDone = new CompletableFuture<>();
        CompletableFuture<Throwable> pngDone = new CompletableFuture<>();
        FxToolkit.setupFixture(() -> {
            chart.exportCsv(csv, csvDone::complete);
            chart.exportPng(png, pngDone::complete);
        });
        assertThat(csvDone.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(pngDone.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(Files.readString(csv)).isEqualTo(chart.csv());
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isGreaterThan(400);
    }
}
