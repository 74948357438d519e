package dev.opsdeck.backend.api;

import dev.opsdeck.backend.platform.BackendFactory;

/**
 * The embedding entry point: builds every part of the coordinator by constructor injection
 * and starts it.
 *
 * <pre>{@code
 * try (RunningBackend b = Backend.start(BackendConfig.builder().profile(Profile.DEMO).port(0).dataDir(dir).build())) {
 *     URI url = b.baseUrl();
 * }
 * }</pre>
 */
public final class Backend {
    private Backend() {
    }

    /**
     * Starts a backend: runs migrations, opens the HTTP/WebSocket server and the background services.
     *
     * @throws ConfigException when a configuration value is refused (one-line reason)
     * @throws IllegalStateException when the store or the port cannot be opened
     */
    public static RunningBackend start(BackendConfig config) {
        return BackendFactory.start(config);
    }
}
