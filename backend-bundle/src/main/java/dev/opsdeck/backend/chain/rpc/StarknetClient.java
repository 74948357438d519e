package dev.opsdeck.backend.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed StarkNet JSON-RPC (spec v0.9.0) over a {@link ProviderPool}: the methods the indexer and the
 * dashboard need, with parameters named as the spec names them and results checked for the fields used.
 */
public final class StarknetClient {
    private final ProviderPool pool;
    private final ObjectMapper mapper;

    public StarknetClient(ProviderPool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public ProviderPool pool() {
        return pool;
    }

    public String chainId() {
        return text(pool.call("starknet_chainId", null), "chain id");
    }

    public long blockNumber() {
        return number(pool.call("starknet_blockNumber", null), "block number");
    }

    /** The latest block as {@code (number, hash)}. */
    public BlockRef blockHashAndNumber() {
        JsonNode r = pool.call("starknet_blockHashAndNumber", null);
        return new BlockRef(number(r.get("block_number"), "block_number"), text(r.get("block_hash"), "block_hash"));
    }

    public BlockHeader blockWithTxHashes(BlockId id) {
        ObjectNode p = mapper.createObjectNode();
        p.set("block_id", id.toJson());
        JsonNode r = pool.call("starknet_getBlockWithTxHashes", p);
        if (!r.hasNonNull("block_hash")) {
            throw new RpcUnavailableException("block " + id + " is pre-confirmed; it has no hash yet");
        }
        List<String> txs = new ArrayList<>();
        r.path("transactions").forEach(t -> txs.add(t.asText()));
        return new BlockHeader(number(r.get("block_number"), "block_number"), text(r.get("block_hash"), "block_hash"),
                text(r.get("parent_hash"), "parent_hash"), Instant.ofEpochSecond(number(r.get("timestamp"), "timestamp")), txs);
    }

    /** One page of {@code starknet_getEvents}; pass the previous page's token to continue. */
    public EventsChunk events(EventFilter filter, int chunkSize, String continuationToken) {
        ObjectNode f = mapper.createObjectNode();
        if (filter.fromBlock() != null) {
            f.set("from_block", filter.fromBlock().toJson());
        }
        if (filter.toBlock() != null) {
            f.set("to_block", filter.toBlock().toJson());
        }
        if (filter.address() != null) {
            f.put("address", filter.address());
        }
        if (filter.keys() != null) {
            ArrayNode keys = f.putArray("keys");
            filter.keys().forEach(pos -> {
                ArrayNode a = keys.addArray();
                pos.forEach(a::add);
            });
        }
        f.put("chunk_size", chunkSize);
        if (continuationToken != null) {
            f.put("continuation_token", continuationToken);
        }
        ObjectNode p = mapper.createObjectNode();
        p.set("filter", f);
        JsonNode r = pool.call("starknet_getEvents", p);
        JsonNode events = r.get("events");
        if (events == null || !events.isArray()) {
            throw new RpcUnavailableException("starknet_getEvents answer has no events array");
        }
        List<EmittedEvent> out = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            out.add(new EmittedEvent(text(e.get("from_address"), "from_address"), strings(e.get("keys")), strings(e.get("data")),
                    e.path("block_hash").asText(null), e.path("block_number").asLong(-1), text(e.get("transaction_hash"), "transaction_hash")));
        }
        JsonNode token = r.get("continuation_token");
        return new EventsChunk(out, token == null || token.isNull() ? null : token.asText());
    }

    /** {@code starknet_call}: a view function's return values. */
    public List<String> call(FunctionCall call, BlockId block) {
        ObjectNode req = mapper.createObjectNode();
        req.put("contract_address", call.contractAddress()).put("entry_point_selector", call.entryPointSelector());
        ArrayNode cd = req.putArray("calldata");
        call.calldata().forEach(cd::add);
        ObjectNode p = mapper.createObjectNode();
        p.set("request", req);
        p.set("block_id", block.toJson());
        return strings(pool.call("starknet_call", p));
    }

    /** A non-spec method of a development node (e.g. the demo devnet's {@code devnet_publishCheckpoint}). */
    public JsonNode raw(String method, ObjectNode params) {
        return pool.call(method, params);
    }

    private static List<String> strings(JsonNode a) {
        if (a == null || !a.isArray()) {
            throw new RpcUnavailableException("expected an array of felts, got " + a);
        }
        List<String> out = new ArrayList<>(a.size());
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String text(JsonNode n, String what) {
        if (n == null || !n.isTextual()) {
            throw new RpcUnavailableException("answer lacks " + what);
        }
        return n.asText();
    }

    private static long number(JsonNode n, String what) {
        if (n == null || !n.canConvertToLong()) {
            throw new RpcUnavailableException("answer lacks " + what);
        }
        return n.asLong();
    }

    /** A block by number and hash. */
    public record BlockRef(long number, String hash) {
    }
}
