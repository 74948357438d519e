package dev.opsdeck.backend.security.ratelimit;

import io.javalin.http.Context;

/** The validator dashboard guide's headers: remaining budget, seconds until full, and on 429 when to retry. */
public final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    public static void write(Context ctx, RateLimiter.Decision d) {
        ctx.header("X-RateLimit-Limit", Long.toString(d.limit()));
        ctx.header("X-RateLimit-Remaining", Long.toString(d.remaining()));
        ctx.header("X-RateLimit-Reset", Long.toString(d.resetSeconds()));
        if (!d.allowed()) {
            ctx.header("Retry-After", Long.toString(d.retryAfterSeconds()));
        }
    }
}
