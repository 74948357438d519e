package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.rpc.RpcProvider;
import dev.opsdeck.backend.chain.rpc.RpcUnavailableException;
import dev.opsdeck.backend.chain.rpc.StarknetRpcException;
import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One RPC provider as an operator sees it in the services list: state, latency, last error; a reconnect drops
 * its connections, probes it once and makes the indexer poll at once instead of waiting out its back-off.
 */
final class ProviderService implements ManagedService {
    private final RpcProvider provider;
    private final Runnable pollNow;

    ProviderService(RpcProvider provider, Runnable pollNow) {
        this.provider = provider;
        this.pollNow = pollNow;
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public String kind() {
        return "upstream";
    }

    @Override
    public ServiceStatus status() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("url", provider.safeUrl());
        d.put("calls", provider.calls());
        d.put("failures", provider.failures());
        d.put("consecutive_failures", provider.consecutiveFailures());
        String state = provider.calls() == 0 ? "starting" : provider.healthy() ? "up" : "down";
        return new ServiceStatus(state, provider.latencyMs(), provider.lastError(), provider.since(), d);
    }

    @Override
    public ServiceStatus reconnect() {
        provider.reconnect();
        try {
            provider.call("starknet_chainId", null);
        } catch (RpcUnavailableException | StarknetRpcException e) {
            // status() carries the error; the operator sees it in the reply
        }
        pollNow.run();
        return status();
    }
}
