package dev.opsdeck.backend.alerts;

import java.util.List;
import java.util.Map;

/**
 * The silences and acknowledgements in force at one instant: what the engine asks before notifying.
 *
 * @param acks active acks by alert fingerprint
 */
record Mutes(List<Silence> silences, Map<String, Ack> acks) {
    static final Mutes NONE = new Mutes(List.of(), Map.of());

    List<Long> silencedBy(Map<String, String> labels) {
        return silences.stream().filter(s -> s.matches(labels)).map(Silence::id).toList();
    }

    boolean muted(String fingerprint, Map<String, String> labels) {
        return acks.containsKey(fingerprint) || silences.stream().anyMatch(s -> s.matches(labels));
    }
}
