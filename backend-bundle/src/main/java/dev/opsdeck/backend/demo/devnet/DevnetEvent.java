package dev.opsdeck.backend.demo.devnet;

import java.util.List;

/** One event in a devnet block: emitter, keys, data and the transaction that emitted it. */
public record DevnetEvent(String fromAddress, List<String> keys, List<String> data, String transactionHash) {
}
