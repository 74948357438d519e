package dev.opsdeck.backend.security.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.RequestGuard;
import dev.opsdeck.backend.platform.http.Route;
import dev.opsdeck.backend.security.Authenticator;
import dev.opsdeck.backend.security.Principal;
import dev.opsdeck.backend.security.Role;
import dev.opsdeck.backend.security.alerts.SecurityAlerts;
import io.javalin.http.Context;
import io.prometheus.metrics.core.metrics.Counter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prices each routed request against its category's buckets before authentication, so credential guessing is
 * limited too. A valid admin key is priced per key ({@link RateLimiter#checkAdmin}). On worker routes the identity is the API token's fingerprint plus the worker id
 * ({@code X-Worker-Id}, else the body's {@code worker_id}); an unknown token counts against the address only.
 */
public final class RateLimitGuard implements RequestGuard {
    private static final int MAX_PEEK_BYTES = 64 * 1024;

    private final RateLimiter limiter;
    private final Authenticator auth;
    private final ObjectMapper mapper;
    private final Counter rejections;
    private final SecurityAlerts alerts;

    public RateLimitGuard(RateLimiter limiter, Authenticator auth, ObjectMapper mapper, Counter rejections, SecurityAlerts alerts) {
        this.limiter = limiter;
        this.auth = auth;
        this.mapper = mapper;
        this.rejections = rejections;
        this.alerts = alerts;
    }

    @Override
    public void check(Context ctx, Route route) {
        if (route.category() == RateCategory.NONE) {
            return;
        }
        String ip = ctx.ip();
        Principal caller = caller(ctx);
        RateLimiter.Decision d;
        if (route.access() == Access.WORKER) {
            d = limiter.check(route.category(), ip, workerIdentity(ctx, caller));
        } else if (caller != null && caller.role() == Role.ADMIN) {
            d = limiter.checkAdmin(route.category(), caller.name());
        } else {
            d = limiter.check(route.category(), ip, null);
        }
        RateLimitHeaders.write(ctx, d);
        if (d.allowed()) {
            return;
        }
        String category = route.category().name().toLowerCase(Locale.ROOT);
        rejections.labelValues(category).inc();
        alerts.record(SecurityAlerts.Kind.RATE_LIMIT_STORM, ip, category);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", category);
        details.put("limit", d.limit());
        details.put("window_seconds", limiter.settings().window().toSeconds());
        details.put("retry_after_seconds", d.retryAfterSeconds());
        throw new ApiException(429, "rate_limited", "too many " + category + " requests; retry in "
                + d.retryAfterSeconds() + " s", details);
    }

    /** The caller if its credential is valid, else null (the auth guard answers that with 401 afterwards). */
    private Principal caller(Context ctx) {
        try {
            return auth.identify(ctx.header(Authenticator.ADMIN_HEADER), ctx.header("Authorization"));
        } catch (ApiException e) {
            return null;
        }
    }

    private String workerIdentity(Context ctx, Principal p) {
        if (p == null || p.role() != Role.WORKER && p.role() != Role.ADMIN) {
            return null;
        }
        String worker = ctx.header("X-Worker-Id");
        if (worker == null || worker.isBlank()) {
            worker = bodyWorkerId(ctx);
        }
        if (worker == null) {
            return p.name();
        }
        return p.name() + "/" + (worker.length() > 128 ? worker.substring(0, 128) : worker);
    }

    private String bodyWorkerId(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 || body.length > MAX_PEEK_BYTES) {
            return null;
        }
        try {
            JsonNode n = mapper.readTree(body);
            JsonNode id = n == null ? null : n.get("worker_id");
            return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null; // the route answers the malformed body with its own 400
        }
    }
}
