package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.rpc.Felt;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@link ValidatorRewards} over the event index. */
final class IndexedRewards implements ValidatorRewards {
    private final ChainRepository repo;

    IndexedRewards(ChainRepository repo) {
        this.repo = repo;
    }

    @Override
    public RewardSummary summary(String validator) {
        String v = Felt.of(validator);
        Map<String, BigDecimal> t = repo.rewardTotals(v);
        BigDecimal accrued = t.getOrDefault("RewardAccrued", BigDecimal.ZERO);
        BigDecimal claimed = t.getOrDefault("RewardClaimed", BigDecimal.ZERO);
        return new RewardSummary(v, accrued, claimed, accrued.subtract(claimed).max(BigDecimal.ZERO));
    }

    @Override
    public List<RewardEvent> history(String validator, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        return repo.events(null, null, Felt.of(validator), List.of("RewardAccrued", "RewardClaimed"), Long.MAX_VALUE, limit).stream()
                .map(e -> new RewardEvent(e.eventType().equals("RewardAccrued") ? "accrued" : "claimed", e.amount(),
                        e.eventType().equals("RewardAccrued") ? e.label() : null, e.blockNumber(), e.transactionHash(), e.blockTime()))
                .toList();
    }
}
