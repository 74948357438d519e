package dev.opsdeck.backend.platform.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Aggregates the components' health. */
public final class HealthService {
    private final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();
    private final Instant startedAt = Instant.now();
    private final String version;

    public HealthService(String version) {
        this.version = version;
    }

    public void register(HealthContributor c) {
        contributors.add(c);
    }

    /** Full report: overall status, uptime, version and each component. */
    public Report report() {
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        boolean criticalDown = false;
        boolean anyNotUp = false;
        for (HealthContributor c : contributors) {
            ComponentHealth h;
            try {
                h = c.check();
            } catch (RuntimeException e) {
                h = ComponentHealth.down("health check failed: " + e.getMessage(), Map.of());
            }
            components.put(c.name(), h);
            if (!h.isUp()) {
                anyNotUp = true;
                if (c.critical() && ComponentHealth.DOWN.equals(h.status())) {
                    criticalDown = true;
                }
            }
        }
        String status = criticalDown ? ComponentHealth.DOWN : anyNotUp ? ComponentHealth.DEGRADED : ComponentHealth.UP;
        return new Report(status, version, Duration.between(startedAt, Instant.now()).toSeconds(), Instant.now(), components);
    }

    /** Ready when no critical component is down. */
    public boolean ready() {
        for (HealthContributor c : contributors) {
            if (c.critical()) {
                ComponentHealth h = c.check();
                if (ComponentHealth.DOWN.equals(h.status())) {
                    return false;
                }
            }
        }
        return true;
    }

    public record Report(String status, String version, long uptimeSeconds, Instant checkedAt,
                         Map<String, ComponentHealth> components) {
    }
}
