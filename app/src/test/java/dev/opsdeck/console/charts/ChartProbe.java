package dev.opsdeck.console.charts;

/** What a screen test reads from a chart on screen. */
public final class ChartProbe {
    private ChartProbe() {
    }

    /** Time (epoch ms) of the newest point the chart drew in its last frame; 0 when none. */
    public static double newest(TimeChart chart) {
        double max = 0;
        for (ChartFrame.Line l : chart.lines()) {
            for (int i = 0; i < l.n(); i++) {
                max = Math.max(max, l.xs()[i]);
            }
        }
        return max;
    }
}
