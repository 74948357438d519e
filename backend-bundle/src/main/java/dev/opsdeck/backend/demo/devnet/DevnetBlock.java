package dev.opsdeck.backend.demo.devnet;

import java.util.List;

/**
 * A devnet block. Its generated events are a pure function of its hash (see {@link EventGenerator}), so a chain of
 * a million events costs a few bytes per block; {@code extra} holds events submitted through the devnet's own
 * methods (checkpoints), which are not reproducible from the hash.
 */
public record DevnetBlock(long number, String hash, String parentHash, long timestamp, int eventCount, List<DevnetEvent> extra) {
}
