package dev.opsdeck.console.charts.bench;

import com.sun.javafx.perf.PerformanceTracker;
import dev.opsdeck.console.charts.TimeChart;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Load generator for the console chart (issue 4): {@code series} series of {@code points} points each, one new point
 * per series every second, drawn by the Canvas {@link TimeChart} and by the former {@code LineChart} renderer
 * ({@link LineChartView}) in ONE run, phases alternating (LineChart, Canvas, LineChart, Canvas...) so both see the
 * same neighbours' load. Not a test: run it as a main class (see docs/BENCHMARKS.md, "Console charts").
 *
 * <p>Per pulse it records, on the FX thread: the pulse's work (from the first animation timer of the pulse to the
 * end of its layout pass, which holds the chart update and redraw), the time until the frame was rendered
 * ({@link PerformanceTracker} rendered-frame callback, render thread), and the interval to the next pulse. The
 * update pulses (the once-a-second pulse that carries 500 new points) are reported apart from the idle ones,
 * since a median over all pulses would mostly measure idle frames.
 *
 * <p>Arguments: {@code [series] [points] [secondsPerPhase] [rounds]}, default {@code 500 3600 20 2}.
 */
public final class ChartBenchmark {
    /** CPU time of the FX thread: what a pulse costs, apart from the time it waited for a core on a busy machine. */
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final int seriesCount;
    private final int points;
    private final String[] names;
    private final double[] level;
    private final Random random = new Random(42);
    private long nextTime;

    private ChartBenchmark(int seriesCount, int points) {
        this.seriesCount = seriesCount;
        this.points = points;
        names = new String[seriesCount];
        level = new double[seriesCount];
        for (int i = 0; i < seriesCount; i++) {
            names[i] = String.format(Locale.ROOT, "worker-%03d/gpu0", i);
            level[i] = 20 + random.nextDouble() * 60;
        }
    }

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.printf(Locale.ROOT, "ChartBenchmark: %d series x %d points, 1 update/s, %d s per phase, %d rounds; "
                        + "max heap %d MB; %s; load %s%n", series, points, seconds, rounds,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("glass.platform", "default glass"), load());
        new ChartBenchmark(series, points).run(seconds, rounds);
        Platform.exit();
        System.exit(0);
    }

    private void run(int seconds, int rounds) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Stage[] stage = new Stage[1];
        TimeChart[] canvas = new TimeChart[1];
        LineChartView[] lineChart = new LineChartView[1];
        onFx(() -> {
            canvas[0] = new TimeChart("GPU utilisation (Canvas)", "%", points);
            canvas[0].window(Duration.ofSeconds(points));
            lineChart[0] = new LineChartView("GPU utilisation (LineChart)", points, points * 1000.0);
            long start = System.currentTimeMillis() - points * 1000L;
            for (int p = 0; p < points; p++) {
                fill(start + p * 1000L, canvas[0]::add, lineChart[0]::add);
            }
            nextTime = start + points * 1000L;
            stage[0] = new Stage();
            stage[0].setScene(new Scene(new StackPane(), 1280, 800));
            stage[0].show();
        });
        System.out.printf(Locale.ROOT, "heap after filling both charts (after GC): %d MB%n", usedHeapMb());

        List<String[]> rows = new ArrayList<>();
        double[][] medians = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int r = 0; r < 2; r++) {
                boolean isCanvas = r == 1;
                Parent node = isCanvas ? (Parent) canvas[0].node() : lineChart[0].node();
                Phase phase = new Phase(isCanvas ? "Canvas" : "LineChart", round + 1);
                onFx(() -> ((StackPane) stage[0].getScene().getRoot()).getChildren().setAll(node));
                Thread.sleep(2000); // first layout, caches and JIT for this renderer's code
                onFx(() -> phase.start(stage[0].getScene(), isCanvas ? canvas[0] : null, isCanvas ? null : lineChart[0]));
                Thread.sleep(seconds * 1000L);
                onFx(phase::stop);
                rows.add(phase.row());
                medians[r][round] = phase.updateToPixelsMedian();
            }
        }
        System.out.println();
        System.out.println("| renderer | round | load avg (1 min) | update pulses | update pulse wall p50 / p99 ms | update pulse FX-thread CPU p50 / p99 ms | update to rendered p50 / p99 ms | all pulses wall / CPU p50 ms | frame interval p50 / p99 ms | fps | Canvas frame compute / whole redraw p50 ms | CPU ms per second: FX thread / render thread |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        double line = median(medians[0]);
        double can = median(medians[1]);
        System.out.printf(Locale.ROOT, "%nmedian of the rounds' update-to-rendered medians: LineChart %.1f ms, Canvas %.1f ms, ratio %.1fx%n",
                line, can, line / can);
        System.out.printf(Locale.ROOT, "heap at the end (after GC, both charts loaded): %d MB used; peak heap use during the run: %d MB; load %s%n",
                usedHeapMb(), peakHeapMb(), load());
    }

    /** One new point per series (a random walk around each series' level). */
    private void fill(long t, BiConsumer3 a, BiConsumer3 b) {
        for (int i = 0; i < seriesCount; i++) {
            level[i] = Math.max(0, Math.min(100, level[i] + random.nextGaussian()));
            if (a != null) {
                a.add(names[i], t, level[i]);
            }
            if (b != null) {
                b.add(names[i], t, level[i]);
            }
        }
    }

    @FunctionalInterface
    private interface BiConsumer3 {
        void add(String name, long t, double v);
    }

    /** One measured phase of one renderer. */
    private final class Phase {
        private final String renderer;
        private final int round;
        private final List<Double> work = new ArrayList<>();
        private final List<Double> updateWork = new ArrayList<>();
        private final List<Double> updateToPixels = new ArrayList<>();
        private final List<Double> intervals = new ArrayList<>();
        private final List<Double> redraw = new ArrayList<>();
        private final List<Double> compute = new ArrayList<>();
        private TimeChart chart;
        private final String loadAtStart = load();
        private AnimationTimer timer;
        private Runnable postLayout;
        private Scene scene;
        private long pulseStart;
        private long pulseCpuStart;
        private final List<Double> updateCpu = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();
        private long lastPulseStart;
        private long lastUpdate;
        private boolean updatePulse;
        private volatile long renderedAfter;
        private long phaseStart;
        private long renderCpuStart;
        private double fxCpuPerSecond;
        private long fxCpuStart;

        Phase(String renderer, int round) {
            this.renderer = renderer;
            this.round = round;
        }

        void start(Scene s, TimeChart canvas, LineChartView lineChart) {
            scene = s;
            chart = canvas;
            PerformanceTracker tracker = PerformanceTracker.getSceneTracker(s);
            tracker.setOnRenderedFrameTask(() -> {
                long waiting = renderedAfter;
                if (waiting != 0) {
                    renderedAfter = 0;
                    long took = System.nanoTime() - waiting;
                    Platform.runLater(() -> updateToPixels.add(took / 1e6));
                }
            });
            phaseStart = System.nanoTime();
            renderCpuStart = threadCpu("QuantumRenderer");
            fxCpuStart = THREADS.getCurrentThreadCpuTime();
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulseStart = System.nanoTime();
                    pulseCpuStart = THREADS.getCurrentThreadCpuTime();
                    if (lastPulseStart != 0) {
                        intervals.add((pulseStart - lastPulseStart) / 1e6);
                    }
                    lastPulseStart = pulseStart;
                    updatePulse = pulseStart - lastUpdate >= 1_000_000_000L;
                    if (updatePulse) {
                        lastUpdate = pulseStart;
                        fill(nextTime, canvas == null ? null : canvas::add, lineChart == null ? null : lineChart::add);
                        nextTime += 1000;
                        if (lineChart != null) {
                            lineChart.redrawIfDirty();
                        }
                    }
                }
            };
            postLayout = () -> {
                if (pulseStart == 0) {
                    return;
                }
                double ms = (System.nanoTime() - pulseStart) / 1e6;
                double cpuMs = (THREADS.getCurrentThreadCpuTime() - pulseCpuStart) / 1e6;
                work.add(ms);
                cpu.add(cpuMs);
                if (updatePulse) {
                    updateWork.add(ms);
                    updateCpu.add(cpuMs);
                    if (chart != null) {
                        redraw.add(chart.lastRedrawNanos() / 1e6);
                        compute.add(chart.lastFrameComputeNanos() / 1e6);
                    }
                    renderedAfter = pulseStart;
                    updatePulse = false;
                }
                pulseStart = 0;
            };
            scene.addPostLayoutPulseListener(postLayout);
            timer.start();
        }

        void stop() {
            fxCpuPerSecond = (THREADS.getCurrentThreadCpuTime() - fxCpuStart) / 1e6 / ((System.nanoTime() - phaseStart) / 1e9);
            timer.stop();
            scene.removePostLayoutPulseListener(postLayout);
            PerformanceTracker.getSceneTracker(scene).setOnRenderedFrameTask(null);
            PerformanceTracker.releaseSceneTracker(scene);
        }

        double updateToPixelsMedian() {
            return percentile(updateToPixels, 50);
        }

        String[] row() {
            double secs = (System.nanoTime() - phaseStart) / 1e9;
            double renderCpu = (threadCpu("QuantumRenderer") - renderCpuStart) / 1e6 / secs;
            return new String[] {renderer, Integer.toString(round), loadAtStart.split(" ")[0] + " -> " + load().split(" ")[0],
                    Integer.toString(updateWork.size()),
                    f(percentile(updateWork, 50)) + " / " + f(percentile(updateWork, 99)),
                    f(percentile(updateCpu, 50)) + " / " + f(percentile(updateCpu, 99)),
                    f(percentile(updateToPixels, 50)) + " / " + f(percentile(updateToPixels, 99)),
                    f(percentile(work, 50)) + " / " + f(percentile(cpu, 50)),
                    f(percentile(intervals, 50)) + " / " + f(percentile(intervals, 99)),
                    f(intervals.size() / secs),
                    chart == null ? "-" : f(percentile(compute, 50)) + " / " + f(percentile(redraw, 50)),
                    f(fxCpuPerSecond) + " / " + f(renderCpu)};
        }
    }

    /** CPU time of the threads whose name starts with {@code prefix} (the render thread), in nanoseconds. */
    private static long threadCpu(String prefix) {
        long total = 0;
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                done.countDown();
            }
        });
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not answer within 120 s");
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static long usedHeapMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
