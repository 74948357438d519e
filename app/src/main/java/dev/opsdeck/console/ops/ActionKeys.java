package dev.opsdeck.console.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Idempotency keys, one per user action: the same action (say "verify bk_1") keeps its key until it got an answer,
 * so a retry after a timeout or a second click is recognised by the backend and runs once. Once answered, the next
 * press is a new action with a new key. UI thread only.
 */
final class ActionKeys {
    private final Map<String, String> open = new HashMap<>();
    private final Supplier<String> fresh;

    ActionKeys() {
        this(() -> UUID.randomUUID().toString());
    }

    ActionKeys(Supplier<String> fresh) {
        this.fresh = fresh;
    }

    /** The key of {@code action}: the open one if it has not been answered yet, else a new one. */
    String key(String action) {
        return open.computeIfAbsent(action, a -> fresh.get());
    }

    /**
     * The backend answered {@code action} (success or a refusal in words): a retry would be a new action. A network
     * failure leaves the key open, since the backend may have done the work.
     */
    void answered(String action) {
        open.remove(action);
    }

    /** Answered unless the failure means the request may never have arrived (no HTTP status). */
    void settle(String action, Throwable error) {
        if (!(error instanceof dev.opsdeck.console.connection.ApiException e) || e.status() != 0) {
            answered(action);
        }
    }
}
