package dev.opsdeck.backend.demo.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.backend.chain.indexer.ChainEventType;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.rpc.Felt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The devnet's JSON-RPC methods, answering as StarkNet spec v0.9.0 describes: named or positional
 * parameters, {@code BLOCK_ID} as hash, number or tag, felts in the spec's hex form, spec error codes.
 * {@code devnet_publishCheckpoint} is the devnet's own method (like other devnets' {@code devnet_*}) for the
 * checkpoint witness, which on a real chain would send an invoke transaction.
 */
final class DevnetRpc {
    static final int MAX_CHUNK = 1024;
    static final int MAX_KEYS = 16;
    static final String CHAIN_ID = Felt.of(new java.math.BigInteger(1, "OPSDECK_DEVNET".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    private static final Map<String, List<String>> PARAMS = Map.of(
            "starknet_chainId", List.of(), "starknet_blockNumber", List.of(), "starknet_blockHashAndNumber", List.of(),
            "starknet_getBlockWithTxHashes", List.of("block_id"), "starknet_getEvents", List.of("filter"),
            "starknet_call", List.of("request", "block_id"), "starknet_specVersion", List.of(),
            "devnet_publishCheckpoint", List.of("entry_id", "entry_hash", "signature", "public_key"));

    private final DevnetChain chain;
    private final ObjectMapper mapper;
    private final ContractState state;

    DevnetRpc(DevnetChain chain, ObjectMapper mapper) {
        this.chain = chain;
        this.mapper = mapper;
        this.state = new ContractState(chain);
    }

    /** Answers one parsed request object with a JSON-RPC response object. */
    ObjectNode handle(JsonNode req) {
        ObjectNode resp = mapper.createObjectNode().put("jsonrpc", "2.0");
        resp.set("id", req.isObject() && req.has("id") ? req.get("id") : null);
        try {
            if (!req.isObject() || !"2.0".equals(req.path("jsonrpc").asText()) || !req.path("method").isTextual()) {
                throw new RpcError(-32600, "Invalid Request");
            }
            String method = req.get("method").asText();
            List<String> names = PARAMS.get(method);
            if (names == null) {
                throw new RpcError(-32601, "Method not found");
            }
            resp.set("result", dispatch(method, params(names, req.get("params"))));
        } catch (RpcError e) {
            ObjectNode err = resp.putObject("error").put("code", e.code).put("message", e.getMessage());
            if (e.data != null) {
                err.set("data", mapper.valueToTree(e.data));
            }
        }
        return resp;
    }

    private static JsonNode[] params(List<String> names, JsonNode p) {
        JsonNode[] out = new JsonNode[names.size()];
        if (p == null || p.isNull()) {
            p = names.isEmpty() ? null : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (p == null) {
            return out;
        }
        if (p.isArray()) {
            if (p.size() > names.size()) {
                throw RpcError.invalidParams("too many parameters");
            }
            for (int i = 0; i < p.size(); i++) {
                out[i] = p.get(i);
            }
        } else if (p.isObject()) {
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!names.contains(n)) {
                    throw RpcError.invalidParams("unknown parameter " + n);
                }
                out[names.indexOf(n)] = p.get(n);
            }
        } else {
            throw RpcError.invalidParams("params must be an object or an array");
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || out[i].isNull()) {
                throw RpcError.invalidParams("missing parameter " + names.get(i));
            }
        }
        return out;
    }

    private JsonNode dispatch(String method, JsonNode[] p) {
        switch (method) {
            case "starknet_specVersion": return mapper.getNodeFactory().textNode("0.9.0");
            case "starknet_chainId": return mapper.getNodeFactory().textNode(CHAIN_ID);
            case "starknet_blockNumber": return mapper.getNodeFactory().numberNode(chain.head().number());
            case "starknet_blockHashAndNumber": {
                DevnetBlock h = chain.head();
                return mapper.createObjectNode().put("block_hash", h.hash()).put("block_number", h.number());
            }
            case "starknet_getBlockWithTxHashes": return block(p[0]);
            case "starknet_getEvents": return new EventPager(chain, mapper, this::resolve).page(p[0]);
            case "starknet_call": return call(p[0], p[1]);
            case "devnet_publishCheckpoint": return publish(p);
            default: throw new RpcError(-32601, "Method not found");
        }
    }

    /** Resolves a BLOCK_ID to a block of the current chain; {@code pre_confirmed} resolves to null. */
    DevnetBlock resolve(JsonNode id) {
        if (id.isTextual()) {
            switch (id.asText()) {
                case "latest": case "l1_accepted": return chain.head();
                case "pre_confirmed": return null;
                default: throw RpcError.invalidParams("unknown block tag " + id.asText());
            }
        }
        if (id.isObject() && id.size() == 1 && id.has("block_number")) {
            JsonNode n = id.get("block_number");
            if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
                throw RpcError.invalidParams("block_number must be a non-negative integer");
            }
            return chain.block(n.asLong()).orElseThrow(RpcError::blockNotFound);
        }
        if (id.isObject() && id.size() == 1 && id.has("block_hash")) {
            String h = id.get("block_hash").asText("");
            if (!Felt.isSpecForm(h)) {
                throw RpcError.invalidParams("block_hash must be a felt");
            }
            return chain.blockByHash(h).orElseThrow(RpcError::blockNotFound);
        }
        throw RpcError.invalidParams("block_id must be {block_hash}, {block_number} or a tag");
    }

    private JsonNode block(JsonNode id) {
        DevnetBlock b = resolve(id);
        ObjectNode o = mapper.createObjectNode();
        if (b == null) {
            DevnetBlock head = chain.head();
            header(o, head.number() + 1, java.time.Instant.now().getEpochSecond());
            o.putArray("transactions");
            return o;
        }
        o.put("status", "ACCEPTED_ON_L2").put("block_hash", b.hash()).put("parent_hash", b.parentHash());
        o.put("new_root", Felt.of(Felt.value(b.hash()).shiftRight(3)));
        header(o, b.number(), b.timestamp());
        ArrayNode txs = o.putArray("transactions");
        chain.transactions(b).forEach(txs::add);
        return o;
    }

    private static void header(ObjectNode o, long number, long timestamp) {
        o.put("block_number", number).put("timestamp", timestamp)
                .put("sequencer_address", "0x1176a1bd84444c89232ec27754698e5d2e7e1a7f1539f12027f28b23ec9f3d8");
        for (String f : new String[]{"l1_gas_price", "l2_gas_price", "l1_data_gas_price"}) {
            o.putObject(f).put("price_in_fri", "0x3b9aca00").put("price_in_wei", "0x5f5e100");
        }
        o.put("l1_da_mode", "BLOB").put("starknet_version", "0.14.0");
    }

    private JsonNode call(JsonNode request, JsonNode blockId) {
        if (!request.isObject() || !request.path("contract_address").isTextual() || !request.path("entry_point_selector").isTextual()
                || !request.path("calldata").isArray()) {
            throw RpcError.invalidParams("request must be a FUNCTION_CALL {contract_address, entry_point_selector, calldata}");
        }
        DevnetBlock at = resolve(blockId);
        String address = request.get("contract_address").asText();
        ContractRole role = null;
        for (Map.Entry<ContractRole, String> e : chain.contracts().entrySet()) {
            if (Felt.isSpecForm(address) && e.getValue().equals(Felt.of(address))) {
                role = e.getKey();
            }
        }
        if (role == null) {
            throw new RpcError(20, "Contract not found");
        }
        List<String> calldata = new ArrayList<>();
        request.get("calldata").forEach(c -> calldata.add(c.asText()));
        List<String> result = state.call(role, request.get("entry_point_selector").asText(), calldata, at == null ? chain.head() : at);
        ArrayNode out = mapper.createArrayNode();
        result.forEach(out::add);
        return out;
    }

    private JsonNode publish(JsonNode[] p) {
        for (JsonNode n : p) {
            if (!n.isTextual() || !Felt.isSpecForm(n.asText()) && !n.asText().matches("^[0-9a-fA-F]+$")) {
                throw RpcError.invalidParams("entry_id, entry_hash, signature and public_key must be hex strings");
            }
        }
        List<String> data = new ArrayList<>();
        data.addAll(chunks(p[1].asText()));
        data.addAll(chunks(p[2].asText()));
        data.addAll(chunks(p[3].asText()));
        String entryId = p[0].asText();
        String tx = chain.submit(ContractRole.CHECKPOINT,
                List.of(ChainEventType.CHECKPOINT_PUBLISHED.selector(), Felt.isSpecForm(entryId) ? entryId : Felt.of("0x" + entryId)), data);
        return mapper.createObjectNode().put("transaction_hash", tx);
    }

    /** Hex bytes as felts of 16 bytes each (a felt holds 251 bits; 128-bit halves keep the split obvious). */
    static List<String> chunks(String hex) {
        String h = hex.startsWith("0x") ? hex.substring(2) : hex;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < h.length(); i += 32) {
            out.add(Felt.of("0x" + h.substring(i, Math.min(h.length(), i + 32))));
        }
        return out;
    }

}
