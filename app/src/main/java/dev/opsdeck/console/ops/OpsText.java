package dev.opsdeck.console.ops;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/** The screen's strings (from messages.properties) and the number formats its tables share. */
final class OpsText {
    private final Function<String, String> lookup;

    OpsText(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /** The string {@code ops.<key>} with its {0}, {1}... filled in. */
    String get(String key, Object... args) {
        String pattern = lookup.apply("ops." + key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
    }

    static String bytes(Long n) {
        if (n == null) {
            return "\u2014";
        }
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** "42 s", "5 min", "3 h", "2 d": how long ago, coarse on purpose. */
    static String age(Instant then, Instant now) {
        if (then == null) {
            return "\u2014";
        }
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 90) {
            return s + " s";
        }
        if (s < 90 * 60) {
            return (s / 60) + " min";
        }
        if (s < 36 * 3600) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " d";
    }

    /** An error as the user reads it: the ApiException sentence, never a class name. */
    static String error(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
