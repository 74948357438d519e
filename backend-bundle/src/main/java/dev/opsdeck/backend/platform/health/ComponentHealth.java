package dev.opsdeck.backend.platform.health;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Map;

/**
 * Health of one component, as shown in {@code /health}'s {@code components}.
 *
 * @param status  {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param message why, in words, when not UP (null when UP)
 * @param details numbers an operator reads (pool statistics, latency, block height)
 */
public record ComponentHealth(String status, String message, Map<String, Object> details) {
    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
    public static final String DOWN = "DOWN";

    public static ComponentHealth up(Map<String, Object> details) {
        return new ComponentHealth(UP, null, details);
    }

    public static ComponentHealth down(String message, Map<String, Object> details) {
        return new ComponentHealth(DOWN, message, details);
    }

    @JsonIgnore
    public boolean isUp() {
        return UP.equals(status);
    }
}
