package dev.opsdeck.console.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One row of {@code GET /admin/audit}. Rows never change once written (the log is hash chained), so the id is
 * all a table needs to merge pages and polls.
 *
 * @param parameters the action's inputs as the backend stored them (secret values already redacted)
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String parameters, String result,
                         String sourceIp, String entryHash) {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Reads one element of the answer's {@code entries}. */
    public static AuditEntry from(JsonNode n) {
        Instant at;
        try {
            at = Instant.parse(n.path("occurred_at").asText());
        } catch (DateTimeParseException e) {
            at = Instant.EPOCH; // shown as 1970: visibly odd rather than dropping the row
        }
        return new AuditEntry(n.path("id").asLong(), at, n.path("actor").asText(""), n.path("action").asText(""),
                n.path("parameters").isTextual() ? n.path("parameters").asText() : n.path("parameters").toString(),
                n.path("result").asText(""), n.path("source_ip").asText(""), n.path("entry_hash").asText(""));
    }

    /** The parameters indented for reading; as stored when they are not JSON. */
    public String prettyParameters() {
        if (parameters == null || parameters.isBlank()) {
            return "";
        }
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(parameters));
        } catch (IOException e) {
            return parameters;
        }
    }

    /** The parameters on one line for the table, cut so a large input does not stretch the row. */
    public String parametersLine() {
        String p = parameters == null ? "" : parameters;
        return p.length() > 160 ? p.substring(0, 160) + "\u2026" : p;
    }
}
