package dev.opsdeck.console.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Consumer;

/**
 * The backend's push events ({@code /ws}: {@code {type, topic, ts, data}}) for the screens. Listeners get the
 * events of one topic in batches on the UI thread, coalesced per frame, never one call per socket message.
 *
 * <p><b>Resync after a reconnect.</b> Events published while the socket was down are not replayed. When the feed
 * reconnects to the same backend it publishes a synthetic event {@code {"type": "resync", "topic": "system",
 * "ts": ..., "data": {"reason": ...}}}; a screen that keeps state built from events subscribes to topic
 * {@code system} and, on a {@code resync}, refetches over REST what it may have missed (backfill). It is not
 * published on the first connection nor on an environment switch (pages are shown again then and reload).
 */
public interface LiveEvents {

    /**
     * Delivers every event of {@code topic} (e.g. {@code workers}, {@code alerts}, {@code ops}, {@code jobs},
     * {@code chain}, {@code logs}) to {@code onUi} on the UI thread until the returned handle is closed.
     */
    Subscription subscribe(String topic, Consumer<List<JsonNode>> onUi);

    /** Handle of a subscription. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
