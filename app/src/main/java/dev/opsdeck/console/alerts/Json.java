package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Small readers for the backend's JSON: instants are ISO-8601 strings or null. */
final class Json {
    private Json() {
    }

    static Instant instant(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The text, or empty for null/missing (Jackson's asText gives "null" for a JSON null). */
    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "" : n.asText();
    }
}
