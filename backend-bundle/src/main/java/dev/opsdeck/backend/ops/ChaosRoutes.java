package dev.opsdeck.backend.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.demo.chaos.ChaosUpstream;
import dev.opsdeck.backend.demo.chaos.ChaosUpstreams;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.http.Access;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.http.RateCategory;
import dev.opsdeck.backend.platform.http.Routes;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Demo only: the chaos menu that makes a demo upstream fail, lag, go down or recover. */
final class ChaosRoutes {
    record ChaosRequest(String service, String mode, Integer lagMs) {
    }

    private final ChaosUpstreams chaos;
    private final OpsAudit audit;
    private final EventBus events;
    private final ObjectMapper mapper;

    ChaosRoutes(ChaosUpstreams chaos, OpsAudit audit, EventBus events, ObjectMapper mapper) {
        this.chaos = chaos;
        this.audit = audit;
        this.events = events;
        this.mapper = mapper;
    }

    void register(Routes r) {
        r.get("/admin/demo/chaos", Access.ADMIN, RateCategory.DEFAULT, "Demo upstreams and their chaos mode", ctx -> ctx.json(list()));
        r.post("/admin/demo/chaos", Access.ADMIN, RateCategory.DEFAULT,
                "Make a demo upstream ok, fail, lag or down ({service, mode, lag_ms}); recover = ok", this::set);
    }

    private List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        chaos.all().forEach(u -> out.add(describe(u)));
        return out;
    }

    private static Map<String, Object> describe(ChaosUpstream u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", u.name());
        m.put("address", "127.0.0.1:" + u.port());
        m.put("mode", u.mode().id());
        m.put("lag_ms", u.lagMs());
        m.put("requests", u.requests());
        return m;
    }

    private void set(Context ctx) {
        ChaosRequest req = Json.body(ctx, mapper, ChaosRequest.class);
        if (req.service() == null) {
            throw ApiException.invalidField("service", "is required");
        }
        ChaosUpstream u = chaos.find(req.service()).orElseThrow(() -> ApiException.invalidField("service",
                "no demo upstream '" + req.service() + "'; one of " + chaos.all().stream().map(ChaosUpstream::name).toList()));
        ChaosUpstream.Mode mode = parseMode(req.mode());
        int lag = req.lagMs() == null ? 1500 : req.lagMs();
        if (lag < 0 || lag > 30_000) {
            throw ApiException.invalidField("lag_ms", "must be between 0 and 30000");
        }
        try {
            u.setMode(mode, lag);
        } catch (IOException e) {
            throw new ApiException(409, "rebind_failed", "cannot listen on port " + u.port() + " again: " + e.getMessage());
        }
        audit.record(ctx, "demo.chaos", Map.of("service", u.name(), "mode", mode.id(), "lag_ms", lag), "ok");
        events.publish("ops", "chaos.changed", describe(u));
        ctx.json(describe(u));
    }

    private static ChaosUpstream.Mode parseMode(String m) {
        if (m == null) {
            throw ApiException.invalidField("mode", "is required: ok, fail, lag, down or recover");
        }
        String s = m.trim().toLowerCase(Locale.ROOT);
        if (s.equals("recover")) {
            return ChaosUpstream.Mode.OK;
        }
        for (ChaosUpstream.Mode x : ChaosUpstream.Mode.values()) {
            if (x.id().equals(s)) {
                return x;
            }
        }
        throw ApiException.invalidField("mode", "must be ok, fail, lag, down or recover");
    }
}
