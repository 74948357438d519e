package dev.opsdeck.backend.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.platform.Metrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Javalin/Jetty server: the route table with its guards, one JSON error shape for every failure
 * (unknown routes and malformed JSON included), request metrics, and a graceful stop that refuses new
 * requests and lets in-flight ones finish.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final String ROUTE_ATTR = "opsdeck.route";
    /** 1 MiB: far above any legitimate body here, low enough that a flood of huge bodies costs little. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    /**
     * Javalin copies every response body through a fresh array of this size; left unset it takes Jetty's 32 KB output
     * buffer size, so each small JSON answer allocated and zeroed 32 KB (at 10,000 ingest answers a second, 300 MB/s
     * of garbage). Larger bodies are still copied whole, 8 KB at a time, into Jetty's own buffer.
     */
    public static final int RESPONSE_COPY_BYTES = 8 * 1024;

    private final Javalin app;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    public HttpServer(String host, int port, ObjectMapper mapper, Metrics metrics, List<Route> routes,
                      List<RequestGuard> guards, Consumer<JavalinConfig> extra) {
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.http.responseBufferSize = RESPONSE_COPY_BYTES;
            cfg.http.defaultContentType = "application/json";
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(mapper, false));

            cfg.routes.before(ctx -> {
                if (draining.get()) {
                    throw new ApiException(503, "shutting_down", "the backend is shutting down; retry against another instance");
                }
                inFlight.incrementAndGet();
                ctx.attribute("opsdeck.start", System.nanoTime());
                ctx.attribute("opsdeck.counted", Boolean.TRUE);
            });
            for (Route r : routes) {
                cfg.routes.addHttpHandler(r.method(), r.path(), ctx -> {
                    ctx.attribute(ROUTE_ATTR, r);
                    for (RequestGuard g : guards) {
                        g.check(ctx, r);
                    }
                    r.handler().handle(ctx);
                });
            }
            cfg.requestLogger.http((ctx, ms) -> {
                Route r = ctx.attribute(ROUTE_ATTR);
                String endpoint = r != null ? r.path() : "unmatched";
                metrics.recordRequest(endpoint, ctx.method().name(), ctx.statusCode(), ms / 1000.0);
                if (Boolean.TRUE.equals(ctx.attribute("opsdeck.counted"))) {
                    inFlight.decrementAndGet();
                }
            });

            cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.details()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    codeFor(e.getStatus()), messageFor(e), e.getDetails().isEmpty() ? null : e.getDetails()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", "the server failed to handle this request; the error is logged", null);
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute("opsdeck.error") == null) {
                    error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path(), null);
                }
            });
            cfg.routes.error(405, ctx -> {
                if (ctx.attribute("opsdeck.error") == null) {
                    error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(), null);
                }
            });
            cfg.routes.error(413, ctx -> {
                if (ctx.attribute("opsdeck.error") == null) {
                    error(ctx, 413, "payload_too_large", "request body exceeds " + MAX_BODY_BYTES + " bytes", null);
                }
            });
            if (extra != null) {
                extra.accept(cfg);
            }
        });
    }

    private static String codeFor(int status) {
        switch (status) {
            case 400: return "bad_request";
            case 401: return "unauthorized";
            case 403: return "forbidden";
            case 404: return "not_found";
            case 405: return "method_not_allowed";
            case 413: return "payload_too_large";
            case 415: return "unsupported_media_type";
            case 429: return "rate_limited";
            default: return status >= 500 ? "server_error" : "client_error";
        }
    }

    private static String messageFor(HttpResponseException e) {
        if (e.getStatus() == 413) {
            return "request body exceeds " + MAX_BODY_BYTES + " bytes";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "request refused" : e.getMessage();
    }

    /** Writes the one error shape. */
    public static void error(Context ctx, int status, String code, String message, Object details) {
        ctx.attribute("opsdeck.error", Boolean.TRUE);
        ctx.status(status).json(new ErrorBody(code, message, details == null ? Map.of() : details));
    }

    public void start() {
        app.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Host actually bound. */
    public String host() {
        var connectors = app.jettyServer().server().getConnectors();
        if (connectors.length > 0 && connectors[0] instanceof ServerConnector sc && sc.getHost() != null) {
            return sc.getHost();
        }
        return "0.0.0.0";
    }

    /**
     * Refuses new requests with 503, waits up to {@code waitMillis} for in-flight requests, then stops Jetty.
     */
    public void stop(long waitMillis) {
        draining.set(true);
        long deadline = System.currentTimeMillis() + waitMillis;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            log.warn("stopping with {} request(s) still in flight after {} ms", inFlight.get(), waitMillis);
        }
        app.stop();
    }

    public Javalin javalin() {
        return app;
    }
}
