package dev.opsdeck.backend.demo.devnet;

import dev.opsdeck.backend.chain.indexer.ChainEventType;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.rpc.Felt;
import dev.opsdeck.backend.chain.rpc.StarknetKeccak;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The view functions the devnet's contracts answer through {@code starknet_call}, computed from the chain's
 * own events up to the requested block: {@code get_stake(validator)} and {@code total_staked()} on the staking
 * contract (u256), {@code get_reputation(validator)} on the reputation manager.
 */
final class ContractState {
    private static final String GET_STAKE = StarknetKeccak.selector("get_stake");
    private static final String TOTAL_STAKED = StarknetKeccak.selector("total_staked");
    private static final String GET_REPUTATION = StarknetKeccak.selector("get_reputation");

    private final DevnetChain chain;

    ContractState(DevnetChain chain) {
        this.chain = chain;
    }

    List<String> call(ContractRole contract, String selector, List<String> calldata, DevnetBlock at) {
        if (contract == ContractRole.PROVER_STAKING && selector.equals(GET_STAKE)) {
            return List.of(Felt.toU256(stake(arg(calldata), at)));
        }
        if (contract == ContractRole.PROVER_STAKING && selector.equals(TOTAL_STAKED)) {
            if (!calldata.isEmpty()) {
                throw failed("total_staked takes no arguments");
            }
            return List.of(Felt.toU256(stake(null, at)));
        }
        if (contract == ContractRole.REPUTATION_MANAGER && selector.equals(GET_REPUTATION)) {
            return List.of(Felt.of(reputation(arg(calldata), at)));
        }
        throw new RpcError(21, "Requested entrypoint does not exist in the contract");
    }

    private static String arg(List<String> calldata) {
        if (calldata.size() != 1 || !Felt.isSpecForm(calldata.get(0))) {
            throw failed("expected one felt argument (the validator address)");
        }
        return calldata.get(0);
    }

    private static RpcError failed(String why) {
        return new RpcError(40, "Contract error", Map.of("revert_error", "Failure reason: " + why));
    }

    private BigInteger stake(String validator, DevnetBlock at) {
        BigInteger total = BigInteger.ZERO;
        String staked = ChainEventType.STAKED.selector();
        String unstaked = ChainEventType.UNSTAKED.selector();
        String slashed = ChainEventType.SLASHED.selector();
        String staking = chain.contracts().get(ContractRole.PROVER_STAKING);
        for (long n = 0; n <= at.number(); n++) {
            DevnetBlock b = chain.block(n).orElseThrow(RpcError::blockNotFound);
            for (DevnetEvent e : chain.events(b)) {
                if (!e.fromAddress().equals(staking) || validator != null && !validator.equals(e.keys().get(1))) {
                    continue;
                }
                String sel = e.keys().get(0);
                BigInteger amount = sel.equals(staked) || sel.equals(unstaked) || sel.equals(slashed)
                        ? Felt.u256(e.data().get(0), e.data().get(1)) : BigInteger.ZERO;
                total = sel.equals(staked) ? total.add(amount) : total.subtract(amount);
            }
        }
        return total.max(BigInteger.ZERO);
    }

    private long reputation(String validator, DevnetBlock at) {
        long score = 0;
        String updated = ChainEventType.REPUTATION_UPDATED.selector();
        String manager = chain.contracts().get(ContractRole.REPUTATION_MANAGER);
        for (long n = 0; n <= at.number(); n++) {
            for (DevnetEvent e : chain.events(chain.block(n).orElseThrow(RpcError::blockNotFound))) {
                if (e.fromAddress().equals(manager) && e.keys().get(0).equals(updated) && validator.equals(e.keys().get(1))) {
                    score = Felt.value(e.data().get(0)).longValue();
                }
            }
        }
        return score;
    }
}
