package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.platform.http.RequestGuard;
import dev.opsdeck.backend.security.SecurityModule;

import java.util.ArrayList;
import java.util.List;

/**
 * The domain modules of this build, in start order. Each domain adds its module here, constructed from the
 * shared {@link BackendContext}; nothing else in the platform needs to know about domains.
 */
final class DomainModules {
    private DomainModules() {
    }

    static List<BackendModule> create(BackendContext ctx) {
        List<BackendModule> modules = new ArrayList<>();
        modules.addAll(List.of(new dev.opsdeck.backend.workers.WorkersModule(ctx), new dev.opsdeck.backend.demo.fleet.DemoFleetModule(ctx)));
        modules.addAll(dev.opsdeck.backend.chain.ChainModule.create(ctx, dev.opsdeck.backend.demo.devnet.DevnetModule::forDemo));
        modules.add(new dev.opsdeck.backend.alerts.AlertsModule(ctx));
        modules.add(new dev.opsdeck.backend.ops.OpsModule(ctx));
        modules.add(new dev.opsdeck.backend.jobs.JobsModule(ctx));
        return modules;
    }

    /**
     * Request guards for every routed request: the security domain's rate limiting, authentication and metric-ingest
     * secret (trusted hosts and CORS run earlier, for unmatched requests too, through the server configuration).
     */
    static List<RequestGuard> guards(SecurityModule security) {
        return new ArrayList<>(security.guards());
    }
}
