package dev.opsdeck.backend.platform.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The route table modules add to. The server, the security layer and the tests all read it. */
public final class Routes {
    private final List<Route> routes = new ArrayList<>();

    public Routes get(String path, Access access, RateCategory category, String summary, Handler handler) {
        return add(HandlerType.GET, path, access, category, summary, handler);
    }

    public Routes post(String path, Access access, RateCategory category, String summary, Handler handler) {
        return add(HandlerType.POST, path, access, category, summary, handler);
    }

    public Routes put(String path, Access access, RateCategory category, String summary, Handler handler) {
        return add(HandlerType.PUT, path, access, category, summary, handler);
    }

    public Routes delete(String path, Access access, RateCategory category, String summary, Handler handler) {
        return add(HandlerType.DELETE, path, access, category, summary, handler);
    }

    public Routes add(HandlerType method, String path, Access access, RateCategory category, String summary, Handler handler) {
        for (Route r : routes) {
            if (r.method() == method && r.path().equals(path)) {
                throw new IllegalStateException("route registered twice: " + method + " " + path);
            }
        }
        routes.add(new Route(method, path, access, category, summary, handler));
        return this;
    }

    public List<Route> all() {
        return Collections.unmodifiableList(routes);
    }
}
