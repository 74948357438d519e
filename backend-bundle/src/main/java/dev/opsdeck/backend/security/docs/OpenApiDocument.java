package dev.opsdeck.backend.security.docs;

import dev.opsdeck.backend.platform.Version;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.Route;
import dev.opsdeck.backend.security.edge.IngestSecretGuard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAPI 3.0 document generated from the route table, so it cannot drift from what the server serves. Each
 * operation carries the route's access ({@code x-opsdeck-access}) and rate category ({@code x-rate-category});
 * the role matrix test reads the same table through {@code GET /admin/routes}.
 */
public final class OpenApiDocument {
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(List<Route> routes, boolean dashboardPublic) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "OpsDeck coordinator API", "version", Version.get(),
                "description", "Generated from the backend's route table. Errors are {error, message, details}; every response "
                        + "carries X-RateLimit-Remaining and X-RateLimit-Reset, a 429 also Retry-After."));
        Map<String, Object> paths = new TreeMap<>();
        for (Route r : routes) {
            Matcher m = PARAM.matcher(r.path());
            List<Map<String, Object>> params = new ArrayList<>();
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                m.appendReplacement(path, Matcher.quoteReplacement("{" + name + "}"));
                params.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
            }
            m.appendTail(path);
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
            op.put("x-opsdeck-access", r.access().name().toLowerCase(Locale.ROOT));
            op.put("x-rate-category", r.category().name().toLowerCase(Locale.ROOT));
            if (IngestSecretGuard.isIngest(r)) {
                op.put("x-metrics-ingest", true);
            }
            if (!params.isEmpty()) {
                op.put("parameters", params);
            }
            List<Map<String, Object>> security = security(r.access(), dashboardPublic);
            if (security != null) {
                op.put("security", security);
            }
            if (r.method().name().equals("POST") || r.method().name().equals("PUT")) {
                op.put("requestBody", Map.of("content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
            }
            op.put("responses", responses(r.access()));
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path.toString(), k -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), op);
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of(
                        "adminKey", Map.of("type", "apiKey", "in", "header", "name", "X-Admin-Key"),
                        "bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Error", Map.of("type", "object", "required", List.of("error", "message"),
                        "properties", Map.of("error", Map.of("type", "string"), "message", Map.of("type", "string"),
                                "details", Map.of("type", "object"))))));
        return doc;
    }

    private static List<Map<String, Object>> security(Access access, boolean dashboardPublic) {
        switch (access) {
            case ADMIN:
                return List.of(Map.of("adminKey", List.of()), Map.of("bearer", List.of()));
            case WORKER:
                return List.of(Map.of("bearer", List.of()));
            case DASHBOARD:
                return dashboardPublic ? null : List.of(Map.of("bearer", List.of()));
            default:
                return null;
        }
    }

    private static Map<String, Object> responses(Access access) {
        Map<String, Object> err = Map.of("description", "error", "content",
                Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("200", Map.of("description", "OK"));
        out.put("400", err);
        if (access != Access.PUBLIC) {
            out.put("401", err);
            out.put("403", err);
        }
        out.put("429", err);
        return out;
    }
}
