package dev.opsdeck.console.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the backend's JSON bodies: health reports and the common {@code {error, message}} error shape. */
final class HealthParser {
    private final ObjectMapper json;

    HealthParser(ObjectMapper json) {
        this.json = json;
    }

    HealthReport report(String body) throws BackendUnavailableException {
        JsonNode root = tree(body);
        if (!root.hasNonNull("status")) {
            throw new BackendUnavailableException("the /health answer has no status");
        }
        List<ComponentHealth> components = new ArrayList<>();
        JsonNode nodes = root.path("components");
        for (Map.Entry<String, JsonNode> entry : nodes.properties()) {
            Map<String, String> details = new LinkedHashMap<>();
            flatten("", entry.getValue().path("details"), details);
            components.add(new ComponentHealth(entry.getKey(), entry.getValue().path("status").asText("UNKNOWN"), details));
        }
        return new HealthReport(root.get("status").asText(), components);
    }

    /** The status of {@code /health/live}. */
    String liveStatus(String body) throws BackendUnavailableException {
        return tree(body).path("status").asText("");
    }

    /** The human message of an error body, or empty when the body is not the backend's error JSON. */
    String errorMessage(String body) {
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.hasNonNull("message") ? root.get("message").asText() : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private JsonNode tree(String body) throws BackendUnavailableException {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new BackendUnavailableException("the backend answered with something other than a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new BackendUnavailableException("the backend answered with malformed JSON", e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key, e.getValue(), out);
            } else {
                out.put(key, e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        }
    }
}
