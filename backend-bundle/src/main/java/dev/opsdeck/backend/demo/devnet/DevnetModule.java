package dev.opsdeck.backend.demo.devnet;

import dev.opsdeck.backend.chain.LocalDevnet;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.platform.BackendContext;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.security.Principal;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The demo devnet inside a demo backend: a StarkNet JSON-RPC server on its own loopback port producing a block
 * every {@code DEVNET_BLOCK_MS} (default 2000), with some history already mined so the indexer has a catch-up to
 * show, and the chaos actions of the console's demo menu: reorg of depth N, outage of T seconds, extra blocks.
 */
public final class DevnetModule implements LocalDevnet {
    private static final Logger log = LoggerFactory.getLogger(DevnetModule.class);
    /** "OpsDeckAuditCheckpoint" as a felt: the devnet's checkpoint contract. */
    public static final String CHECKPOINT_CONTRACT = Felt.of(new BigInteger(1, "OpsDeckAuditCheckpoint".getBytes(StandardCharsets.US_ASCII)));

    private final BackendContext ctx;
    private final DevnetServer server;
    private final long blockMs;
    private ScheduledFuture<?> producer;

    /** The {@link LocalDevnet.Factory} the platform passes to the chain domain. */
    public static LocalDevnet forDemo(BackendContext ctx, Map<ContractRole, String> contracts) {
        return new DevnetModule(ctx, contracts);
    }

    private DevnetModule(BackendContext ctx, Map<ContractRole, String> contracts) {
        this.ctx = ctx;
        Map<ContractRole, String> all = new EnumMap<>(ContractRole.class);
        all.putAll(contracts);
        all.put(ContractRole.CHECKPOINT, CHECKPOINT_CONTRACT);
        int perBlock = (int) ctx.config().number("DEVNET_EVENTS_PER_BLOCK", 4, 0, 1000);
        this.blockMs = ctx.config().number("DEVNET_BLOCK_MS", 2000, 0, 3_600_000);
        DevnetChain chain = new DevnetChain(all, perBlock, false, ctx.clock());
        long history = ctx.config().number("DEVNET_HISTORY_BLOCKS", 300, 0, 1_000_000);
        // History is stamped in the past so the indexer's lag shows a real catch-up.
        chain.produce((int) history, 0);
        // Bound now (not in start()): the chain module needs the URL when it is built.
        this.server = new DevnetServer(chain, ctx.clock()).start();
        log.info("demo devnet serving StarkNet JSON-RPC on {} ({} blocks of history)", server.url(), history);
    }

    @Override
    public String rpcUrl() {
        return server.url();
    }

    @Override
    public String checkpointContract() {
        return CHECKPOINT_CONTRACT;
    }

    @Override
    public String name() {
        return "devnet";
    }

    @Override
    public void start() {
        if (blockMs > 0) {
            producer = ctx.scheduler().scheduleAtFixedRate(() -> server.chain().produce(), blockMs, blockMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (producer != null) {
            producer.cancel(false);
        }
        server.close();
    }

    record ReorgRequest(Integer depth) {
    }

    record OutageRequest(Integer seconds) {
    }

    record BlocksRequest(Integer count) {
    }

    @Override
    public void routes(Routes r) {
        r.get("/admin/chain/devnet", Access.ADMIN, RateCategory.DEFAULT, "Demo devnet: head, reorgs, outage", c -> c.json(state()));
        r.post("/admin/chain/devnet/reorg", Access.ADMIN, RateCategory.DEFAULT, "Demo devnet: reorganise the newest {depth} blocks", this::reorg);
        r.post("/admin/chain/devnet/outage", Access.ADMIN, RateCategory.DEFAULT, "Demo devnet: answer 503 for {seconds} (0 ends it)", this::outage);
        r.post("/admin/chain/devnet/blocks", Access.ADMIN, RateCategory.DEFAULT, "Demo devnet: produce {count} blocks now", this::blocks);
    }

    private void reorg(Context c) {
        ReorgRequest req = Json.body(c, ctx.mapper(), ReorgRequest.class);
        long head = server.chain().head().number();
        int max = (int) Math.min(64, head - 1);
        if (req.depth() == null || req.depth() < 1 || req.depth() > max) {
            throw ApiException.invalidField("depth", "must be between 1 and " + max);
        }
        long fork = server.chain().reorg(req.depth());
        audit(c, "chain.devnet.reorg", Map.of("depth", req.depth()), "ok: fork at " + fork);
        Map<String, Object> m = state();
        m.put("fork_block", fork);
        c.json(m);
    }

    private void outage(Context c) {
        OutageRequest req = Json.body(c, ctx.mapper(), OutageRequest.class);
        if (req.seconds() == null || req.seconds() < 0 || req.seconds() > 3600) {
            throw ApiException.invalidField("seconds", "must be between 0 and 3600");
        }
        if (req.seconds() == 0) {
            server.endOutage();
        } else {
            server.outage(req.seconds());
        }
        audit(c, "chain.devnet.outage", Map.of("seconds", req.seconds()), "ok");
        c.json(state());
    }

    private void blocks(Context c) {
        BlocksRequest req = Json.body(c, ctx.mapper(), BlocksRequest.class);
        if (req.count() == null || req.count() < 1 || req.count() > 1000) {
            throw ApiException.invalidField("count", "must be between 1 and 1000");
        }
        server.chain().produce(req.count(), 0);
        audit(c, "chain.devnet.blocks", Map.of("count", req.count()), "ok");
        c.json(state());
    }

    private void audit(Context c, String action, Map<String, ?> params, String result) {
        Principal p = c.attribute("opsdeck.principal");
        ctx.audit().record(p == null ? "unknown" : p.name(), action, params, result.length() > 64 ? result.substring(0, 64) : result, c.ip());
    }

    private Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        var head = server.chain().head();
        m.put("rpc_url", server.url());
        m.put("head_block", head.number());
        m.put("head_hash", head.hash());
        m.put("reorgs", server.chain().reorgCount());
        m.put("in_outage", server.inOutage());
        m.put("outage_until", server.inOutage() ? server.outageUntil().toString() : null);
        m.put("block_ms", blockMs);
        return m;
    }
}
