package dev.opsdeck.console.connection;

import java.util.List;

/** The answer of {@code GET /health}: the overall status and each component's. */
public record HealthReport(String status, List<ComponentHealth> components) {

    public HealthReport {
        components = List.copyOf(components);
    }

    public boolean up() {
        return "UP".equalsIgnoreCase(status);
    }
}
