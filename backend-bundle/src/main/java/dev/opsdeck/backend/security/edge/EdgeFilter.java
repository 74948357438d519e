package dev.opsdeck.backend.security.edge;

import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.security.ratelimit.RateLimitHeaders;
import dev.opsdeck.backend.security.ratelimit.RateLimiter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.Map;

/**
 * Runs before every request, matched or not: trusted hosts (400 for a Host not in {@code ALLOWED_HOSTS}), CORS
 * (answers preflights itself) and rate-limit headers for responses that no route guard prices (probes, 404s),
 * so every response carries {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}.
 */
public final class EdgeFilter {
    static final String ALLOW_HEADERS = "Authorization, X-Admin-Key, Content-Type, X-Metrics-Ingest-Secret, X-Worker-Id";
    static final String EXPOSE_HEADERS = "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After";

    private final EdgeSettings settings;
    private final RateLimiter limiter;

    /** @param limiter null when rate limiting is off */
    public EdgeFilter(EdgeSettings settings, RateLimiter limiter) {
        this.settings = settings;
        this.limiter = limiter;
    }

    public void before(Context ctx) {
        if (!settings.hostAllowed(ctx.header("Host"))) {
            throw new ApiException(400, "host_not_allowed", "the Host header is not in ALLOWED_HOSTS", Map.of());
        }
        if (limiter != null) {
            RateLimitHeaders.write(ctx, limiter.peekDefault(ctx.ip()));
        }
        String origin = ctx.header("Origin");
        boolean preflight = ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
        String allow = settings.corsAllowOrigin(origin);
        if (allow == null) {
            if (preflight) {
                throw new ApiException(403, "origin_not_allowed", "this origin is not in CORS_ALLOWED_ORIGINS", Map.of());
            }
            return;
        }
        ctx.header("Access-Control-Allow-Origin", allow);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        if (preflight) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }
}
