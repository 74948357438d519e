package dev.opsdeck.backend.demo.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.backend.chain.rpc.Felt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code starknet_getEvents} over the devnet chain. The continuation token is the position to resume at
 * ({@code <block>-<index in block>}); like a real node's, it names a position, so pages fetched across a reorg
 * mix branches, which is exactly what the indexer must detect.
 */
final class EventPager {
    private final DevnetChain chain;
    private final ObjectMapper mapper;
    private final Function<JsonNode, DevnetBlock> resolve;

    EventPager(DevnetChain chain, ObjectMapper mapper, Function<JsonNode, DevnetBlock> resolve) {
        this.chain = chain;
        this.mapper = mapper;
        this.resolve = resolve;
    }

    JsonNode page(JsonNode f) {
        if (!f.isObject()) {
            throw RpcError.invalidParams("filter must be an object");
        }
        JsonNode size = f.get("chunk_size");
        if (size == null || !size.isIntegralNumber() || size.asLong() < 1) {
            throw RpcError.invalidParams("chunk_size is required and must be a positive integer");
        }
        if (size.asLong() > DevnetRpc.MAX_CHUNK) {
            throw new RpcError(31, "Requested page size is too big");
        }
        for (var it = f.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!List.of("from_block", "to_block", "address", "keys", "chunk_size", "continuation_token").contains(n)) {
                throw RpcError.invalidParams("unknown filter field " + n);
            }
        }
        int chunk = size.asInt();
        DevnetBlock head = chain.head();
        long from = f.has("from_block") ? numberOf(resolve.apply(f.get("from_block")), head.number() + 1) : 0;
        long to = f.has("to_block") ? numberOf(resolve.apply(f.get("to_block")), head.number()) : head.number();
        to = Math.min(to, head.number());
        String address = null;
        if (f.has("address")) {
            if (!f.get("address").isTextual() || !Felt.isSpecForm(f.get("address").asText())) {
                throw RpcError.invalidParams("address must be a felt");
            }
            address = f.get("address").asText();
        }
        List<List<String>> keys = keys(f.get("keys"));
        long startBlock = from;
        int startIndex = 0;
        if (f.has("continuation_token")) {
            String t = f.get("continuation_token").asText("");
            String[] parts = t.split("-");
            try {
                startBlock = Long.parseLong(parts[0]);
                startIndex = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new RpcError(33, "The supplied continuation token is invalid or unknown");
            }
            if (parts.length != 2 || startBlock < from || startIndex < 0) {
                throw new RpcError(33, "The supplied continuation token is invalid or unknown");
            }
        }
        ObjectNode out = mapper.createObjectNode();
        ArrayNode events = out.putArray("events");
        for (long n = startBlock; n <= to; n++) {
            DevnetBlock b = chain.block(n).orElse(null);
            if (b == null) {
                break; // the chain got shorter under us (reorg in progress): the page ends here
            }
            List<DevnetEvent> evs = chain.events(b);
            for (int i = n == startBlock ? startIndex : 0; i < evs.size(); i++) {
                DevnetEvent e = evs.get(i);
                if (!matches(e, address, keys)) {
                    continue;
                }
                if (events.size() == chunk) {
                    out.put("continuation_token", n + "-" + i);
                    return out;
                }
                ObjectNode o = events.addObject();
                o.put("from_address", e.fromAddress());
                ArrayNode k = o.putArray("keys");
                e.keys().forEach(k::add);
                ArrayNode d = o.putArray("data");
                e.data().forEach(d::add);
                o.put("block_hash", b.hash()).put("block_number", b.number()).put("transaction_hash", e.transactionHash());
            }
        }
        return out;
    }

    private static long numberOf(DevnetBlock b, long preConfirmed) {
        return b == null ? preConfirmed : b.number();
    }

    private static List<List<String>> keys(JsonNode k) {
        if (k == null) {
            return List.of();
        }
        if (!k.isArray()) {
            throw RpcError.invalidParams("keys must be an array of arrays of felts");
        }
        List<List<String>> out = new ArrayList<>();
        int total = 0;
        for (JsonNode pos : k) {
            if (!pos.isArray()) {
                throw RpcError.invalidParams("keys must be an array of arrays of felts");
            }
            List<String> alts = new ArrayList<>();
            for (JsonNode v : pos) {
                if (!v.isTextual() || !Felt.isSpecForm(v.asText())) {
                    throw RpcError.invalidParams("keys must be felts");
                }
                alts.add(v.asText());
                total++;
            }
            out.add(alts);
        }
        if (total > DevnetRpc.MAX_KEYS) {
            throw new RpcError(34, "Too many keys provided in a filter");
        }
        return out;
    }

    private static boolean matches(DevnetEvent e, String address, List<List<String>> keys) {
        if (address != null && !address.equals(e.fromAddress())) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            List<String> alts = keys.get(i);
            if (!alts.isEmpty() && (i >= e.keys().size() || !alts.contains(e.keys().get(i)))) {
                return false;
            }
        }
        return true;
    }
}
