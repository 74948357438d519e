package dev.opsdeck.backend.security;

import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.security.ratelimit.LocalBucketStore;
import dev.opsdeck.backend.security.ratelimit.RateLimitSettings;
import dev.opsdeck.backend.security.ratelimit.RateLimiter;
import dev.opsdeck.backend.api.BackendConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-identity / per-address arithmetic of worker routes, on real Bucket4j buckets. */
class RateLimiterTest {
    private static final int PER_IDENTITY = 10;

    private final AtomicLong nanos = new AtomicLong();

    private RateLimiter limiter() {
        RateLimitSettings s = RateLimitSettings.from(BackendConfig.fromSettings(Map.of(
                "RATE_LIMIT_HEARTBEAT_RPM", Integer.toString(PER_IDENTITY), "RATE_LIMIT_WINDOW_SECS", "600")));
        return new RateLimiter(s, new LocalBucketStore(Duration.ofSeconds(1200), nanos::get), nanos::get);
    }

    @Test
    void aFleetOfTwentyFourWorkersOnLoopbackIsNotThrottledAsOneClient() {
        RateLimiter l = limiter();
        int refused = 0;
        for (int round = 0; round < PER_IDENTITY; round++) {
            for (int w = 0; w < 24; w++) {
                if (!l.check(RateCategory.HEARTBEAT, "127.0.0.1", "api:abcd1234/worker-" + w).allowed()) {
                    refused++;
                }
            }
        }
        assertThat(refused).isZero();
    }

    @Test
    void oneIdentityIsLimitedToItsOwnBudget() {
        RateLimiter l = limiter();
        for (int i = 0; i < PER_IDENTITY; i++) {
            assertThat(l.check(RateCategory.HEARTBEAT, "10.0.0.1", "api:abcd1234/w1").allowed()).isTrue();
        }
        RateLimiter.Decision d = l.check(RateCategory.HEARTBEAT, "10.0.0.1", "api:abcd1234/w1");
        assertThat(d.allowed()).isFalse();
        assertThat(d.retryAfterSeconds()).isPositive();
        // Another worker behind the same address still has its budget.
        assertThat(l.check(RateCategory.HEARTBEAT, "10.0.0.1", "api:abcd1234/w2").allowed()).isTrue();
    }

    @Test
    void anAddressWithoutIdentityGetsFourTimesOneIdentity() {
        RateLimiter l = limiter();
        int allowed = 0;
        for (int i = 0; i < PER_IDENTITY * 10; i++) {
            if (l.check(RateCategory.HEARTBEAT, "10.0.0.9", null).allowed()) {
                allowed++;
            }
        }
        // Unauthenticated calls are per address with the category budget.
        assertThat(allowed).isEqualTo(PER_IDENTITY);
    }

    @Test
    void madeUpIdentitiesCannotRaiseAnAddressBudgetBeyondTheCap() {
        RateLimitSettings s = RateLimitSettings.from(BackendConfig.fromSettings(Map.of(
                "RATE_LIMIT_HEARTBEAT_RPM", "2", "RATE_LIMIT_WINDOW_SECS", "600", "RATE_LIMIT_MAX_IDENTITIES_PER_IP", "8")));
        RateLimiter l = new RateLimiter(s, new LocalBucketStore(Duration.ofSeconds(1200), nanos::get), nanos::get);
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            if (l.check(RateCategory.HEARTBEAT, "10.6.6.6", "api:abcd1234/fake-" + i).allowed()) {
                allowed++;
            }
        }
        // 8 identities counted at most: 8 x 2 per window from this address.
        assertThat(allowed).isEqualTo(16);
    }

    @Test
    void idleBucketsAreCleanedUp() {
        RateLimiter l = limiter();
        l.check(RateCategory.STATUS, "10.0.0.1", null);
        l.check(RateCategory.STATUS, "10.0.0.2", null);
        assertThat(l.activeBuckets()).isEqualTo(2);
        nanos.addAndGet(Duration.ofSeconds(1201).toNanos());
        l.check(RateCategory.STATUS, "10.0.0.3", null);
        assertThat(l.cleanup()).isEqualTo(2);
        assertThat(l.activeBuckets()).isEqualTo(1);
    }
}
