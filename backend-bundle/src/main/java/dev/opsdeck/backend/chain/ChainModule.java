package dev.opsdeck.backend.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.chain.indexer.BatchFetcher;
import dev.opsdeck.backend.chain.indexer.ChainIndexer;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.indexer.EventDecoder;
import dev.opsdeck.backend.chain.indexer.IndexerService;
import dev.opsdeck.backend.chain.rpc.ProviderPool;
import dev.opsdeck.backend.chain.rpc.RpcProvider;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.chain.witness.AuditChainVerifier;
import dev.opsdeck.backend.chain.witness.CheckpointKeys;
import dev.opsdeck.backend.chain.witness.CheckpointPublisher;
import dev.opsdeck.backend.chain.witness.CheckpointWitness;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.BackendModule;
import dev.opsdeck.backend.platform.http.Routes;
import io.prometheus.metrics.core.metrics.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The chain domain: StarkNet RPC providers, the event indexer, validator figures and the audit checkpoint witness.
 * In the demo profile (unless {@code STARKNET_RPC_URL} is set) it runs against a local devnet.
 */
public final class ChainModule implements BackendModule {
    private static final Logger log = LoggerFactory.getLogger(ChainModule.class);

    private final BackendContext ctx;
    private final ChainSettings settings;
    private final boolean localDevnet;
    private final StarknetClient client;
    private final ChainRepository repo;
    private final IndexerService indexer;
    private final ChainMetrics metrics;
    private final ValidatorService validators;
    private final CheckpointWitness witness;
    private final AuditChainVerifier verifier;
    private ScheduledFuture<?> witnessTask;

    /** The chain module, preceded by a devnet in the demo profile when no RPC URL is configured. */
    public static List<BackendModule> create(BackendContext ctx, LocalDevnet.Factory devnets) {
        ChainSettings settings = ChainSettings.from(ctx.config());
        List<BackendModule> modules = new ArrayList<>();
        LocalDevnet devnet = null;
        if (ctx.config().profile() == Profile.DEMO && ctx.config().setting("STARKNET_RPC_URL").isEmpty()) {
            devnet = devnets.create(ctx, settings.contracts());
            settings = settings.withDevnet(devnet.rpcUrl(), Map.of(ContractRole.CHECKPOINT, devnet.checkpointContract()));
            modules.add(devnet);
        }
        modules.add(new ChainModule(ctx, settings, devnet != null));
        return modules;
    }

    public ChainModule(BackendContext ctx, ChainSettings settings, boolean localDevnet) {
        this.ctx = ctx;
        this.settings = settings;
        this.localDevnet = localDevnet;
        this.repo = new ChainRepository(ctx.database());
        Histogram durations = Histogram.builder().name("blockchain_rpc_duration_seconds").help("StarkNet JSON-RPC latency by method and provider")
                .labelNames("method", "provider").classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .classicOnly().register(ctx.metrics().registry());
        List<RpcProvider> providers = new ArrayList<>();
        for (URI u : settings.rpcUrls()) {
            providers.add(new RpcProvider("starknet-rpc-" + providers.size(), u, Duration.ofMillis(settings.rpcTimeoutMs()),
                    ctx.mapper(), durations, ctx.clock()));
        }
        this.client = new StarknetClient(new ProviderPool(providers), ctx.mapper());
        Map<String, ContractRole> roles = new HashMap<>();
        settings.contracts().forEach((role, address) -> roles.put(address, role));
        BatchFetcher fetcher = new BatchFetcher(client, List.copyOf(settings.contracts().values()), settings.chunkSize(), new EventDecoder(roles));
        ChainEvents events = new ChainEvents(ctx.events());
        ChainIndexer chainIndexer = new ChainIndexer(client, repo, fetcher, events, ctx.clock(), settings.batchBlocks(),
                settings.startBlock(), settings.maxReorgDepth(), settings.eventsPerTransaction());
        this.indexer = new IndexerService(chainIndexer, ctx.clock(), settings.pollMs(), settings.backoffMaxMs());
        this.metrics = new ChainMetrics(ctx.metrics(), repo, indexer, ctx.clock());
        events.metrics(metrics);
        this.validators = new ValidatorService(repo, client, settings.contracts(), indexer);
        for (RpcProvider p : providers) {
            ctx.services().register(new ProviderService(p, indexer::pollNow));
        }
        ctx.services().register(indexer);
        if (settings.indexerEnabled()) {
            ctx.health().register(indexer);
        }
        CheckpointKeys keys = keys();
        this.witness = keys == null ? null : new CheckpointWitness(repo, keys, publisher(), ctx.clock());
        this.verifier = keys == null ? null : new AuditChainVerifier(repo, keys.publicKeyHex());
    }

    private CheckpointKeys keys() {
        if (settings.checkpointKey() != null) {
            try {
                return CheckpointKeys.fromSeed(settings.checkpointKey());
            } catch (IllegalArgumentException e) {
                throw new dev.opsdeck.backend.api.ConfigException("CHECKPOINT_SIGNING_KEY", e.getMessage());
            }
        }
        if (ctx.config().profile() == Profile.DEMO) {
            return CheckpointKeys.loadOrCreate(ctx.dataDir().resolve("keys").resolve("checkpoint-ed25519.seed"));
        }
        log.info("checkpoint witness off: set CHECKPOINT_SIGNING_KEY (64 hex digits) to sign audit checkpoints");
        return null;
    }

    private CheckpointPublisher publisher() {
        if (!localDevnet) {
            return CheckpointPublisher.NONE;
        }
        return (id, hash, sig, key) -> {
            ObjectNode p = ctx.mapper().createObjectNode();
            p.put("entry_id", dev.opsdeck.backend.chain.rpc.Felt.of(id)).put("entry_hash", hash).put("signature", sig).put("public_key", key);
            return client.raw("devnet_publishCheckpoint", p).path("transaction_hash").asText();
        };
    }

    @Override
    public String name() {
        return "chain";
    }

    @Override
    public void routes(Routes r) {
        new ChainRoutes(ctx, settings, localDevnet, client, repo, indexer, validators, witness, verifier).register(r);
    }

    @Override
    public void start() {
        if (settings.indexerEnabled()) {
            indexer.start();
        }
        if (witness != null) {
            witnessTask = ctx.scheduler().scheduleWithFixedDelay(() -> {
                try {
                    witness.checkpoint();
                } catch (RuntimeException e) {
                    log.warn("audit checkpoint failed: {}", e.getMessage());
                }
            }, settings.checkpointIntervalMs(), settings.checkpointIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (witnessTask != null) {
            witnessTask.cancel(false);
        }
        indexer.stop();
    }

    /** The rewards view for other domains (workers' {@code /api/validator/rewards}). */
    public ValidatorRewards rewards() {
        return new IndexedRewards(repo);
    }

    ChainMetrics metrics() {
        return metrics;
    }
}
