package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.indexer.IndexerService;
import dev.opsdeck.backend.chain.rpc.BlockId;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.chain.rpc.FunctionCall;
import dev.opsdeck.backend.chain.rpc.RpcUnavailableException;
import dev.opsdeck.backend.chain.rpc.StarknetClient;
import dev.opsdeck.backend.chain.rpc.StarknetRpcException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validator stake, reputation and rewards: from the index (cheap, consistent with the indexed height) and, for
 * a single validator, also read live from the staking contract with {@code starknet_call}, so an operator can
 * see when the index lags the chain.
 */
final class ValidatorService {
    private final ChainRepository repo;
    private final StarknetClient client;
    private final ValidatorRewards rewards;
    private final Map<ContractRole, String> contracts;
    private final IndexerService indexer;

    ValidatorService(ChainRepository repo, StarknetClient client, Map<ContractRole, String> contracts, IndexerService indexer) {
        this.repo = repo;
        this.client = client;
        this.rewards = new IndexedRewards(repo);
        this.contracts = contracts;
        this.indexer = indexer;
    }

    record Validator(String address, BigDecimal stake, BigDecimal reputation, String status,
                     ValidatorRewards.RewardSummary rewards) {
    }

    record Overview(long validators, long activeValidators, BigDecimal totalStaked, Long indexedBlock, Long chainHead,
                    double lagSeconds, List<Validator> list) {
    }

    record Single(Validator validator, Long indexedBlock, BigDecimal onChainStake, String onChainError) {
    }

    Overview overview() {
        Map<String, BigDecimal> stakes = repo.stakes();
        Map<String, BigDecimal> reps = repo.reputations();
        List<Validator> list = new ArrayList<>();
        for (String v : union(stakes, reps)) {
            list.add(validator(v, stakes, reps));
        }
        list.sort(Comparator.comparing(Validator::stake).reversed());
        BigDecimal total = list.stream().map(Validator::stake).filter(s -> s.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        var last = indexer == null ? null : indexer.last();
        return new Overview(list.size(), list.stream().filter(v -> v.stake().signum() > 0).count(), total,
                last == null ? null : last.indexedBlock(), last == null ? null : last.headBlock(),
                indexer == null ? 0 : indexer.lagSeconds(), list);
    }

    /** One validator; empty when the index has never seen it. */
    Optional<Single> one(String address) {
        String v = Felt.of(address);
        Map<String, BigDecimal> stakes = repo.stakes();
        Map<String, BigDecimal> reps = repo.reputations();
        if (!stakes.containsKey(v) && !reps.containsKey(v)) {
            return Optional.empty();
        }
        BigDecimal live = null;
        String error = null;
        try {
            List<String> r = client.call(FunctionCall.of(contracts.get(ContractRole.PROVER_STAKING), "get_stake", v), BlockId.LATEST);
            live = new BigDecimal(Felt.u256(r.get(0), r.get(1)), 18);
        } catch (RpcUnavailableException | StarknetRpcException | IndexOutOfBoundsException e) {
            error = e.getMessage();
        }
        var last = indexer == null ? null : indexer.last();
        return Optional.of(new Single(validator(v, stakes, reps), last == null ? null : last.indexedBlock(), live, error));
    }

    private Validator validator(String v, Map<String, BigDecimal> stakes, Map<String, BigDecimal> reps) {
        BigDecimal stake = stakes.getOrDefault(v, BigDecimal.ZERO).max(BigDecimal.ZERO);
        return new Validator(v, stake, reps.get(v), stake.signum() > 0 ? "active" : "inactive", rewards.summary(v));
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        a.keySet().forEach(k -> m.put(k, true));
        b.keySet().forEach(k -> m.put(k, true));
        return new ArrayList<>(m.keySet());
    }
}
