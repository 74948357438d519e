package dev.opsdeck.backend.alerts;

import java.util.List;
import java.util.Map;

/**
 * What an operator does about an alert: the relay operator guide's section 10 steps, and the actions the
 * backend offers for them. The console turns each action into a button by its stable {@code id}
 * ({@code reconnect}, {@code replenish}, {@code cleanup}, ...); {@code {label}} placeholders in a path are
 * filled from the alert's labels (e.g. {@code /grpc/reconnect/{service}}).
 *
 * @param source which guide section the steps come from
 */
public record Runbook(String title, String source, List<String> steps, List<Action> actions) {
    public Runbook {
        // Nulls are kept (not a NullPointerException in Jackson's hands) so validation can name the element.
        steps = steps == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(steps));
        actions = actions == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(actions));
    }

    /** One button: an HTTP call on this backend. {@code body} is sent as JSON for POSTs (null for none). */
    public record Action(String id, String label, String method, String path, Map<String, Object> body) {
    }
}
