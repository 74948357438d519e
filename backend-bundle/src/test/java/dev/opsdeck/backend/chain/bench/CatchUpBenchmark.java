package dev.opsdeck.backend.chain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.chain.ChainRepository;
import dev.opsdeck.backend.chain.indexer.BatchFetcher;
import dev.opsdeck.backend.chain.indexer.ChainIndexer;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.indexer.EventDecoder;
import dev.opsdeck.backend.chain.indexer.IndexerListener;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.chain.rpc.ProviderPool;
import dev.opsdeck.backend.chain.rpc.RpcProvider;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.demo.devnet.DevnetChain;
import dev.opsdeck.backend.demo.devnet.DevnetModule;
import dev.opsdeck.backend.demo.devnet.DevnetServer;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import dev.opsdeck.backend.testing.PgTestDatabase;
import io.prometheus.metrics.core.metrics.Histogram;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Catch-up indexing from the devnet over HTTP: the same events fetched without storing (the ceiling), then
 * indexed into H2 and into PostgreSQL, in one run. Prints events/s and the store/ceiling ratio.
 *
 * <pre>
 * mvn -q -pl backend-bundle test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.opsdeck.backend.chain.bench.CatchUpBenchmark -Dexec.args="1000000"
 * </pre>
 * Arguments: events (default 100000), events per block (200), blocks per range (50), events per transaction
 * ({@link ChainIndexer#DEFAULT_EVENTS_PER_TRANSACTION}).
 * PostgreSQL comes from {@code -Dopsdeck.test.pg.url} (default local, user postgres); a fresh database is dropped after.
 */
public final class CatchUpBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int batchBlocks = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int perTransaction = args.length > 3 ? Integer.parseInt(args[3]) : ChainIndexer.DEFAULT_EVENTS_PER_TRANSACTION;
        Map<ContractRole, String> contracts = new EnumMap<>(ContractRole.class);
        for (ContractRole r : ContractRole.values()) {
            contracts.put(r, r.sepoliaDefault() == null ? DevnetModule.CHECKPOINT_CONTRACT : Felt.of(r.sepoliaDefault()));
        }
        DevnetChain chain = new DevnetChain(contracts, perBlock, true, Clock.systemUTC());
        chain.produce(events / perBlock, 2);
        long total = chain.head().number() * perBlock;
        try (DevnetServer server = new DevnetServer(chain, Clock.systemUTC()).start()) {
            System.out.printf(Locale.ROOT, "devnet: %d blocks x %d events = %d events; ranges of %d blocks, stored %d events per transaction; %d cores, JDK %s%n",
                    chain.head().number(), perBlock, total, batchBlocks, perTransaction, Runtime.getRuntime().availableProcessors(), Runtime.version());
            // Warm-up (JIT, connections) on a small prefix, not measured.
            fetchOnly(server, contracts, Math.min(20, chain.head().number()), batchBlocks);

            double ceiling = rate(total, () -> fetchOnly(server, contracts, chain.head().number(), batchBlocks));
            Path dir = Files.createTempDirectory("opsdeck-bench");
            double h2 = index(server, contracts, DatabaseUrls.h2File(dir), total, batchBlocks, perTransaction);
            double pg;
            try (PgTestDatabase db = PgTestDatabase.create()) {
                pg = index(server, contracts, db.jdbcUrl(), total, batchBlocks, perTransaction);
            }
            System.out.println();
            System.out.println("| run | events | events/s | ratio to ceiling |");
            System.out.println("| --- | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| fetch only (ceiling) | %d | %,.0f | 1.00 |%n", total, ceiling);
            System.out.printf(Locale.ROOT, "| index into H2 | %d | %,.0f | %.2f |%n", total, h2, h2 / ceiling);
            System.out.printf(Locale.ROOT, "| index into PostgreSQL | %d | %,.0f | %.2f |%n", total, pg, pg / ceiling);
        }
    }

    private static StarknetClient client(DevnetServer server) {
        Histogram h = Histogram.builder().name("bench_rpc_seconds").labelNames("method", "provider").build();
        RpcProvider p = new RpcProvider("bench", URI.create(server.url()), Duration.ofSeconds(60), MAPPER, h, Clock.systemUTC());
        return new StarknetClient(new ProviderPool(List.of(p)), MAPPER);
    }

    private static BatchFetcher fetcher(StarknetClient client, Map<ContractRole, String> contracts) {
        Map<String, ContractRole> roles = new HashMap<>();
        contracts.forEach((r, a) -> roles.put(a, r));
        return new BatchFetcher(client, List.copyOf(contracts.values()), 1000, new EventDecoder(roles));
    }

    /** Fetches and decodes every range exactly as the indexer does, and drops the result. */
    private static long fetchOnly(DevnetServer server, Map<ContractRole, String> contracts, long head, int batchBlocks) {
        BatchFetcher f = fetcher(client(server), contracts);
        long n = 0;
        String parent = null;
        for (long from = 0; from <= head; from += batchBlocks) {
            var batch = f.fetch(from, Math.min(head, from + batchBlocks - 1), parent);
            n += batch.events().size();
            parent = batch.tip().hash();
        }
        return n;
    }

    private static double index(DevnetServer server, Map<ContractRole, String> contracts, String jdbcUrl, long total, int batchBlocks,
                                int perTransaction) {
        try (Database db = Database.open(jdbcUrl, 4)) {
            db.migrate();
            ChainRepository repo = new ChainRepository(db);
            StarknetClient client = client(server);
            ChainIndexer indexer = new ChainIndexer(client, repo, fetcher(client, contracts), IndexerListener.NONE, Clock.systemUTC(),
                    batchBlocks, 0, 1000, perTransaction);
            double r = rate(total, () -> indexer.syncOnce(() -> false).events());
            long stored = repo.eventCount();
            if (stored != total) {
                throw new IllegalStateException("indexed " + stored + " events, expected " + total);
            }
            System.out.printf(Locale.ROOT, "%s: %d events stored%n", db.description(), stored);
            lookups(repo, stored);
            return r;
        }
    }

    /**
     * What the subject filters cost a reader: {@code /api/chain/events?subject=&limit=100} for validators (each on
     * about a ninth of all events), for subjects of a single event anywhere in the index, and for unknown
     * subjects; 50 lookups each, every one a different subject or cursor (H2 reuses the result of a repeated query).
     */
    private static void lookups(ChainRepository repo, long stored) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        long newest = repo.events(null, null, null, null, Long.MAX_VALUE, 1).get(0).id();
        List<String> validators = repo.events(null, "Staked", null, null, Long.MAX_VALUE, 200).stream().map(e -> e.subject()).distinct().toList();
        for (String kind : List.of("validator", "seen once", "unknown")) {
            long[] ns = new long[50];
            int found = 0;
            for (int i = 0; i < ns.length; i++) {
                long before = Long.MAX_VALUE;
                String subject;
                if (kind.equals("validator")) {
                    subject = validators.get(i % validators.size());
                    before = newest - r.nextLong(stored);
                } else if (kind.equals("seen once")) {
                    subject = repo.events(null, "Transfer", null, null, newest - r.nextLong(stored), 1).get(0).subject();
                } else {
                    subject = "0xdead" + Integer.toHexString(i);
                }
                long t0 = System.nanoTime();
                found += repo.events(null, null, subject, null, before, 100).size();
                ns[i] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "  subject lookup, %s (%d found in 50): median %.1f ms, p90 %.1f ms, max %.1f ms%n", kind, found,
                    ns[25] / 1e6, ns[45] / 1e6, ns[49] / 1e6);
        }
    }

    /**
     * Wall-clock events/s. Also prints this process's CPU seconds: on a shared machine the wall clock mostly
     * measures the neighbours, while events per CPU-second of this JVM (devnet, client, decoding and, for H2,
     * the database) stays comparable between runs. PostgreSQL's own CPU is in its server processes, not here.
     */
    private static double rate(long expected, java.util.function.LongSupplier run) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long n = run.getAsLong();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        if (n != expected) {
            throw new IllegalStateException("handled " + n + " events, expected " + expected);
        }
        System.out.printf(Locale.ROOT, "  %d events in %.2f s wall, %.2f s CPU of this JVM (%,.0f events per CPU-second); load average %.1f%n",
                n, seconds, cpu, n / cpu, os.getSystemLoadAverage());
        return n / seconds;
    }
}
