package dev.opsdeck.backend.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The configured providers in preference order ({@code STARKNET_RPC_URL} lists them comma-separated).
 * A call goes to the first provider that has not failed recently; when it cannot be reached the next one is
 * tried, so one provider's outage costs a timeout, not the indexer. JSON-RPC errors are answers and are
 * not retried elsewhere.
 */
public final class ProviderPool {
    private final List<RpcProvider> providers;

    public ProviderPool(List<RpcProvider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one RPC provider is needed");
        }
        this.providers = List.copyOf(providers);
    }

    public List<RpcProvider> providers() {
        return providers;
    }

    public JsonNode call(String method, ObjectNode params) {
        List<RpcProvider> order = new ArrayList<>();
        for (RpcProvider p : providers) {
            if (p.available()) {
                order.add(p);
            }
        }
        for (RpcProvider p : providers) {
            if (!order.contains(p)) {
                order.add(p); // all backing off: still try them rather than fail without a call
            }
        }
        List<String> errors = new ArrayList<>();
        RpcUnavailableException last = null;
        for (RpcProvider p : order) {
            try {
                return p.call(method, params == null ? null : params.deepCopy());
            } catch (RpcUnavailableException e) {
                errors.add(e.getMessage());
                last = e;
            }
        }
        throw new RpcUnavailableException("all RPC providers failed: " + String.join("; ", errors), last);
    }

    /** Forces new connections on every provider. */
    public void reconnectAll() {
        providers.forEach(RpcProvider::reconnect);
    }
}
