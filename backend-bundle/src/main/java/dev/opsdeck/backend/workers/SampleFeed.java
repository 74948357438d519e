package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.events.EventBus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coalesces committed GPU samples into one {@code gpu.samples} event per flush (the latest value per GPU), so a
 * fleet posting thousands of samples a second costs WebSocket clients one message a second, not thousands.
 */
final class SampleFeed {
    static final int MAX_PER_EVENT = 2_000;

    private final EventBus events;
    private Map<String, Map<String, Object>> pending = new LinkedHashMap<>();
    private long count;

    SampleFeed(EventBus events) {
        this.events = events;
    }

    synchronized void add(List<Rows.Sample> samples) {
        for (Rows.Sample s : samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("worker_id", s.workerId());
            m.put("gpu_index", s.gpu().index());
            m.put("recorded_at", s.at().toString());
            m.put("utilization_percent", s.gpu().utilization());
            m.put("temperature_c", s.gpu().temperature());
            m.put("power_watts", s.gpu().power());
            m.put("memory_used_mb", s.gpu().memoryUsed());
            pending.put(s.workerId() + "/" + s.gpu().index(), m);
        }
        count += samples.size();
    }

    /** Publishes what accumulated since the last flush, if anything. */
    void flush() {
        Map<String, Map<String, Object>> batch;
        long n;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            n = count;
            pending = new LinkedHashMap<>();
            count = 0;
        }
        List<Map<String, Object>> latest = new ArrayList<>(batch.values());
        boolean truncated = latest.size() > MAX_PER_EVENT;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("samples_committed", n);
        data.put("gpus", latest.size());
        data.put("truncated", truncated);
        data.put("latest", truncated ? latest.subList(0, MAX_PER_EVENT) : latest);
        events.publish(StateTracker.TOPIC, "gpu.samples", data);
    }
}
