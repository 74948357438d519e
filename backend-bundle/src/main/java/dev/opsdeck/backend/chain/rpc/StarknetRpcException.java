package dev.opsdeck.backend.chain.rpc;

import java.util.Map;

/**
 * The node answered with a JSON-RPC error. Codes of the StarkNet spec are named (e.g. 24 {@code BLOCK_NOT_FOUND},
 * 33 {@code INVALID_CONTINUATION_TOKEN}) so logs and health say what went wrong, not just a number. An answer
 * is not an outage: the pool does not fail over on these.
 */
public final class StarknetRpcException extends RuntimeException {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "FAILED_TO_RECEIVE_TXN"), Map.entry(20, "CONTRACT_NOT_FOUND"),
            Map.entry(21, "ENTRYPOINT_NOT_FOUND"), Map.entry(24, "BLOCK_NOT_FOUND"),
            Map.entry(27, "INVALID_TXN_INDEX"), Map.entry(28, "CLASS_HASH_NOT_FOUND"),
            Map.entry(29, "TXN_HASH_NOT_FOUND"), Map.entry(31, "PAGE_SIZE_TOO_BIG"),
            Map.entry(32, "NO_BLOCKS"), Map.entry(33, "INVALID_CONTINUATION_TOKEN"),
            Map.entry(34, "TOO_MANY_KEYS_IN_FILTER"), Map.entry(40, "CONTRACT_ERROR"),
            Map.entry(41, "TRANSACTION_EXECUTION_ERROR"), Map.entry(42, "STORAGE_PROOF_NOT_SUPPORTED"),
            Map.entry(-32700, "PARSE_ERROR"), Map.entry(-32600, "INVALID_REQUEST"),
            Map.entry(-32601, "METHOD_NOT_FOUND"), Map.entry(-32602, "INVALID_PARAMS"),
            Map.entry(-32603, "INTERNAL_ERROR"));

    public static final int CONTRACT_NOT_FOUND = 20;
    public static final int ENTRYPOINT_NOT_FOUND = 21;
    public static final int BLOCK_NOT_FOUND = 24;
    public static final int PAGE_SIZE_TOO_BIG = 31;
    public static final int NO_BLOCKS = 32;
    public static final int INVALID_CONTINUATION_TOKEN = 33;

    private final int code;
    private final String method;

    public StarknetRpcException(String method, int code, String message) {
        super(method + " failed: " + nameOf(code) + " (" + code + "): " + message);
        this.code = code;
        this.method = method;
    }

    public static String nameOf(int code) {
        return NAMES.getOrDefault(code, "UNKNOWN_ERROR");
    }

    public int code() {
        return code;
    }

    public String method() {
        return method;
    }
}
