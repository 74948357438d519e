package dev.opsdeck.backend.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Handle of a started backend: where it listens, the tokens it accepts, and how to stop it.
 * Returned by {@link Backend#start(BackendConfig)}; closing it is the same as {@link #stop()}.
 */
public interface RunningBackend extends AutoCloseable {

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:43121}. */
    URI baseUrl();

    /** WebSocket URL of the all-events stream, e.g. {@code ws://127.0.0.1:43121/ws}. */
    default URI webSocketUrl() {
        return URI.create(baseUrl().toString().replaceFirst("^http", "ws") + "/ws");
    }

    /** Admin key accepted as {@code X-Admin-Key} or as a bearer token. */
    String adminKey();

    /** Read-only dashboard tokens. */
    List<String> viewerTokens();

    /** Worker/API tokens (heartbeats, metrics, workloads). */
    List<String> apiTokens();

    Profile profile();

    Path dataDir();

    /** Human-readable store description, e.g. {@code H2 file ~/data/opsdeck} or {@code PostgreSQL localhost/sage}. */
    String storeDescription();

    /** Stops accepting, finishes in-flight requests, stops background services and closes the pool. Idempotent. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
