package dev.opsdeck.console.workers;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How fleet figures read on screen; a missing figure is a dash, never 0. */
public final class Formats {
    public static final String NONE = "\u2014";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** An age such as {@code 4 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
    public static String age(Double seconds) {
        if (seconds == null) {
            return NONE;
        }
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }

    public static String number(Double v, String unit) {
        return v == null ? NONE : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, unit);
    }

    public static String time(Instant t) {
        return t == null ? NONE : TIME.format(t);
    }
}
