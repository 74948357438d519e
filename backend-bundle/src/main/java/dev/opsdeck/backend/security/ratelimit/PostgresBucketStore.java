package dev.opsdeck.backend.security.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Buckets in PostgreSQL ({@code rate_limit_buckets}, migration V11) through Bucket4j's select-for-update proxy,
 * so coordinators behind one load balancer share one budget per client. Each row expires once its bucket would
 * be full again; {@link #evictIdle()} deletes expired rows and forgets this process's index of recent keys.
 *
 * <p>The store has its own small pool whose sessions run with {@code synchronous_commit = off}: a bucket's state
 * lost in a crash only forgives a few requests, and waiting for a WAL flush on every request made each decision
 * cost a disk sync (measured: see docs/BENCHMARKS.md). When the database cannot be reached, decisions fall back
 * to buckets in this process's memory (per-coordinator limits) instead of failing the request.
 */
public final class PostgresBucketStore implements BucketStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresBucketStore.class);
    private final HikariDataSource pool;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final LocalBucketStore fallback;
    private volatile long lastWarning;
    /** Key -> {last use, capacity asked for, tokens left at last use}: for the gauge, growing capacity and peeks. */
    private final Map<String, long[]> recent = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final LongSupplier nanoClock;

    public PostgresBucketStore(String jdbcUrl, Duration idleHorizon, LongSupplier nanoClock) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("opsdeck-ratelimit");
        hc.setMaximumPoolSize(4);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(2_000);
        hc.setConnectionInitSql("SET synchronous_commit TO off");
        hc.setRegisterMbeans(false);
        this.pool = new HikariDataSource(hc);
        DataSource dataSource = pool;
        this.fallback = new LocalBucketStore(idleHorizon, nanoClock);
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                .build();
        this.idleNanos = idleHorizon.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public ConsumptionProbe consume(String key, BucketConfiguration config, long capacity) {
        try {
            return consumeShared(key, config, capacity);
        } catch (RuntimeException e) {
            long now = nanoClock.getAsLong();
            if (now - lastWarning > 60_000_000_000L) {
                lastWarning = now;
                log.warn("shared rate-limit buckets unavailable, limiting per process meanwhile: {}", e.toString());
            }
            return fallback.consume(key, config, capacity);
        }
    }

    private ConsumptionProbe consumeShared(String key, BucketConfiguration config, long capacity) {
        long[] seen = recent.computeIfAbsent(key, k -> new long[]{0, capacity, capacity});
        seen[0] = nanoClock.getAsLong();
        BucketProxy bucket = proxies.builder().build(key, () -> config);
        if (capacity > seen[1]) {
            bucket.replaceConfiguration(config, TokensInheritanceStrategy.ADDITIVE);
            seen[1] = capacity;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        seen[2] = probe.getRemainingTokens();
        return probe;
    }

    @Override
    public long peek(String key) {
        // The count this process last saw: a peek must not cost a database round trip on every probe.
        long[] seen = recent.get(key);
        return seen == null ? -1 : seen[2];
    }

    @Override
    public int activeBuckets() {
        return recent.size();
    }

    @Override
    public int evictIdle() {
        long now = nanoClock.getAsLong();
        int before = recent.size();
        recent.values().removeIf(v -> now - v[0] > idleNanos);
        int removed;
        do {
            removed = proxies.removeExpired(500);
        } while (removed >= 500);
        return before - recent.size() + fallback.evictIdle();
    }

    @Override
    public void close() {
        pool.close();
    }
}
