package dev.opsdeck.backend.jobs;

import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.security.Principal;
import io.javalin.http.Context;

/** Query-parameter parsing shared by the job routes: a bad value is a 400 naming the parameter. */
public final class Params {
    private Params() {
    }

    public static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiException.invalidField(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number (was '" + v + "')");
        }
    }

    public static String text(Context ctx, String name, int maxLength) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > maxLength) {
            throw ApiException.invalidField(name, "must be at most " + maxLength + " characters");
        }
        return v;
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute("opsdeck.principal");
        return p == null ? Principal.ANONYMOUS : p;
    }
}
