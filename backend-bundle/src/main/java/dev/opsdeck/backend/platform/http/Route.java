package dev.opsdeck.backend.platform.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One HTTP route of the backend: method, path (Javalin syntax, e.g. {@code /admin/alerts/rules/{rule_name}/toggle}),
 * who may call it, its rate-limit family and a one-line summary for the API description.
 */
public record Route(HandlerType method, String path, Access access, RateCategory category, String summary, Handler handler) {
}
