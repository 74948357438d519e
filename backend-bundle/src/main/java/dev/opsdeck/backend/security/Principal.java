package dev.opsdeck.backend.security;

/**
 * The authenticated caller. {@code name} is safe to log and audit: it is the token's configured
 * name or a short fingerprint, never the token itself.
 */
public record Principal(String name, Role role) {
    public static final Principal ANONYMOUS = new Principal("anonymous", Role.ANONYMOUS);
}
