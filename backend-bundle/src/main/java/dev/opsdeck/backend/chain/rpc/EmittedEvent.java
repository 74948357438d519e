package dev.opsdeck.backend.chain.rpc;

import java.util.List;

/** The spec's {@code EMITTED_EVENT}: an event with the block and transaction that emitted it. */
public record EmittedEvent(String fromAddress, List<String> keys, List<String> data, String blockHash,
                           long blockNumber, String transactionHash) {
}
