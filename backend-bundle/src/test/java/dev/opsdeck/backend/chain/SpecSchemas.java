package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The StarkNet OpenRPC document (shared/specs/starknet, v0.9.0, unchanged) as JSON Schemas: a method's result,
 * each of its parameters, and its declared error codes. Schemas are built inside a copy of the document so that
 * its {@code #/components/schemas/...} references resolve as written.
 */
final class SpecSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonNode spec;
    private final Map<String, JsonNode> methods = new HashMap<>();
    private final Map<String, JsonSchema> cache = new HashMap<>();
    /** Draft 7 (OpenRPC's dialect), knowing that {@code components} only holds referenced definitions. */
    private final JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
            .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV7()).keyword(new NonValidationKeyword("components")).build())
            .build();

    SpecSchemas() {
        Path file = locate();
        try {
            spec = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spec.get("methods").forEach(m -> methods.put(m.get("name").asText(), m));
    }

    private static Path locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/specs/starknet/starknet_api_openrpc.json");
            if (Files.isRegularFile(f)) {
                return f;
            }
            Path g = p.resolve("../shared/specs/starknet/starknet_api_openrpc.json").normalize();
            if (Files.isRegularFile(g)) {
                return g;
            }
        }
        throw new IllegalStateException("shared/specs/starknet/starknet_api_openrpc.json not found above " + Path.of("").toAbsolutePath());
    }

    boolean knows(String method) {
        return methods.containsKey(method);
    }

    private JsonSchema schema(String key, JsonNode target) {
        return cache.computeIfAbsent(key, k -> {
            ObjectNode root = MAPPER.createObjectNode();
            root.set("components", spec.get("components"));
            root.putArray("allOf").add(target);
            return factory.getSchema(root);
        });
    }

    /**
     * Problems of a result against the method's result schema (empty when it conforms). A top-level
     * {@code oneOf} is checked branch by branch and passes when a branch validates: the spec's block results
     * ({@code BLOCK_WITH_TX_HASHES} | {@code PRE_CONFIRMED_BLOCK_WITH_TX_HASHES}) overlap, because the
     * pre-confirmed schema allows extra properties, so "exactly one" can hold for no confirmed block any node
     * returns. Each branch is still validated in full.
     */
    List<String> resultProblems(String method, JsonNode result) {
        JsonNode schema = method(method).get("result").get("schema");
        if (!schema.has("oneOf")) {
            return messages(schema(method + "#result", schema).validate(result));
        }
        List<String> all = new ArrayList<>();
        for (int i = 0; i < schema.get("oneOf").size(); i++) {
            List<String> branch = messages(schema(method + "#result" + i, schema.get("oneOf").get(i)).validate(result));
            if (branch.isEmpty()) {
                return branch;
            }
            String title = schema.get("oneOf").get(i).path("title").asText();
            branch.forEach(b -> all.add(title + ": " + b));
        }
        return all;
    }


    /** Problems of request parameters (by name or by position) against the method's parameter list. */
    List<String> paramProblems(String method, JsonNode params) {
        JsonNode m = method(method);
        List<String> out = new ArrayList<>();
        List<JsonNode> declared = new ArrayList<>();
        m.get("params").forEach(declared::add);
        Map<String, JsonNode> given = new HashMap<>();
        if (params == null || params.isNull()) {
            params = MAPPER.createObjectNode();
        }
        if (params.isArray()) {
            for (int i = 0; i < params.size(); i++) {
                if (i >= declared.size()) {
                    out.add("too many positional parameters");
                } else {
                    given.put(declared.get(i).get("name").asText(), params.get(i));
                }
            }
        } else {
            for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                given.put(n, params.get(n));
            }
        }
        for (String n : given.keySet()) {
            if (declared.stream().noneMatch(d -> d.get("name").asText().equals(n))) {
                out.add("unknown parameter " + n);
            }
        }
        for (JsonNode d : declared) {
            String n = d.get("name").asText();
            JsonNode v = given.get(n);
            if (v == null) {
                if (d.path("required").asBoolean(false)) {
                    out.add("missing required parameter " + n);
                }
                continue;
            }
            for (String msg : messages(schema(method + "#param:" + n, d.get("schema")).validate(v))) {
                out.add(n + ": " + msg);
            }
        }
        return out;
    }

    /** The error codes a method declares. */
    List<Integer> errorCodes(String method) {
        List<Integer> codes = new ArrayList<>();
        for (JsonNode e : method(method).path("errors")) {
            String ref = e.get("$ref").asText();
            codes.add(spec.at(ref.substring(1)).get("code").asInt());
        }
        return codes;
    }

    private JsonNode method(String name) {
        JsonNode m = methods.get(name);
        if (m == null) {
            throw new IllegalArgumentException("the spec has no method " + name);
        }
        return m;
    }

    private static List<String> messages(java.util.Set<ValidationMessage> msgs) {
        return msgs.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
