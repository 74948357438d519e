package dev.opsdeck.backend.security.edge;

import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.RequestGuard;
import dev.opsdeck.backend.platform.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * {@code METRICS_INGEST_SECRET} (edge deployment notes). <b>Metric ingest</b> here means every route that is a
 * {@code POST} with {@link Access#WORKER} access and rate category {@link RateCategory#HEARTBEAT} or
 * {@link RateCategory#GPU_METRICS}: the routes through which workers push telemetry
 * ({@code /api/worker/heartbeat}, {@code /api/worker/gpu-metrics}). It is decided from the route table, so a new
 * ingest route is covered by declaring its category. Reward claims, job submission and workloads are not ingest.
 *
 * <p>With the secret set, ingest needs it in {@code X-Metrics-Ingest-Secret} (compared in constant time) in
 * addition to the API token; without it, ingest is open to API tokens in dev/demo and disabled (403) in
 * stage/prod.
 */
public final class IngestSecretGuard implements RequestGuard {
    public static final String HEADER = "X-Metrics-Ingest-Secret";

    private final Optional<byte[]> secret;
    private final boolean disabledWithoutSecret;

    public IngestSecretGuard(Optional<String> secret, boolean disabledWithoutSecret) {
        this.secret = secret.map(IngestSecretGuard::digest);
        this.disabledWithoutSecret = disabledWithoutSecret;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The definition of a metric ingest route (see the class comment). */
    public static boolean isIngest(Route r) {
        return r.method() == HandlerType.POST && r.access() == Access.WORKER
                && (r.category() == RateCategory.HEARTBEAT || r.category() == RateCategory.GPU_METRICS);
    }

    @Override
    public void check(Context ctx, Route route) {
        if (!isIngest(route)) {
            return;
        }
        if (secret.isEmpty()) {
            if (disabledWithoutSecret) {
                throw new ApiException(403, "ingest_disabled",
                        "metric ingest is disabled: METRICS_INGEST_SECRET is not set in this profile", Map.of());
            }
            return;
        }
        String given = ctx.header(HEADER);
        // Digests of equal length, so the comparison time tells nothing about the secret, not even its length.
        if (given == null || !MessageDigest.isEqual(secret.get(), digest(given))) {
            throw new ApiException(403, "ingest_secret_required",
                    "metric ingest needs the " + HEADER + " header with the configured secret", Map.of());
        }
    }
}
