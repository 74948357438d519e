package dev.opsdeck.backend.ops;

import dev.opsdeck.backend.api.ConfigException;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.demo.chaos.ChaosUpstreams;
import dev.opsdeck.backend.platform.BackendContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The relay guide's external daemons (arkd, tapd, lnd) from {@code ARKD_URL}/{@code TAPD_URL}/{@code LND_URL}
 * ({@code host:port}, optionally {@code grpc://} or {@code grpcs://}). In the demo, an unconfigured daemon is the
 * matching chaos upstream. Plaintext daemons get the gRPC health check; TLS ones ({@code grpcs://}, {@code https://})
 * a TCP connect, since checking them properly would need their certificates. {@code <NAME>_PROBE=tcp|grpc} overrides.
 */
final class Daemons {
    static final List<String> NAMES = List.of("arkd", "tapd", "lnd");

    private Daemons() {
    }

    static List<UpstreamService> create(BackendContext ctx, ChaosUpstreams chaos) {
        List<UpstreamService> out = new ArrayList<>();
        int timeout = (int) ctx.config().number("UPSTREAM_PROBE_TIMEOUT_MS", 2000, 100, 30_000);
        for (String name : NAMES) {
            String var = name.toUpperCase(Locale.ROOT) + "_URL";
            Optional<String> url = ctx.config().setting(var).filter(s -> !s.isBlank());
            if (url.isEmpty() && chaos != null && ctx.config().profile() == Profile.DEMO) {
                url = chaos.find(name).map(u -> "127.0.0.1:" + u.port());
            }
            if (url.isEmpty()) {
                continue;
            }
            String raw = url.get().trim();
            boolean tls = raw.startsWith("grpcs://") || raw.startsWith("https://");
            String hostPort = raw.replaceFirst("^[a-z]+://", "").replaceFirst("/.*$", "");
            int colon = hostPort.lastIndexOf(':');
            int port;
            try {
                port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new ConfigException(var, "must be host:port (was '" + raw + "')");
            }
            String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
            String probeSetting = ctx.config().setting(name.toUpperCase(Locale.ROOT) + "_PROBE").orElse(tls ? "tcp" : "grpc");
            Probe probe;
            switch (probeSetting.trim().toLowerCase(Locale.ROOT)) {
                case "tcp":
                    probe = new TcpProbe();
                    break;
                case "grpc":
                    probe = new GrpcHealthProbe();
                    break;
                default:
                    throw new ConfigException(name.toUpperCase(Locale.ROOT) + "_PROBE", "must be grpc or tcp");
            }
            out.add(new UpstreamService(name, host, port, probe, timeout, ctx.clock(), ctx.events()));
        }
        return out;
    }
}
