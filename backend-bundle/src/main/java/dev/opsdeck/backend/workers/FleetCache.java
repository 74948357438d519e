package dev.opsdeck.backend.workers;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coordinator's in-memory view of its workers, written only by the ingest writer after a commit (so it never
 * shows what the database does not hold) and read by request threads, gauges and the state sweep.
 * Filled from the database at start, and on a miss (a worker that registered through another coordinator).
 */
final class FleetCache {
    private final Map<String, WorkerSnapshot> workers = new ConcurrentHashMap<>();

    WorkerSnapshot get(String workerId) {
        return workers.get(workerId);
    }

    void put(WorkerSnapshot s) {
        workers.put(s.workerId(), s);
    }

    /** For loads from the database on a miss: never replaces what the writer put meanwhile (it is newer). */
    void putIfAbsent(WorkerSnapshot s) {
        workers.putIfAbsent(s.workerId(), s);
    }

    Collection<WorkerSnapshot> all() {
        return workers.values();
    }

    int size() {
        return workers.size();
    }
}
