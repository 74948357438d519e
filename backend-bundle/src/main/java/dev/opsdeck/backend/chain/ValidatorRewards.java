package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.platform.store.Database;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Rewards of one validator as the chain index knows them (RewardAccrued / RewardClaimed events of the staking
 * contract). For the routes {@code /api/validator/rewards} and {@code /api/validator/history}, which the
 * workers domain owns: build one with {@link #over(Database)} from {@code ctx.database()}.
 */
public interface ValidatorRewards {
    /**
     * Totals for a validator.
     *
     * @param validator the validator's address as a felt ({@code 0x...}); normalised, so any hex spelling works
     * @throws IllegalArgumentException when {@code validator} is not a felt
     */
    RewardSummary summary(String validator);

    /** Accruals and claims, newest first, at most {@code limit} (1..1000). */
    List<RewardEvent> history(String validator, int limit);

    /** The index over this database. */
    static ValidatorRewards over(Database db) {
        return new IndexedRewards(new ChainRepository(db));
    }

    /**
     * @param claimable accrued minus claimed, never below zero
     */
    record RewardSummary(String validator, BigDecimal accrued, BigDecimal claimed, BigDecimal claimable) {
    }

    /**
     * @param kind  {@code accrued} or {@code claimed}
     * @param epoch the reward epoch of an accrual, null for a claim
     */
    record RewardEvent(String kind, BigDecimal amount, String epoch, long blockNumber, String transactionHash, Instant blockTime) {
    }
}
