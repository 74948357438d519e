package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.platform.http.RequestGuard;

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
        modules.add(new dev.opsdeck.backend.jobs.JobsModule(ctx));
        return modules;
    }

    /** Extra request guards from domains (security adds rate limiting, trusted hosts, ...). */
    static List<RequestGuard> guards(BackendContext ctx) {
        return new ArrayList<>();
    }
}
