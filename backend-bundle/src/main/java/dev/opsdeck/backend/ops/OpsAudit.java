package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.platform.audit.AuditTrail;
import dev.opsdeck.backend.security.Principal;
import io.javalin.http.Context;

import java.util.Map;

/** Writes one audit entry per admin action with the caller and address taken from the request. */
final class OpsAudit {
    /** {@code audit_log.result} holds 64 characters; a longer reason is cut, the full one is in the response and log. */
    private static final int RESULT_MAX = 64;
    private final AuditTrail trail;

    OpsAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(Context ctx, String action, Map<String, ?> parameters, String result) {
        Principal p = ctx.attribute("opsdeck.principal");
        trail.record(p == null ? "anonymous" : p.name(), action, parameters, cut(result), ctx.ip());
    }

    void system(String action, Map<String, ?> parameters, String result) {
        trail.record("system", action, parameters, cut(result), null);
    }

    private static String cut(String s) {
        return s.length() <= RESULT_MAX ? s : s.substring(0, RESULT_MAX - 1) + "…";
    }
}
