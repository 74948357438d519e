package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.IndexerService;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.chain.rpc.RpcUnavailableException;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.chain.rpc.StarknetRpcException;
import dev.opsdeck.backend.chain.witness.AuditChainVerifier;
import dev.opsdeck.backend.chain.witness.CheckpointWitness;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.security.Principal;
import io.javalin.http.Context;

import java.util.LinkedHashMap;

import java.util.Map;

/** The chain domain's HTTP surface: parse and validate, call one service, map the result. */
final class ChainRoutes {
    private final BackendContext ctx;
    private final ChainSettings settings;
    private final boolean localDevnet;
    private final StarknetClient client;
    private final ChainRepository repo;
    private final IndexerService indexer;
    private final ValidatorService validators;
    private final CheckpointWitness witness;
    private final AuditChainVerifier verifier;
    private final ValidatorRewards rewards;
    private volatile String chainId;

    ChainRoutes(BackendContext ctx, ChainSettings settings, boolean localDevnet, StarknetClient client, ChainRepository repo,
                IndexerService indexer, ValidatorService validators, CheckpointWitness witness, AuditChainVerifier verifier) {
        this.ctx = ctx;
        this.settings = settings;
        this.localDevnet = localDevnet;
        this.client = client;
        this.repo = repo;
        this.indexer = indexer;
        this.validators = validators;
        this.witness = witness;
        this.verifier = verifier;
        this.rewards = new IndexedRewards(repo);
    }

    void register(Routes r) {
        r.get("/api/validator/status", Access.DASHBOARD, RateCategory.STATUS,
                "Validator status from the chain: stake, reputation, rewards (all validators, or ?address=0x...)", this::status);
        r.get("/api/contracts", Access.DASHBOARD, RateCategory.STATUS, "Contract addresses with explorer links for the network", this::contracts);
        r.get("/api/chain/status", Access.DASHBOARD, RateCategory.STATUS, "Indexer height, chain head, lag, providers and checkpoint", this::chainStatus);
        r.get("/api/chain/events", Access.DASHBOARD, RateCategory.ANALYTICS,
                "Latest indexed events, filtered by contract, type or subject (?contract=&type=&subject=&limit=&before_id=)", this::events);
        r.get("/api/chain/validators/{address}/rewards", Access.DASHBOARD, RateCategory.ANALYTICS,
                "Reward accruals and claims of one validator, with totals (?limit=)", this::rewardHistory);
        r.get("/api/chain/reorgs", Access.DASHBOARD, RateCategory.STATUS,
                "Rewinds the indexer performed, newest first (?limit=, default 50, at most 500)", this::reorgs);
        r.post("/admin/chain/checkpoint", Access.ADMIN, RateCategory.DEFAULT, "Sign and publish an audit-log checkpoint now", this::checkpoint);
        r.get("/admin/chain/checkpoint/verify", Access.ADMIN, RateCategory.DEFAULT,
                "Verify the whole audit log against the latest signed checkpoint; says where it breaks", this::verify);
    }

    private void status(Context c) {
        String address = c.queryParam("address");
        if (address == null) {
            c.json(validators.overview());
            return;
        }
        String v = felt("address", address);
        c.json(validators.one(v).orElseThrow(() -> ApiException.notFound("validator " + v + " has no stake or reputation events on chain")));
    }

    private void contracts(Context c) {
        Map<String, Object> m = new LinkedHashMap<>();
        String id = chainId();
        String network = Contracts.network(id, localDevnet);
        m.put("network", network);
        m.put("chain_id", id);
        m.put("contracts", Contracts.list(settings.contracts(), network));
        c.json(m);
    }

    private String chainId() {
        if (chainId == null) {
            try {
                chainId = client.chainId();
            } catch (RpcUnavailableException | StarknetRpcException e) {
                return repo.state().map(ChainRepository.IndexState::chainId).orElse(null);
            }
        }
        return chainId;
    }

    private void chainStatus(Context c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indexer", indexer.status());
        m.put("indexer_enabled", settings.indexerEnabled());
        m.put("lag_seconds", indexer.lagSeconds());
        m.put("state", repo.state().orElse(null));
        m.put("providers", ctx.services().all().stream().filter(s -> s.name().startsWith("starknet-rpc-"))
                .map(s -> Map.of("name", s.name(), "status", s.status())).toList());
        m.put("checkpoint", repo.latestCheckpoint().orElse(null));
        m.put("witness_enabled", witness != null);
        c.json(m);
    }

    private void events(Context c) {
        String contract = c.queryParam("contract") == null ? null : felt("contract", c.queryParam("contract"));
        String subject = c.queryParam("subject") == null ? null : felt("subject", c.queryParam("subject"));
        String type = c.queryParam("type");
        if (type != null && !type.matches("^[A-Za-z]{1,64}$")) {
            throw ApiException.invalidField("type", "must be an event name such as Staked or TradeExecuted");
        }
        int limit = (int) number(c, "limit", 100, 1, 1000);
        long before = number(c, "before_id", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        c.json(Map.of("events", repo.events(contract, type, subject, null, before, limit)));
    }

    private void reorgs(Context c) {
        int limit = (int) number(c, "limit", 50, 1, 500);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reorgs", repo.reorgs(limit));
        m.put("total", repo.reorgCount());
        c.json(m);
    }

    private void rewardHistory(Context c) {
        String v = felt("address", c.pathParam("address"));
        int limit = (int) number(c, "limit", 100, 1, 1000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", rewards.summary(v));
        m.put("history", rewards.history(v, limit));
        c.json(m);
    }

    private void checkpoint(Context c) {
        CheckpointWitness w = requireWitness();
        var cp = w.checkpoint();
        Principal p = c.attribute("opsdeck.principal");
        ctx.audit().record(p == null ? "unknown" : p.name(), "chain.checkpoint.create",
                Map.of("audit_entry_id", cp.map(x -> (Object) x.auditEntryId()).orElse("none")), cp.isPresent() ? "ok" : "empty_log", c.ip());
        if (cp.isEmpty()) {
            throw ApiException.conflict("the audit log is empty: nothing to checkpoint");
        }
        c.json(cp.get());
    }

    private void verify(Context c) {
        requireWitness();
        AuditChainVerifier.Report report = verifier.verify();
        c.json(report);
    }

    private CheckpointWitness requireWitness() {
        if (witness == null) {
            throw new ApiException(409, "witness_disabled", "the checkpoint witness is off: set CHECKPOINT_SIGNING_KEY");
        }
        return witness;
    }

    private static String felt(String field, String value) {
        try {
            return Felt.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be a hex address such as 0x3287a0af...; " + e.getMessage());
        }
    }

    private static long number(Context c, String name, long def, long min, long max) {
        String v = c.queryParam(name);
        if (v == null) {
            return def;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw ApiException.invalidField(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number");
        }
    }

}
