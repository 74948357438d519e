package dev.opsdeck.backend.platform.services;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every managed service of one backend, by name. Domains register theirs; the ops domain exposes them. */
public final class ServiceRegistry {
    private final Map<String, ManagedService> services = Collections.synchronizedMap(new LinkedHashMap<>());

    public void register(ManagedService s) {
        if (services.putIfAbsent(s.name(), s) != null) {
            throw new IllegalStateException("service registered twice: " + s.name());
        }
    }

    public Optional<ManagedService> find(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Collection<ManagedService> all() {
        synchronized (services) {
            return java.util.List.copyOf(services.values());
        }
    }
}
