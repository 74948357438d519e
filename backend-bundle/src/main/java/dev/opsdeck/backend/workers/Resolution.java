package dev.opsdeck.backend.workers;

import java.time.Duration;

/** Resolution of a history answer: raw samples or a rollup tier. {@code AUTO} picks from the range. */
enum Resolution {
    AUTO("auto"), RAW("raw"), MINUTE("1m"), HOUR("1h");

    /** Ranges up to these use raw samples, then 1-minute buckets; longer ones use 1-hour buckets. */
    static final Duration RAW_UP_TO = Duration.ofHours(2);
    static final Duration MINUTE_UP_TO = Duration.ofDays(3);
    /** Explicit raw is refused past this: points per GPU would run into the tens of thousands. */
    static final Duration RAW_MAX = Duration.ofHours(6);
    static final Duration MINUTE_MAX = Duration.ofDays(14);

    private final String id;

    Resolution(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Resolution parse(String s) {
        for (Resolution r : values()) {
            if (r.id.equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("must be one of auto, raw, 1m, 1h");
    }

    static Resolution forRange(Duration range) {
        if (range.compareTo(RAW_UP_TO) <= 0) {
            return RAW;
        }
        return range.compareTo(MINUTE_UP_TO) <= 0 ? MINUTE : HOUR;
    }
}
