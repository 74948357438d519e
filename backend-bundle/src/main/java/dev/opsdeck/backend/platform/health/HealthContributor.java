package dev.opsdeck.backend.platform.health;

/** A component that reports its health to {@code /health}. Checks must be quick and must not throw. */
public interface HealthContributor {
    String name();

    /** When true, a DOWN here makes the whole backend not ready ({@code /health/ready} answers 503). */
    default boolean critical() {
        return false;
    }

    ComponentHealth check();
}
