package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.http.ApiException;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Honours the {@code Idempotency-Key} header on admin actions: the first request with a key does the work and its
 * response is stored; a repeat with the same key and body gets that stored response (with
 * {@code Idempotent-Replayed: true}) and does nothing. Keys live in the database, so a retry that lands on another
 * coordinator or after a restart is still recognised.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    /** The response of an action: status and JSON-serialisable body. */
    record Response(int status, Object body) {
        static Response ok(Object body) {
            return new Response(200, body);
        }
    }

    private final OpsRepository repo;
    private final ObjectMapper mapper;
    private final Clock clock;

    Idempotency(OpsRepository repo, ObjectMapper mapper, Clock clock) {
        this.repo = repo;
        this.mapper = mapper;
        this.clock = clock;
    }

    void handle(Context ctx, String action, Supplier<Response> work) {
        String key = ctx.header(HEADER);
        if (key == null) {
            write(ctx, work.get());
            return;
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalidField(HEADER, "must be 1 to 128 visible ASCII characters");
        }
        String fullKey = action + ":" + key;
        String hash = hash(ctx.method().name() + " " + ctx.path() + "\n" + ctx.body());
        if (!repo.claimIdempotencyKey(fullKey, action, hash, clock.instant())) {
            replay(ctx, fullKey, hash);
            return;
        }
        Response r;
        try {
            r = work.get();
        } catch (RuntimeException e) {
            // A refused or failed request did nothing; the client may fix it and retry under the same key.
            repo.releaseIdempotencyKey(fullKey);
            throw e;
        }
        String body = json(r.body());
        repo.storeIdempotentResponse(fullKey, r.status(), body);
        ctx.status(r.status()).contentType("application/json").result(body);
    }

    private void replay(Context ctx, String fullKey, String hash) {
        OpsRepository.StoredResponse s = repo.findIdempotent(fullKey)
                .orElseThrow(() -> new ApiException(409, "idempotency_conflict", "the request with this Idempotency-Key is still in progress; retry shortly"));
        if (!s.requestHash().equals(hash)) {
            throw new ApiException(422, "idempotency_key_reused", "this Idempotency-Key was used for a different request",
                    Map.of("field", HEADER));
        }
        if (s.status() == null) {
            throw new ApiException(409, "idempotency_conflict", "the request with this Idempotency-Key is still in progress; retry shortly");
        }
        ctx.header("Idempotent-Replayed", "true");
        ctx.status(s.status()).contentType("application/json").result(s.body());
    }

    private void write(Context ctx, Response r) {
        ctx.status(r.status()).contentType("application/json").result(json(r.body()));
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String s) {
        return HexFormat.of().formatHex(StoreSql.sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
