package dev.opsdeck.console.charts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The range picker's presets and the parser of a custom range such as {@code 90m}, {@code 2h30m} or {@code 3d}. */
public final class TimeRange {
    /** Presets in picker order (15m, 1h, 6h, 24h, 7d). */
    public static final List<Duration> PRESETS = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(24), Duration.ofDays(7));
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*([smhdw])");
    private static final Duration LONGEST = Duration.ofDays(366);

    private TimeRange() {
    }

    /** A custom range: one or more number+unit parts ({@code s m h d w}); empty when not understood or out of range. */
    public static Optional<Duration> parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            end = m.end();
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (n > 1_000_000) {
                return Optional.empty();
            }
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        if (end != s.length() || total.compareTo(Duration.ofSeconds(10)) < 0 || total.compareTo(LONGEST) > 0) {
            return Optional.empty();
        }
        return Optional.of(total);
    }

    /** Short label: {@code 15m}, {@code 1h}, {@code 24h}, {@code 7d}, {@code 2h30m}. */
    public static String label(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0 && s >= 7 * 86_400) {
            return s / 86_400 + "d";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
