package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;

import java.util.regex.Pattern;

/** Range checks for request fields; every refusal is a 400 naming the field (with its JSON path). */
final class Fields {
    static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{1,64}");

    private Fields() {
    }

    static String workerId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        if (!WORKER_ID.matcher(value).matches()) {
            throw ApiException.invalidField(field, "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }

    static double required(String field, Double v, double min, double max) {
        if (v == null) {
            throw ApiException.invalidField(field, "is required");
        }
        return range(field, v, min, max);
    }

    static Double optional(String field, Double v, double min, double max) {
        return v == null ? null : range(field, v, min, max);
    }

    private static double range(String field, double v, double min, double max) {
        if (Double.isNaN(v) || v < min || v > max) {
            throw ApiException.invalidField(field, "must be between " + fmt(min) + " and " + fmt(max) + " (was " + fmt(v) + ")");
        }
        return v;
    }

    static Long optional(String field, Long v, long min, long max) {
        if (v != null && (v < min || v > max)) {
            throw ApiException.invalidField(field, "must be between " + min + " and " + max + " (was " + v + ")");
        }
        return v;
    }

    static Integer optional(String field, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) {
            throw ApiException.invalidField(field, "must be between " + min + " and " + max + " (was " + v + ")");
        }
        return v;
    }

    static String text(String field, String v, int maxLength) {
        if (v != null && (v.length() > maxLength || v.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.invalidField(field, "must be at most " + maxLength + " printable characters");
        }
        return v;
    }

    static String hex(String field, String v) {
        if (v != null && !HEX.matcher(v).matches()) {
            throw ApiException.invalidField(field, "must be 0x followed by 1-64 hex digits");
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
