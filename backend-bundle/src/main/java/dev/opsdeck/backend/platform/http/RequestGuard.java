package dev.opsdeck.backend.platform.http;

import io.javalin.http.Context;

/**
 * A check that runs before every route's handler, with the route known (so it can read the route's
 * access and rate category). Throw an {@link ApiException} to refuse the request.
 */
@FunctionalInterface
public interface RequestGuard {
    void check(Context ctx, Route route);
}
