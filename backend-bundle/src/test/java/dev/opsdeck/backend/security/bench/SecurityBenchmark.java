package dev.opsdeck.backend.security.bench;

import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.audit.AuditLogReader;
import dev.opsdeck.backend.platform.audit.HashChainedAuditLog;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.security.ratelimit.BucketStore;
import dev.opsdeck.backend.security.ratelimit.LocalBucketStore;
import dev.opsdeck.backend.security.ratelimit.PostgresBucketStore;
import dev.opsdeck.backend.security.ratelimit.RateLimitSettings;
import dev.opsdeck.backend.security.ratelimit.RateLimiter;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.testing.PgTestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Costs of the security layer, side by side in one run: rate-limit decisions with in-memory and PostgreSQL
 * buckets, audit appends and chain verification on H2 and PostgreSQL. Median of {@code rounds} rounds.
 *
 * <pre>
 * mvn -q -pl backend-bundle test-compile && java -cp "backend-bundle/target/test-classes:backend-bundle/target/classes:$(cat cp.txt)" \
 *   dev.opsdeck.backend.security.bench.SecurityBenchmark [decisions=20000] [auditRows=500] [rounds=3]
 * </pre>
 */
public final class SecurityBenchmark {
    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int auditRows = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        RateLimitSettings rl = RateLimitSettings.from(BackendConfig.fromSettings(Map.of("RATE_LIMIT_STATUS_RPM", "1000000")));
        Path dir = Files.createTempDirectory("opsdeck-bench");
        try (Database h2 = Database.open(DatabaseUrls.h2File(dir), 4);
             PgTestDatabase pgDb = PgTestDatabase.create();
             Database pg = Database.open(pgDb.jdbcUrl(), 4)) {
            h2.migrate();
            pg.migrate();
            BucketStore memory = new LocalBucketStore(Duration.ofMinutes(2), System::nanoTime);
            BucketStore shared = new PostgresBucketStore(pgDb.jdbcUrl(), Duration.ofMinutes(2), System::nanoTime);
            System.out.printf("rate-limit decisions/s  memory: %,.0f   postgresql: %,.0f%n",
                    median(rounds, () -> decisionsPerSecond(new RateLimiter(rl, memory, System::nanoTime), decisions)),
                    median(rounds, () -> decisionsPerSecond(new RateLimiter(rl, shared, System::nanoTime), Math.max(1, decisions / 20))));
            HashChainedAuditLog h2Log = new HashChainedAuditLog(h2, Json.newMapper(), Clock.systemUTC());
            HashChainedAuditLog pgLog = new HashChainedAuditLog(pg, Json.newMapper(), Clock.systemUTC());
            System.out.printf("audit appends/s         h2: %,.0f   postgresql: %,.0f%n",
                    median(rounds, () -> appendsPerSecond(h2Log, auditRows)), median(rounds, () -> appendsPerSecond(pgLog, auditRows)));
            System.out.printf("audit verify rows/s     h2: %,.0f   postgresql: %,.0f%n",
                    median(rounds, () -> verifyPerSecond(new AuditLogReader(h2))), median(rounds, () -> verifyPerSecond(new AuditLogReader(pg))));
        }
    }

    private interface Measure {
        double run() throws Exception;
    }

    private static double median(int rounds, Measure m) throws Exception {
        double[] r = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            r[i] = m.run();
        }
        Arrays.sort(r);
        return r[rounds / 2];
    }

    private static double decisionsPerSecond(RateLimiter l, int n) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            l.check(RateCategory.STATUS, "10.0." + (i % 200) + ".1", null);
        }
        return n / ((System.nanoTime() - t) / 1e9);
    }

    private static double appendsPerSecond(HashChainedAuditLog log, int n) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            log.record("admin:bench", "bench.append", Map.of("i", i, "api_key", "never-stored"), "ok", "127.0.0.1");
        }
        return n / ((System.nanoTime() - t) / 1e9);
    }

    private static double verifyPerSecond(AuditLogReader reader) {
        long t = System.nanoTime();
        AuditLogReader.Verification v = reader.verify();
        if (!v.valid()) {
            throw new IllegalStateException("chain broken at " + v.firstBrokenId());
        }
        return v.checked() / ((System.nanoTime() - t) / 1e9);
    }
}
