package dev.opsdeck.backend.chain.indexer;

import dev.opsdeck.backend.chain.rpc.StarknetKeccak;

import java.util.HashMap;
import java.util.Map;

/**
 * The events of the five contracts of the validator dashboard guide (plus the audit checkpoint contract), with
 * the layout the decoder reads: {@code keys[0]} is {@code sn_keccak(name)}, the subject (validator, worker,
 * order maker...) sits at a key or data position, token amounts are Cairo u256 (low, high) in 18 decimals.
 * The demo devnet emits exactly these, so decoding is exercised by real traffic.
 */
public enum ChainEventType {
    // SAGE token
    TRANSFER("Transfer", ContractRole.SAGE_TOKEN, "chain", key(2), 0, 18, -1),
    GOVERNANCE_VOTE("GovernanceVote", ContractRole.SAGE_TOKEN, "governance", key(1), 2, 18, 1),
    // Prover staking
    STAKED("Staked", ContractRole.PROVER_STAKING, "staking", key(1), 0, 18, -1),
    UNSTAKED("Unstaked", ContractRole.PROVER_STAKING, "staking", key(1), 0, 18, -1),
    SLASHED("Slashed", ContractRole.PROVER_STAKING, "staking", key(1), 0, 18, 2),
    REWARD_ACCRUED("RewardAccrued", ContractRole.PROVER_STAKING, "staking", key(1), 0, 18, 2),
    REWARD_CLAIMED("RewardClaimed", ContractRole.PROVER_STAKING, "staking", key(1), 0, 18, -1),
    // Reputation manager (consensus)
    REPUTATION_UPDATED("ReputationUpdated", ContractRole.REPUTATION_MANAGER, "staking", key(1), -2, 0, -1),
    CONSENSUS_VOTE("ConsensusVote", ContractRole.REPUTATION_MANAGER, "chain", key(1), -1, 0, 1),
    CONSENSUS_ROUND("ConsensusRound", ContractRole.REPUTATION_MANAGER, "chain", key(1), -1, 0, 0),
    FRAUD_DETECTED("FraudDetected", ContractRole.REPUTATION_MANAGER, "chain", key(1), -1, 0, 0),
    // Job manager
    JOB_SUBMITTED("JobSubmitted", ContractRole.JOB_MANAGER, "jobs", data(0), 1, 18, -1),
    JOB_ASSIGNED("JobAssigned", ContractRole.JOB_MANAGER, "jobs", data(0), -1, 0, -1),
    JOB_COMPLETED("JobCompleted", ContractRole.JOB_MANAGER, "jobs", data(0), 1, 18, -1),
    JOB_FAILED("JobFailed", ContractRole.JOB_MANAGER, "jobs", data(0), -1, 0, 1),
    // OTC order book
    ORDER_PLACED("OrderPlaced", ContractRole.OTC_ORDERBOOK, "trading", data(0), 4, 18, 1),
    TRADE_EXECUTED("TradeExecuted", ContractRole.OTC_ORDERBOOK, "trading", data(1), 4, 18, -1),
    ORDER_CANCELLED("OrderCancelled", ContractRole.OTC_ORDERBOOK, "trading", data(0), -1, 0, -1),
    // Audit checkpoints (payments environment's witness)
    CHECKPOINT_PUBLISHED("CheckpointPublished", ContractRole.CHECKPOINT, "chain", key(1), -1, 0, -1);

    private static final Map<String, ChainEventType> BY_SELECTOR = new HashMap<>();

    static {
        for (ChainEventType t : values()) {
            BY_SELECTOR.put(t.selector, t);
        }
    }

    private final String eventName;
    private final ContractRole contract;
    private final String topic;
    private final int subjectPos;
    private final int amountPos;
    private final int decimals;
    private final int labelDataPos;
    private final String selector;

    /**
     * @param subjectPos   {@code >= 0}: index into keys; {@code < 0}: data index {@code -pos-1} (see {@link #key}/{@link #data})
     * @param amountPos    data index of the u256 amount's low half; {@code -2}: a plain felt score at data 0; {@code -1}: none
     * @param labelDataPos data index of a small categorical value (side, support, outcome, reason), {@code -1}: none
     */
    ChainEventType(String eventName, ContractRole contract, String topic, int subjectPos, int amountPos, int decimals, int labelDataPos) {
        this.eventName = eventName;
        this.contract = contract;
        this.topic = topic;
        this.subjectPos = subjectPos;
        this.amountPos = amountPos;
        this.decimals = decimals;
        this.labelDataPos = labelDataPos;
        this.selector = StarknetKeccak.selector(eventName);
    }

    private static int key(int i) {
        return i;
    }

    private static int data(int i) {
        return -i - 1;
    }

    public static ChainEventType bySelector(String selector) {
        return BY_SELECTOR.get(selector);
    }

    public String eventName() {
        return eventName;
    }

    public ContractRole contract() {
        return contract;
    }

    /** The WebSocket topic decoded events of this type are published on. */
    public String topic() {
        return topic;
    }

    public String selector() {
        return selector;
    }

    int subjectPos() {
        return subjectPos;
    }

    int amountPos() {
        return amountPos;
    }

    int decimals() {
        return decimals;
    }

    int labelDataPos() {
        return labelDataPos;
    }
}
