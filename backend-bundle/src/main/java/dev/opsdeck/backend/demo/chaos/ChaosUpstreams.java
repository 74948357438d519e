package dev.opsdeck.backend.demo.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The demo's flaky upstreams by name (e.g. arkd, tapd, lnd), each on its own loopback port. */
public final class ChaosUpstreams implements AutoCloseable {
    private final Map<String, ChaosUpstream> upstreams = new LinkedHashMap<>();

    private ChaosUpstreams() {
    }

    public static ChaosUpstreams start(List<String> names) {
        ChaosUpstreams all = new ChaosUpstreams();
        try {
            for (String n : names) {
                all.upstreams.put(n, ChaosUpstream.start(n));
            }
        } catch (IOException e) {
            all.close();
            throw new UncheckedIOException("cannot start the demo upstreams", e);
        }
        return all;
    }

    public Optional<ChaosUpstream> find(String name) {
        return Optional.ofNullable(upstreams.get(name));
    }

    public Collection<ChaosUpstream> all() {
        return upstreams.values();
    }

    @Override
    public void close() {
        upstreams.values().forEach(ChaosUpstream::close);
    }
}
