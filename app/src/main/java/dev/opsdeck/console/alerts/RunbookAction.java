package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One button of a runbook, as the backend offers it ({@code runbook.actions[]}: id, label, method, path, body).
 * The backend writes {@code {label}} placeholders (e.g. {@code /grpc/reconnect/{service}}); {@link #forAlert}
 * fills them from the alert's labels so the button calls exactly what the runbook means for this alert.
 *
 * @param body JSON body for a POST, or null
 */
public record RunbookAction(String id, String label, String method, String path, JsonNode body) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    static RunbookAction of(JsonNode a) {
        JsonNode body = a.path("body");
        return new RunbookAction(a.path("id").asText(), a.path("label").asText(a.path("id").asText()),
                a.path("method").asText("GET"), a.path("path").asText("/"), body.isNull() || body.isMissingNode() ? null : body);
    }

    /** True for a call that changes something (confirmation and an idempotency key), false for a read. */
    public boolean writes() {
        return !"GET".equalsIgnoreCase(method);
    }

    /** This action with every placeholder in label, path and body string values replaced by the alert's labels. */
    public RunbookAction forAlert(Map<String, String> labels) {
        return new RunbookAction(id, fill(label, labels, false), method, fill(path, labels, true),
                body == null ? null : fillBody(body.deepCopy(), labels));
    }

    /** True while a placeholder has no label to fill it (the button is then disabled: the call would be wrong). */
    public boolean unresolved() {
        return PLACEHOLDER.matcher(path).find() || (body != null && PLACEHOLDER.matcher(body.toString()).find());
    }

    private static JsonNode fillBody(JsonNode node, Map<String, String> labels) {
        if (node instanceof ObjectNode o) {
            for (String name : o.properties().stream().map(Map.Entry::getKey).toList()) {
                JsonNode v = o.get(name);
                o.set(name, v.isTextual() ? TextNode.valueOf(fill(v.asText(), labels, false)) : fillBody(v, labels));
            }
        }
        return node;
    }

    private static String fill(String text, Map<String, String> labels, boolean urlEncode) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = labels.get(m.group(1));
            String replacement = v == null ? m.group() : urlEncode ? java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") : v;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
