package dev.opsdeck.backend.ops;

import java.util.Locale;
import java.util.Optional;

/** What a backup holds: every row ({@code full}) or only the structure ({@code schema}). */
enum BackupType {
    FULL, SCHEMA;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<BackupType> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (BackupType t : values()) {
            if (t.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
