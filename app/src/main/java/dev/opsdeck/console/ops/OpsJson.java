package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the ops endpoints' snake_case JSON into the screen's records; absent or null fields become null. */
final class OpsJson {
    private OpsJson() {
    }

    static Backup backup(JsonNode n) {
        return new Backup(n.path("backup_id").asText(), n.path("type").asText(), n.path("status").asText(), n.path("store").asText(),
                n.path("file_name").asText(), longOrNull(n.path("size_bytes")), text(n.path("sha256")), text(n.path("error")), instant(n.path("created_at")),
                instant(n.path("completed_at")));
    }

    static VerifyResult verify(JsonNode n) {
        return new VerifyResult(n.path("backup_id").asText(), n.path("ok").asBoolean(), n.path("file_checksum_ok").asBoolean(),
                n.path("duration_ms").asLong(), list(n.path("tables"), t -> new TableCheck(t.path("table").asText(),
                        t.path("status").asText(), longOrNull(t.path("expected_rows")), longOrNull(t.path("actual_rows")))));
    }

    static CleanupResult cleanup(JsonNode n) {
        return new CleanupResult(n.path("days").asInt(), n.path("dry_run").asBoolean(), n.path("total").asLong(),
                list(n.path("tables"), t -> new CleanupCount(t.path("table").asText(), t.path("rule").asText(), t.path("rows").asLong())));
    }

    static ServiceInfo service(JsonNode n) {
        Double latency = n.path("latency_ms").isNumber() ? n.path("latency_ms").asDouble() : null;
        return new ServiceInfo(n.path("name").asText(), n.path("kind").asText(), n.path("state").asText(), latency,
                text(n.path("last_error")), instant(n.path("since")), list(n.path("actions"), JsonNode::asText));
    }

    static LogLine log(JsonNode n) {
        return new LogLine(instant(n.path("timestamp")), n.path("level").asText(), n.path("logger").asText(),
                n.path("thread").asText(), n.path("message").asText(), text(n.path("stack_trace")));
    }

    static DatabaseStats database(JsonNode n) {
        JsonNode pool = n.path("pool");
        String poolText = pool.isObject() ? "active " + pool.path("pool_active").asText("?") + " \u00b7 idle " + pool.path("pool_idle").asText("?")
                + " \u00b7 waiting " + pool.path("pool_waiting").asText("?") + " \u00b7 max " + pool.path("pool_max").asText("?") : "";
        return new DatabaseStats(n.path("store").asText(), n.path("description").asText(), n.path("server_version").asText(),
                n.path("schema_version").asText(), longOrNull(n.path("size_on_disk_bytes")), n.path("total_rows").asLong(),
                list(n.path("tables"), t -> new TableSize(t.path("table").asText(), t.path("rows").asLong(),
                        t.path("rows_exact").asBoolean(true), longOrNull(t.path("size_bytes")))), poolText);
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> each) {
        List<T> out = new ArrayList<>();
        array.forEach(e -> out.add(each.apply(e)));
        return out;
    }

    static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    static Long longOrNull(JsonNode n) {
        return n.isNumber() ? n.asLong() : null;
    }

    static Instant instant(JsonNode n) {
        if (n.isNumber()) {
            return Instant.ofEpochMilli((long) (n.asDouble() * 1000)); // epoch seconds with a fraction
        }
        try {
            return n.isTextual() ? Instant.parse(n.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
