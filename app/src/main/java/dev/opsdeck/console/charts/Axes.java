package dev.opsdeck.console.charts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Tick steps and labels for the chart's two axes: round numbers a reader can interpolate between. */
final class Axes {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long[] TIME_STEPS = {SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
            MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR,
            12 * HOUR, DAY, 2 * DAY, 7 * DAY};
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Axes() {
    }

    /** The smallest round time step that keeps at most {@code maxTicks} ticks across {@code span} millis. */
    static long timeStep(double span, int maxTicks) {
        for (long step : TIME_STEPS) {
            if (span / step <= Math.max(1, maxTicks)) {
                return step;
            }
        }
        return TIME_STEPS[TIME_STEPS.length - 1];
    }

    /** The smallest round width (1 ms granularity below a second) of at least {@code millis}: "others" bucket width. */
    static long bucketWidth(double millis) {
        if (millis < SECOND) {
            return Math.max(1, (long) Math.ceil(millis));
        }
        for (long step : TIME_STEPS) {
            if (step >= millis) {
                return step;
            }
        }
        return (long) Math.ceil(millis / DAY) * DAY;
    }

    /** A tick label as precise as the step needs: seconds only when ticks are seconds apart. */
    static String timeLabel(double millis, long step) {
        Instant t = Instant.ofEpochMilli((long) millis);
        return (step < MINUTE ? SECONDS : step < DAY ? MINUTES : DAYS).format(t);
    }

    /** A 1, 2 or 5 times a power of ten step giving about {@code ticks} ticks over {@code range}. */
    static double valueStep(double range, int ticks) {
        if (!(range > 0)) {
            return 1;
        }
        double raw = range / Math.max(1, ticks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        return (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
    }

    /** A compact value label: 1.2k, 3.4M, 0.005 - the axis is narrow and the tooltip has the exact value. */
    static String valueLabel(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e4) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    /** An exact value for the tooltip, without a long tail of float noise. */
    static String exact(double v) {
        if (Double.isNaN(v)) {
            return "\u2014";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        // Six significant digits without the padding zeros of %g: 87.25, not 87.2500.
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
