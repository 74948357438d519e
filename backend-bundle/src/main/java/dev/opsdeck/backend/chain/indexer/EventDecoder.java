package dev.opsdeck.backend.chain.indexer;

import dev.opsdeck.backend.chain.rpc.EmittedEvent;
import dev.opsdeck.backend.chain.rpc.Felt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * Turns an emitted event into a row: its type by selector, and subject, amount and label by the layout in
 * {@link ChainEventType}. An event whose layout does not match (too few keys or data) is kept with type
 * {@code unknown} rather than dropped: the index must hold exactly what the chain holds.
 */
public final class EventDecoder {
    private static final BigInteger MAX_AMOUNT = BigInteger.TEN.pow(38);
    private final Map<String, ContractRole> roleByAddress;

    public EventDecoder(Map<String, ContractRole> roleByAddress) {
        this.roleByAddress = Map.copyOf(roleByAddress);
    }

    public IndexedEvent decode(EmittedEvent e, int eventIndex, Instant blockTime) {
        ChainEventType type = e.keys().isEmpty() ? null : ChainEventType.bySelector(e.keys().get(0));
        if (type != null && roleByAddress.get(e.fromAddress()) != type.contract()) {
            type = null; // a selector we know, from a contract that is not the one that defines it
        }
        String subject = null;
        BigDecimal amount = null;
        String label = null;
        String name = "unknown";
        String topic = "chain";
        if (type != null) {
            try {
                int s = type.subjectPos();
                subject = s >= 0 ? e.keys().get(s) : e.data().get(-s - 1);
                if (type.amountPos() >= 0) {
                    BigInteger raw = Felt.u256(e.data().get(type.amountPos()), e.data().get(type.amountPos() + 1));
                    amount = raw.compareTo(MAX_AMOUNT) < 0 ? new BigDecimal(raw, type.decimals()) : null;
                } else if (type.amountPos() == -2) {
                    amount = new BigDecimal(Felt.value(e.data().get(0)));
                }
                if (type.labelDataPos() >= 0) {
                    label = Felt.value(e.data().get(type.labelDataPos())).toString();
                }
                name = type.eventName();
                topic = type.topic();
            } catch (IndexOutOfBoundsException | NumberFormatException ex) {
                subject = null;
                amount = null;
                label = null;
            }
        }
        return new IndexedEvent(e.blockNumber(), e.blockHash(), e.transactionHash(), eventIndex, e.fromAddress(), name,
                e.keys(), e.data(), blockTime, subject, amount, label, topic);
    }
}
