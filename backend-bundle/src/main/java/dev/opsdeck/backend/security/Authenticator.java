package dev.opsdeck.backend.security;

import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;

import java.util.Map;

/**
 * Decides who a caller is (from {@code X-Admin-Key} or {@code Authorization: Bearer}) and whether
 * a route's {@link Access} lets them in: 401 for a missing or unknown credential, 403 for a known one
 * without the role.
 */
public final class Authenticator {
    public static final String ADMIN_HEADER = "X-Admin-Key";

    private final TokenRegistry tokens;
    private final boolean dashboardPublic;

    public Authenticator(TokenRegistry tokens, boolean dashboardPublic) {
        this.tokens = tokens;
        this.dashboardPublic = dashboardPublic;
    }

    public boolean dashboardPublic() {
        return dashboardPublic;
    }

    /**
     * Resolves the caller from the two headers (either may be null).
     *
     * @throws ApiException 401 when a credential is given but unknown
     */
    public Principal identify(String adminKeyHeader, String authorizationHeader) {
        if (adminKeyHeader != null && !adminKeyHeader.isBlank()) {
            Principal p = tokens.lookup(adminKeyHeader.trim());
            if (p == null || p.role() != Role.ADMIN) {
                throw unauthorized("the X-Admin-Key is not valid");
            }
            return p;
        }
        if (authorizationHeader != null && !authorizationHeader.isBlank()) {
            String h = authorizationHeader.trim();
            if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw unauthorized("the Authorization header must be 'Bearer <token>'");
            }
            Principal p = tokens.lookup(h.substring(7).trim());
            if (p == null) {
                throw unauthorized("the bearer token is not valid");
            }
            return p;
        }
        return Principal.ANONYMOUS;
    }

    /** Throws 401/403 unless {@code who} may call a route with {@code access}. */
    public void authorize(Principal who, Access access) {
        switch (access) {
            case PUBLIC:
                return;
            case DASHBOARD:
                if (dashboardPublic || who.role() == Role.ADMIN || who.role() == Role.VIEWER) {
                    return;
                }
                // API/worker tokens post heartbeats, metrics and workloads, nothing else (issue 3): a leaked worker
                // token does not open the dashboards of a token-only profile.
                throw who.role() == Role.WORKER ? forbidden("API tokens may only post worker data; dashboard reads need a viewer token")
                        : unauthorized("dashboard reads need a viewer token (Authorization: Bearer) in this profile");
            case WORKER:
                if (who.role() == Role.ADMIN || who.role() == Role.WORKER) {
                    return;
                }
                throw who.role() == Role.ANONYMOUS ? unauthorized("worker routes need an API token (Authorization: Bearer)")
                        : forbidden("this token may not post worker data; it needs an API token");
            case ADMIN:
                if (who.role() == Role.ADMIN) {
                    return;
                }
                throw who.role() == Role.ANONYMOUS ? unauthorized("admin routes need the X-Admin-Key header")
                        : forbidden("this token is not an admin key");
            default:
                throw new IllegalStateException("unknown access " + access);
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, Map.of());
    }

    private static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, Map.of());
    }
}
