package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.events.EventBus;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the state each worker was last shown in and announces changes on the {@code workers} topic:
 * {@code worker.joined} on a first heartbeat, {@code worker.state_changed} when a heartbeat brings a worker back
 * or when the periodic sweep sees its heartbeat age cross a threshold.
 */
final class StateTracker {
    static final String TOPIC = "workers";

    private final Map<String, WorkerState> shown = new ConcurrentHashMap<>();
    private final FleetCache cache;
    private final WorkerSettings settings;
    private final EventBus events;
    private final Clock clock;
    private volatile Map<WorkerState, Integer> counts = new EnumMap<>(WorkerState.class);

    StateTracker(FleetCache cache, WorkerSettings settings, EventBus events, Clock clock) {
        this.cache = cache;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Takes the states as they are now without announcing them (start-up). */
    void prime() {
        Instant now = clock.instant();
        for (WorkerSnapshot s : cache.all()) {
            shown.put(s.workerId(), WorkerState.of(s.lastHeartbeat(), now, settings));
        }
        recount(now);
    }

    void heartbeat(IngestResults.Heartbeat r) {
        WorkerState before = shown.put(r.workerId(), WorkerState.ONLINE);
        if (r.joined()) {
            events.publish(TOPIC, "worker.joined", Map.of("worker_id", r.workerId(), "at", r.receivedAt().toString()));
        } else if (before != null && before != WorkerState.ONLINE) {
            changed(r.workerId(), before, WorkerState.ONLINE, r.receivedAt());
        }
        if (r.restartDetected()) {
            events.publish(TOPIC, "worker.restarted", Map.of("worker_id", r.workerId(), "restart_count", r.restartCount(),
                    "at", r.receivedAt().toString()));
        }
    }

    /** Re-judges every worker; returns the ones whose state changed (id -> new state) for the database. */
    Map<String, String> sweep() {
        Instant now = clock.instant();
        Map<String, String> changes = new LinkedHashMap<>();
        for (WorkerSnapshot s : cache.all()) {
            WorkerState now1 = WorkerState.of(s.lastHeartbeat(), now, settings);
            WorkerState before = shown.put(s.workerId(), now1);
            if (before != null && before != now1) {
                changed(s.workerId(), before, now1, now);
                changes.put(s.workerId(), now1.id());
            }
        }
        recount(now);
        return changes;
    }

    private void changed(String worker, WorkerState from, WorkerState to, Instant at) {
        events.publish(TOPIC, "worker.state_changed", Map.of("worker_id", worker, "from", from.id(), "to", to.id(), "at", at.toString()));
    }

    private void recount(Instant now) {
        Map<WorkerState, Integer> c = new EnumMap<>(WorkerState.class);
        for (WorkerState s : WorkerState.values()) {
            c.put(s, 0);
        }
        for (WorkerSnapshot s : cache.all()) {
            c.merge(WorkerState.of(s.lastHeartbeat(), now, settings), 1, Integer::sum);
        }
        counts = c;
    }

    /** Workers that answer (online or late), as of the last sweep; what {@code active_workers_total} reports. */
    int active() {
        Map<WorkerState, Integer> c = counts;
        return c.getOrDefault(WorkerState.ONLINE, 0) + c.getOrDefault(WorkerState.LATE, 0);
    }
}
