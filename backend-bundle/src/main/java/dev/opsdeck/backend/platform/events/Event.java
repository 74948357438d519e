package dev.opsdeck.backend.platform.events;

import java.time.Instant;

/**
 * One event on the bus and on the WebSocket: {@code {type, topic, ts, data}}.
 *
 * @param type  what happened, e.g. {@code worker.joined}, {@code alert.firing}, {@code backup.progress}
 * @param topic stream it belongs to: {@code jobs}, {@code workers}, {@code trading}, {@code staking},
 *              {@code governance}, {@code alerts}, {@code ops}, {@code logs}, {@code chain}, {@code system}
 * @param ts    when it happened at the backend
 * @param data  JSON-serialisable payload
 */
public record Event(String type, String topic, Instant ts, Object data) {
    public static Event of(String topic, String type, Object data) {
        return new Event(type, topic, Instant.now(), data);
    }
}
