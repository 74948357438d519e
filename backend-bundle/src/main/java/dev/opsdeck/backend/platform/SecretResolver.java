package dev.opsdeck.backend.platform;

import java.util.Optional;

/**
 * Reads the backend's own upstream credentials (RPC keys, webhook secrets) from the encrypted secrets store, so
 * they need not sit in environment variables. Values are for use, never for logs, errors or the audit log.
 */
@FunctionalInterface
public interface SecretResolver {
    /** The current value of the secret {@code name}, or empty when none is stored. */
    Optional<String> lookup(String name);
}
