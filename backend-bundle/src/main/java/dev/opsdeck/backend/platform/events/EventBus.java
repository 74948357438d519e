package dev.opsdeck.backend.platform.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-process publish/subscribe that every domain publishes to. Listeners must not block:
 * the WebSocket hub, for one, only enqueues.
 */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener; returns a handle that removes it. */
    public AutoCloseable subscribe(Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(Event event) {
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // One broken listener must not keep the event from the others.
                log.warn("event listener failed on {}: {}", event.type(), e.toString());
            }
        }
    }

    public void publish(String topic, String type, Object data) {
        publish(Event.of(topic, type, data));
    }
}
