package dev.opsdeck.backend.security;

import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import dev.opsdeck.backend.security.alerts.SecurityAlerts;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/auth/whoami}: what the presented credentials are, so a client (the console) can disable the
 * actions its role may not take instead of learning it from a 403 per button. The route is public: it answers for
 * any credential or none, and an unknown credential is reported as {@code anonymous} with
 * {@code credentials_accepted: false} (and counted for security alerts like any other refused credential) rather
 * than refused, so a client can tell "wrong token" from "no access". Only the principal's name (kind and
 * fingerprint) is echoed, never the token.
 */
final class WhoAmIRoutes {
    static final String PATH = "/api/auth/whoami";

    private final Authenticator auth;
    private final SecurityAlerts alerts;

    WhoAmIRoutes(Authenticator auth, SecurityAlerts alerts) {
        this.auth = auth;
        this.alerts = alerts;
    }

    void register(Routes r) {
        r.get(PATH, Access.PUBLIC, RateCategory.DEFAULT,
                "The role (admin, viewer, worker, anonymous) and name of the presented credentials; never echoes a token",
                this::whoami);
    }

    private void whoami(Context ctx) {
        // The auth guard does not identify callers of public routes (a stale credential must not fail a probe),
        // so identify here with the same rules the guarded routes use.
        Principal who;
        String rejected = null;
        try {
            who = auth.identify(ctx.header(Authenticator.ADMIN_HEADER), ctx.header("Authorization"));
        } catch (ApiException e) {
            who = Principal.ANONYMOUS;
            rejected = e.getMessage();
            // Otherwise whoami would be a free oracle for guessing tokens, invisible to the failure-burst alert.
            alerts.record(SecurityAlerts.Kind.AUTH_FAILURE_BURST, ctx.ip(), e.status() + " on GET " + PATH);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", who.role().name().toLowerCase(Locale.ROOT));
        out.put("name", who.name());
        out.put("dashboards_public", auth.dashboardPublic());
        out.put("credentials_accepted", rejected == null);
        if (rejected != null) {
            out.put("reason", rejected);
        }
        ctx.json(out);
    }
}
