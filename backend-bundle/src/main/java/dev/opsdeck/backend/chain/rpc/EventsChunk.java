package dev.opsdeck.backend.chain.rpc;

import java.util.List;

/** The spec's {@code EVENTS_CHUNK}: one page of events and the token for the next page (null on the last). */
public record EventsChunk(List<EmittedEvent> events, String continuationToken) {
}
