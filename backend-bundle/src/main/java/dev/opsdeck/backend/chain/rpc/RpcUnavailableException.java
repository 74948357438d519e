package dev.opsdeck.backend.chain.rpc;

/** No provider could be reached (connection refused, timeout, HTTP 5xx, garbage): worth a retry elsewhere or later. */
public final class RpcUnavailableException extends RuntimeException {
    public RpcUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RpcUnavailableException(String message) {
        super(message);
    }
}
