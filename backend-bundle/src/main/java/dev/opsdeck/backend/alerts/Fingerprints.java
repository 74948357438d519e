package dev.opsdeck.backend.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert identity as Alertmanager computes it: FNV-1a 64 over the sorted label names and values, separated
 * by 0xFF, printed as 16 hex digits. The same alert keeps its fingerprint across restarts and coordinators.
 */
final class Fingerprints {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprints() {
    }

    static String of(Map<String, String> labels) {
        long h = OFFSET;
        for (var e : new TreeMap<>(labels).entrySet()) {
            h = add(h, e.getKey());
            h = addByte(h, (byte) 0xff);
            h = add(h, e.getValue());
            h = addByte(h, (byte) 0xff);
        }
        return String.format("%016x", h);
    }

    private static long add(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = addByte(h, b);
        }
        return h;
    }

    private static long addByte(long h, byte b) {
        return (h ^ (b & 0xff)) * PRIME;
    }
}
