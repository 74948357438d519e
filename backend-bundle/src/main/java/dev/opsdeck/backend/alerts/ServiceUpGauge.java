package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.platform.services.ManagedService;
import dev.opsdeck.backend.platform.services.ServiceRegistry;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code service_up{service}}: 1 for every managed service that is up or degraded, 0 when down - the relay
 * guide's "service down" alert reads it. Services an operator stopped, or that are not configured, are left
 * out: a deliberate stop is not an outage.
 */
final class ServiceUpGauge {
    private ServiceUpGauge() {
    }

    static void register(PrometheusRegistry registry, ServiceRegistry services) {
        GaugeWithCallback.builder().name("service_up").help("1 when the managed service is up (or degraded), 0 when down")
                .labelNames("service").callback(cb -> {
                    for (ManagedService s : services.all()) {
                        String state;
                        try {
                            state = s.status().state();
                        } catch (RuntimeException e) {
                            state = "down";
                        }
                        if ("up".equals(state) || "degraded".equals(state)) {
                            cb.call(1, s.name());
                        } else if ("down".equals(state)) {
                            cb.call(0, s.name());
                        }
                    }
                }).register(registry);
    }
}
