package dev.opsdeck.backend.security;

import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RequestGuard;
import dev.opsdeck.backend.platform.http.Route;
import dev.opsdeck.backend.security.alerts.SecurityAlerts;
import io.javalin.http.Context;
import io.prometheus.metrics.core.metrics.Counter;

/**
 * Identifies the caller, stores the {@link Principal} under {@code opsdeck.principal}, and refuses callers the
 * route's access does not admit (401/403 with a JSON reason). Failures are counted per source for security alerts;
 * the credential itself is never logged or echoed.
 */
public final class AuthGuard implements RequestGuard {
    public static final String PRINCIPAL_ATTR = "opsdeck.principal";

    private final Authenticator auth;
    private final SecurityAlerts alerts;
    private final Counter failures;

    public AuthGuard(Authenticator auth, SecurityAlerts alerts, Counter failures) {
        this.auth = auth;
        this.alerts = alerts;
        this.failures = failures;
    }

    @Override
    public void check(Context ctx, Route route) {
        if (route.access() == Access.PUBLIC) {
            // Probes answer whoever asks; a stale credential on a load balancer's probe must not fail it.
            ctx.attribute(PRINCIPAL_ATTR, Principal.ANONYMOUS);
            return;
        }
        try {
            Principal p = auth.identify(ctx.header(Authenticator.ADMIN_HEADER), ctx.header("Authorization"));
            ctx.attribute(PRINCIPAL_ATTR, p);
            auth.authorize(p, route.access());
        } catch (ApiException e) {
            failures.labelValues(Integer.toString(e.status())).inc();
            alerts.record(SecurityAlerts.Kind.AUTH_FAILURE_BURST, ctx.ip(), e.status() + " on " + route.method() + " " + route.path());
            throw e;
        }
    }
}
