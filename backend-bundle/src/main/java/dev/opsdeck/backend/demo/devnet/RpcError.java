package dev.opsdeck.backend.demo.devnet;

/** A JSON-RPC error the devnet answers with: a spec code (24 BLOCK_NOT_FOUND, ...) or a JSON-RPC one (-32602). */
final class RpcError extends RuntimeException {
    final int code;
    final transient Object data;

    RpcError(int code, String message) {
        this(code, message, null);
    }

    RpcError(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    static RpcError invalidParams(String why) {
        return new RpcError(-32602, "Invalid params", why);
    }

    static RpcError blockNotFound() {
        return new RpcError(24, "Block not found");
    }
}
