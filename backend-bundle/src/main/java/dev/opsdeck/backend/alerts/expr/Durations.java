package dev.opsdeck.backend.alerts.expr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus duration strings ({@code 30s}, {@code 5m}, {@code 1h30m}) to seconds and back. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|[smhdwy]))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|[smhdwy])");

    private Durations() {
    }

    /** Seconds in {@code text}; milliseconds are rounded down. Throws {@link IllegalArgumentException} in words. */
    public static long parseSeconds(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a duration like 30s, 5m or 1h30m: " + text);
        }
        long millis = 0;
        Matcher m = PART.matcher(text);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                long unit;
                switch (m.group(2)) {
                    case "ms": unit = 1; break;
                    case "s": unit = 1000; break;
                    case "m": unit = 60_000; break;
                    case "h": unit = 3_600_000; break;
                    case "d": unit = 86_400_000; break;
                    case "w": unit = 604_800_000; break;
                    default: unit = 31_536_000_000L;
                }
                millis = Math.addExact(millis, Math.multiplyExact(n, unit));
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration is too long: " + text);
        }
        return millis / 1000;
    }

    /** The shortest Prometheus form of {@code seconds}: 300 -> {@code 5m}, 90 -> {@code 1m30s}, 0 -> {@code 0s}. */
    public static String format(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long rest = seconds;
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (rest >= units[i]) {
                b.append(rest / units[i]).append(names[i]);
                rest %= units[i];
            }
        }
        return b.toString();
    }
}
