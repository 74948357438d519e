package dev.opsdeck.console.ops;

import java.time.Instant;
import java.util.Locale;

/** One backend log line ({@code /admin/logs/recent} and the {@code logs} topic). */
public record LogLine(Instant timestamp, String level, String logger, String thread, String message, String stackTrace) {

    /** The line as an operator pastes it into a ticket: time, level, logger, message (and the stack trace). */
    public String copyText() {
        String head = timestamp + " " + level + " " + logger + " - " + message;
        return stackTrace == null || stackTrace.isEmpty() ? head : head + "\n" + stackTrace;
    }

    /** Case-insensitive text search over logger, thread and message. */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.trim().toLowerCase(Locale.ROOT);
        return message.toLowerCase(Locale.ROOT).contains(q) || logger.toLowerCase(Locale.ROOT).contains(q)
                || thread.toLowerCase(Locale.ROOT).contains(q);
    }
}
