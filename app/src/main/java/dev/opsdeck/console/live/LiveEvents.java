package dev.opsdeck.console.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Consumer;

/**
 * The backend's push events ({@code /ws}: {@code {type, topic, ts, data}}) for the screens. Listeners get the
 * events of one topic in batches on the UI thread, coalesced per frame, never one call per socket message.
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
