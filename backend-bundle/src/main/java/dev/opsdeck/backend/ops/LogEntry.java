package dev.opsdeck.backend.ops;

import java.time.Instant;

/** One log line as {@code /admin/logs/recent} and the {@code logs} topic show it. */
record LogEntry(Instant timestamp, String level, String logger, String thread, String message, String stackTrace) {
}
