package dev.opsdeck.console.embedded;

import dev.opsdeck.backend.api.RunningBackend;

import java.nio.file.Path;

/** Starts a backend for the console to embed; blocking (migrations), so never called on the UI thread. */
@FunctionalInterface
public interface BackendStarter {
    RunningBackend start(Path dataDir);
}
