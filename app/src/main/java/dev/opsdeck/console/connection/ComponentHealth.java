package dev.opsdeck.console.connection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One component of {@code GET /health}, e.g. {@code database}.
 *
 * @param details flattened to {@code key -> text} (nested objects become {@code outer.inner}), in the backend's order
 */
public record ComponentHealth(String name, String status, Map<String, String> details) {

    public ComponentHealth {
        // Keep the backend's order: pool stats read best as the backend lists them.
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public boolean up() {
        return "UP".equalsIgnoreCase(status);
    }
}
