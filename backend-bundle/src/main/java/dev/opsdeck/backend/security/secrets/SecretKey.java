package dev.opsdeck.backend.security.secrets;

import dev.opsdeck.backend.api.ConfigException;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An AES key from {@code SECRET_ENCRYPTION_KEY} as the service layer playbook allows it: 16, 24 or 32 bytes given
 * as hex, base64, or raw text. Hex is tried first (a 32-character hex string is a 16-byte key, not 32 raw bytes),
 * then base64, then the raw UTF-8 bytes (so a raw key that is also valid base64 of 16/24/32 bytes is read as base64;
 * always the same way, so a key keeps working, but generate raw keys with a character outside base64, or use hex). Its {@link #id()} is a short fingerprint stored beside each ciphertext.
 */
public final class SecretKey {
    private final SecretKeySpec spec;
    private final String id;

    private SecretKey(byte[] raw) {
        this.spec = new SecretKeySpec(raw, "AES");
        this.id = fingerprint(raw);
    }

    /** Parses a key; throws a one-line {@link ConfigException} naming {@code variable} when it is unusable. */
    public static SecretKey parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(variable, "is empty");
        }
        String v = value.trim();
        byte[] b = hex(v);
        if (b == null) {
            b = base64(v);
        }
        if (b == null) {
            b = v.getBytes(StandardCharsets.UTF_8);
        }
        if (b.length != 16 && b.length != 24 && b.length != 32) {
            throw new ConfigException(variable, "must be 16, 24 or 32 bytes (raw, base64 or hex); got " + b.length + " bytes");
        }
        return new SecretKey(b);
    }

    private static byte[] hex(String v) {
        if (v.length() % 2 != 0 || !v.matches("[0-9a-fA-F]+")) {
            return null;
        }
        byte[] b = HexFormat.of().parseHex(v);
        return b.length == 16 || b.length == 24 || b.length == 32 ? b : null;
    }

    private static byte[] base64(String v) {
        if (!v.matches("[A-Za-z0-9+/_-]+={0,2}") || v.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] b = v.contains("-") || v.contains("_") ? Base64.getUrlDecoder().decode(v) : Base64.getDecoder().decode(v);
            return b.length == 16 || b.length == 24 || b.length == 32 ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String fingerprint(byte[] raw) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex of the raw key, for the dev/demo key file only. */
    String toHex() {
        return HexFormat.of().formatHex(spec.getEncoded());
    }

    SecretKeySpec spec() {
        return spec;
    }

    /** 12 hex digits identifying the key; safe to store and log. */
    public String id() {
        return id;
    }
}
