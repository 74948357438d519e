package dev.opsdeck.console.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the alerts page writes values, ages and times. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** Up to 4 significant decimals, without a trailing ".0" on whole numbers. */
    public static String value(double v) {
        if (Double.isNaN(v)) {
            return "\u2014";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** "45s", "12m", "3h 5m", "2d 4h": how long ago {@code since} was, at {@code now}. */
    public static String age(Instant since, Instant now) {
        if (since == null) {
            return "";
        }
        long s = Math.max(0, Duration.between(since, now).getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        return s / 86_400 + "d " + (s % 86_400) / 3600 + "h";
    }

    /** Local date and time, or empty. */
    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
