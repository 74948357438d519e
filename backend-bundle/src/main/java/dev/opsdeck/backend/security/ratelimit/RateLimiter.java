package dev.opsdeck.backend.security.ratelimit;

import dev.opsdeck.backend.platform.http.RateCategory;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per category and client address, and for worker ingest per identity too.
 *
 * <p>Worker routes are limited per identity first (API token fingerprint plus worker id). Their per-address
 * budget is {@code max(factor, identities seen behind the address in the window) x per-identity budget}: a rack
 * behind one NAT, or the demo fleet on loopback, gets one identity's budget per worker and is not throttled as one
 * client, while a single identity spraying from one address hits its own bucket. The identity count is capped
 * ({@code RATE_LIMIT_MAX_IDENTITIES_PER_IP}) so made-up worker ids cannot raise an address's budget without bound.
 * Every other route is limited per address only.
 */
public final class RateLimiter {
    /** The outcome of one request against the buckets; the numbers become the response headers. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final RateLimitSettings settings;
    private final BucketStore store;
    private final LongSupplier nanoClock;
    private final Map<String, Map<String, Long>> identitiesByIp = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitSettings settings, BucketStore store, LongSupplier nanoClock) {
        this.settings = settings;
        this.store = store;
        this.nanoClock = nanoClock;
    }

    public RateLimitSettings settings() {
        return settings;
    }

    /**
     * Takes one token for a request.
     *
     * @param identity the worker identity on worker routes, or null (then only the address counts)
     */
    public Decision check(RateCategory category, String ip, String identity) {
        long perIdentity = settings.limit(category);
        String cat = category.name().toLowerCase(Locale.ROOT);
        if (identity == null) {
            return decide(store.consume(cat + "|ip|" + ip, config(perIdentity), perIdentity), perIdentity);
        }
        Decision own = decide(store.consume(cat + "|id|" + identity, config(perIdentity), perIdentity), perIdentity);
        if (!own.allowed()) {
            return own;
        }
        long ipLimit = perIdentity * Math.max(settings.workerIpFactor(), identitiesSeen(ip, identity));
        Decision shared = decide(store.consume(cat + "|wip|" + ip, config(ipLimit), ipLimit), ipLimit);
        // The caller cares about the tighter of its two budgets.
        return shared.allowed() && shared.remaining() >= own.remaining() ? own : shared;
    }

    /**
     * Takes one token for a caller holding the admin key: one bucket per admin principal, {@code adminFactor} times
     * the category budget, wherever it calls from. The operator's console polls many admin endpoints from one
     * address; a per-address budget sized for anonymous clients would throttle it. Guessing the key is still
     * limited: only a valid key gets here.
     */
    public Decision checkAdmin(RateCategory category, String principal) {
        long limit = settings.limit(category) * settings.adminFactor();
        String cat = category.name().toLowerCase(Locale.ROOT);
        return decide(store.consume(cat + "|admin|" + principal, config(limit), limit), limit);
    }

    /** Tokens left in the address's DEFAULT bucket without taking one, for responses no route guarded. */
    public Decision peekDefault(String ip) {
        long limit = settings.limit(RateCategory.DEFAULT);
        long left = store.peek("default|ip|" + ip);
        return new Decision(true, limit, left < 0 ? limit : left, 0, 0);
    }

    private long identitiesSeen(String ip, String identity) {
        long now = nanoClock.getAsLong();
        Map<String, Long> seen = identitiesByIp.computeIfAbsent(ip, k -> new ConcurrentHashMap<>());
        if (seen.containsKey(identity) || seen.size() < settings.maxIdentitiesPerIp()) {
            seen.put(identity, now);
        }
        long horizon = settings.window().toNanos();
        return seen.values().stream().filter(t -> now - t <= horizon).count();
    }

    /**
     * A full refill once per window (the guide's "requests per minute" and the edge notes' 60 s limiter window):
     * {@code X-RateLimit-Reset} is then exactly when the budget is back.
     */
    private BucketConfiguration config(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(capacity).refillIntervally(capacity, settings.window()))
                .build();
    }

    private static Decision decide(ConsumptionProbe p, long limit) {
        long reset = ceilSeconds(p.getNanosToWaitForReset());
        if (p.isConsumed()) {
            return new Decision(true, limit, p.getRemainingTokens(), reset, 0);
        }
        return new Decision(false, limit, 0, Math.max(1, reset), Math.max(1, ceilSeconds(p.getNanosToWaitForRefill())));
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** Drops idle buckets and identities older than the window; returns the buckets removed. */
    public int cleanup() {
        long now = nanoClock.getAsLong();
        long horizon = settings.window().toNanos();
        identitiesByIp.values().forEach(m -> m.values().removeIf(t -> now - t > horizon));
        identitiesByIp.values().removeIf(Map::isEmpty);
        return store.evictIdle();
    }

    public int activeBuckets() {
        return store.activeBuckets();
    }

    /** Releases the bucket store (the PostgreSQL store's pool). */
    public void close() {
        store.close();
    }
}
