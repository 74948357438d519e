package dev.opsdeck.console.jobs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the jobs screen writes times, durations and rates: short, and a dash where there is no value. */
final class Format {
    static final String NONE = "\u2014";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Format() {
    }

    static String time(Instant t) {
        return t == null ? NONE : TIME.format(t);
    }

    /** 850 ms, 12.4 s, 3 min 05 s, 2 h 10 min. */
    static String duration(Long ms) {
        if (ms == null) {
            return NONE;
        }
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** A fraction as a percentage with one decimal. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** An interval in seconds in the largest whole unit. */
    static String interval(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }
}
