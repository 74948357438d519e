package dev.opsdeck.backend.security.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Buckets in this process's memory. A bucket idle for longer than the horizon is full again anyway, so
 * forgetting it changes no decision; that is what keeps the map bounded under address spraying.
 */
public final class LocalBucketStore implements BucketStore {
    private static final class Entry {
        final Bucket bucket;
        volatile long capacity;
        volatile long lastUsed;

        Entry(Bucket bucket, long capacity, long now) {
            this.bucket = bucket;
            this.capacity = capacity;
            this.lastUsed = now;
        }
    }

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final LongSupplier nanoClock;

    public LocalBucketStore(Duration idleHorizon, LongSupplier nanoClock) {
        this.idleNanos = idleHorizon.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public ConsumptionProbe consume(String key, BucketConfiguration config, long capacity) {
        long now = nanoClock.getAsLong();
        Entry e = buckets.computeIfAbsent(key, k -> new Entry(newBucket(config), capacity, now));
        e.lastUsed = now;
        if (capacity > e.capacity) {
            synchronized (e) {
                if (capacity > e.capacity) {
                    e.bucket.replaceConfiguration(config, TokensInheritanceStrategy.ADDITIVE);
                    e.capacity = capacity;
                }
            }
        }
        return e.bucket.tryConsumeAndReturnRemaining(1);
    }

    private static Bucket newBucket(BucketConfiguration config) {
        LocalBucketBuilder b = Bucket.builder();
        for (Bandwidth bw : config.getBandwidths()) {
            b.addLimit(bw);
        }
        return b.build();
    }

    @Override
    public long peek(String key) {
        Entry e = buckets.get(key);
        return e == null ? -1 : e.bucket.getAvailableTokens();
    }

    @Override
    public int activeBuckets() {
        return buckets.size();
    }

    @Override
    public int evictIdle() {
        long now = nanoClock.getAsLong();
        int before = buckets.size();
        buckets.values().removeIf(e -> now - e.lastUsed > idleNanos);
        return before - buckets.size();
    }
}
