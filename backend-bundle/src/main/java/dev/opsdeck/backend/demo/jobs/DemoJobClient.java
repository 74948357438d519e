package dev.opsdeck.backend.demo.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The demo's HTTP client: it talks to the backend's real worker and submission endpoints with an API token, the
 * way an external worker agent would, so the demo exercises validation, auth, rate limits and the queue itself.
 */
final class DemoJobClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<String> baseUrl;
    private final String token;
    private final ObjectMapper mapper;

    DemoJobClient(Supplier<String> baseUrl, String token, ObjectMapper mapper) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.mapper = mapper;
    }

    /** Posts JSON; answers the parsed body with the status in {@code _status}, or throws on transport failure. */
    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode n = r.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(r.body());
        if (n.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("_status", r.statusCode());
        }
        return n;
    }
}
