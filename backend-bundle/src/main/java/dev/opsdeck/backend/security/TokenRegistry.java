package dev.opsdeck.backend.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The tokens a backend accepts. Lookups compare SHA-256 digests with {@link MessageDigest#isEqual}
 * against every configured token, so the time taken does not tell which token (or how much of one) matched.
 */
public final class TokenRegistry {
    private record Entry(byte[] digest, Principal principal) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public TokenRegistry(String adminKey, List<String> viewerTokens, List<String> apiTokens) {
        add(adminKey, Role.ADMIN, "admin");
        for (String t : viewerTokens) {
            add(t, Role.VIEWER, "viewer");
        }
        for (String t : apiTokens) {
            add(t, Role.WORKER, "api");
        }
    }

    private void add(String token, Role role, String kind) {
        if (token == null || token.isEmpty()) {
            return;
        }
        byte[] d = sha256(token);
        entries.add(new Entry(d, new Principal(kind + ":" + fingerprint(token), role)));
    }

    /** The principal of {@code token}, or null when it is unknown. */
    public Principal lookup(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        byte[] d = sha256(token);
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest, d) && found == null) {
                found = e.principal;
            }
        }
        return found;
    }

    /** First 8 hex digits of the token's SHA-256: enough to tell tokens apart in an audit, useless to an attacker. */
    public static String fingerprint(String token) {
        return HexFormat.of().formatHex(sha256(token)).substring(0, 8);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
