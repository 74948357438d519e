package dev.opsdeck.backend.security.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where token buckets live: this process's memory, or PostgreSQL when several coordinators share limits. */
public interface BucketStore extends AutoCloseable {
    /**
     * Takes one token from the bucket {@code key}, creating it with {@code config} on first use. When the
     * bucket exists with a smaller capacity than {@code config} (an address behind which more worker identities
     * appeared), its configuration grows and the extra tokens are added.
     */
    ConsumptionProbe consume(String key, BucketConfiguration config, long capacity);

    /** Tokens left in {@code key} without taking one, or -1 when this process has no such bucket. */
    long peek(String key);

    /** Buckets touched within the idle horizon (the {@code rate_limiter_active_buckets} gauge). */
    int activeBuckets();

    /** Forgets buckets unused for longer than the idle horizon; returns how many went. */
    int evictIdle();

    @Override
    default void close() {
    }
}
