package dev.opsdeck.backend.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How a worker looks from the age of its last heartbeat. */
public enum WorkerState {
    ONLINE, LATE, STALE, OFFLINE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Judges a worker whose last heartbeat was at {@code last} (null: never heard from, offline). */
    public static WorkerState of(Instant last, Instant now, WorkerSettings s) {
        if (last == null) {
            return OFFLINE;
        }
        Duration age = Duration.between(last, now);
        if (age.compareTo(s.lateAfter()) < 0) {
            return ONLINE;
        }
        if (age.compareTo(s.staleAfter()) < 0) {
            return LATE;
        }
        if (age.compareTo(s.offlineAfter()) < 0) {
            return STALE;
        }
        return OFFLINE;
    }

    /**
     * Only a worker we heard from recently can be busy: an offline or stale worker's last job count is history,
     * and showing it as busy would tell the operator work is running where nobody answers.
     */
    public boolean canBeBusy() {
        return this == ONLINE || this == LATE;
    }

    public static WorkerState parse(String s) {
        for (WorkerState w : values()) {
            if (w.id().equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException("must be one of online, late, stale, offline");
    }
}
