package dev.opsdeck.backend.security.ratelimit;

import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.platform.http.RateCategory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rate limits as configured. Each category has a budget of requests per window (the validator dashboard guide's
 * requests/minute with the default 60 s window); variables: {@code RATE_LIMIT_ENABLED},
 * {@code RATE_LIMIT_DEFAULT_RPM}, {@code RATE_LIMIT_<CATEGORY>_RPM} (e.g. {@code RATE_LIMIT_HEARTBEAT_RPM}),
 * {@code RATE_LIMIT_WINDOW_SECS}, {@code RATE_LIMIT_WORKER_IP_FACTOR} (per-IP budget of worker routes as a
 * multiple of the per-identity one; the edge deployment notes keep it about 4x),
 * {@code RATE_LIMIT_MAX_IDENTITIES_PER_IP} (cap on how far identities seen behind one address raise that budget)
 * {@code RATE_LIMIT_ADMIN_FACTOR} (budget of an admin-key caller, per key, as a multiple of the category's; 10)
 * and {@code RATE_LIMIT_STORE} ({@code memory}, or {@code postgresql} so several coordinators share buckets).
 */
public record RateLimitSettings(boolean enabled, Duration window, Map<RateCategory, Long> perWindow, long workerIpFactor,
                                long maxIdentitiesPerIp, boolean shared, long adminFactor) {

    public static RateLimitSettings from(BackendConfig config) {
        Map<RateCategory, Long> limits = new EnumMap<>(RateCategory.class);
        for (RateCategory c : RateCategory.values()) {
            if (c == RateCategory.NONE) {
                continue;
            }
            limits.put(c, config.number(variable(c), c.defaultPerMinute(), 1, 1_000_000));
        }
        String store = config.setting("RATE_LIMIT_STORE").orElse("memory").toLowerCase(Locale.ROOT);
        if (!store.equals("memory") && !store.equals("postgresql")) {
            throw new dev.opsdeck.backend.api.ConfigException("RATE_LIMIT_STORE", "must be memory or postgresql (was '" + store + "')");
        }
        return new RateLimitSettings(
                config.flag("RATE_LIMIT_ENABLED", true),
                Duration.ofSeconds(config.number("RATE_LIMIT_WINDOW_SECS", 60, 1, 3600)),
                limits,
                config.number("RATE_LIMIT_WORKER_IP_FACTOR", 4, 1, 1000),
                config.number("RATE_LIMIT_MAX_IDENTITIES_PER_IP", 1024, 1, 1_000_000),
                store.equals("postgresql"),
                config.number("RATE_LIMIT_ADMIN_FACTOR", 10, 1, 1000));
    }

    /** The variable that sets a category's budget; DEFAULT is the seed's {@code RATE_LIMIT_DEFAULT_RPM}. */
    public static String variable(RateCategory c) {
        return "RATE_LIMIT_" + c.name() + "_RPM";
    }

    public long limit(RateCategory c) {
        return perWindow.getOrDefault(c, perWindow.get(RateCategory.DEFAULT));
    }
}
