package dev.opsdeck.console.embedded;

import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.api.RunningBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bundled demo: the backend in {@code demo} profile on a free loopback port, so it never clashes
 * with another process and is never reachable from the network.
 */
public final class EmbeddedDemoBackend implements BackendStarter {
    private final String logLevel;

    /** @param logLevel the backend's log level; the smoke run asks for less so its one line stays readable */
    public EmbeddedDemoBackend(String logLevel) {
        this.logLevel = logLevel;
    }

    @Override
    public RunningBackend start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir + ": " + why(e), e);
        }
        BackendConfig config = BackendConfig.builder()
                .profile(Profile.DEMO)
                .port(0)
                .bind("127.0.0.1")
                .dataDir(dataDir)
                .logLevel(logLevel)
                .build();
        return Backend.start(config);
    }

    /** NIO's messages are often just the path; name the problem instead. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            // e.g. /proc refuses new entries with a bare NoSuchFileException: say the directory cannot be made there.
            return reason != null ? reason : "the file system refused it (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One line for the user about why the embedded backend did not start. */
    public static String describeFailure(Throwable e) {
        if (e instanceof ConfigException || e instanceof UncheckedIOException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
