package dev.opsdeck.backend.demo.devnet;

import dev.opsdeck.backend.chain.indexer.ChainEventType;
import dev.opsdeck.backend.chain.indexer.ContractRole;
import dev.opsdeck.backend.chain.rpc.Felt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plausible traffic from the five contracts: stakes and unstakes by a small validator set, reward accruals and
 * claims, consensus votes and rounds, reputation updates, jobs moving through their lifecycle, OTC orders and
 * trades, governance votes. Deterministic per block hash, so any block's events can be regenerated on demand.
 */
final class EventGenerator {
    private static final BigInteger SAGE = BigInteger.TEN.pow(18);
    static final List<String> VALIDATORS = List.of(
            "0x5a9e1d7c0b8a3e4f2d6c1b0a9e8d7c6b5a4f3e2d1c0b9a8e7d6c5b4a3f2e1d0",
            "0x3c1f9e7d5b3a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6",
            "0x7e3a5c1b9d8f7e6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2",
            "0x2b8d4f6a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a4c6e8b0d2f3a5c7e9b1",
            "0x6f0e2d4c6b8a0f1e3d5c7b9a1f2e4d6c8b0a3f5e7d9c1b2a4f6e8d0c3b5a7f9",
            "0x4d2b6f8e0c1a3f5d7b9e2c4a6f8d0b1e3c5a7f9d2b4e6c8a0f3d5b7e9c1a2f4");

    private final Map<ContractRole, String> contracts;
    private final int meanEvents;
    private final boolean fixedCount;

    /**
     * @param meanEvents events per block on average (fixed exactly when {@code fixedCount}, as benchmarks want)
     */
    EventGenerator(Map<ContractRole, String> contracts, int meanEvents, boolean fixedCount) {
        this.contracts = contracts;
        this.meanEvents = meanEvents;
        this.fixedCount = fixedCount;
    }

    int countFor(long seed) {
        if (fixedCount) {
            return meanEvents;
        }
        return new SplittableRandom(seed).nextInt(0, 2 * meanEvents + 1);
    }

    /** Exactly {@code count} events for the block with this hash. */
    List<DevnetEvent> generate(long number, String blockHash, int count) {
        BigInteger hash = Felt.value(blockHash);
        SplittableRandom r = new SplittableRandom(hash.longValue() ^ number);
        List<DevnetEvent> out = new ArrayList<>(count);
        int tx = 0;
        while (out.size() < count) {
            String txHash = Felt.of(hash.xor(BigInteger.valueOf(++tx * 0x9E3779B97F4A7C15L & Long.MAX_VALUE)));
            int perTx = Math.min(count - out.size(), 1 + r.nextInt(3));
            for (int i = 0; i < perTx; i++) {
                out.add(event(r, txHash, number));
            }
        }
        return out;
    }

    private DevnetEvent event(SplittableRandom r, String tx, long block) {
        String v = VALIDATORS.get(r.nextInt(VALIDATORS.size()));
        int roll = r.nextInt(100);
        if (roll < 12) {
            return ev(ChainEventType.STAKED, tx, List.of(v), u256(sage(r, 1_000, 5_000)));
        } else if (roll < 16) {
            return ev(ChainEventType.UNSTAKED, tx, List.of(v), u256(sage(r, 100, 800)));
        } else if (roll < 17) {
            return ev(ChainEventType.SLASHED, tx, List.of(v), concat(u256(sage(r, 10, 100)), Felt.of(1 + r.nextInt(3))));
        } else if (roll < 27) {
            return ev(ChainEventType.REWARD_ACCRUED, tx, List.of(v), concat(u256(sage(r, 1, 20)), Felt.of(block / 10)));
        } else if (roll < 31) {
            return ev(ChainEventType.REWARD_CLAIMED, tx, List.of(v), u256(sage(r, 1, 10)));
        } else if (roll < 41) {
            return ev(ChainEventType.CONSENSUS_VOTE, tx, List.of(v), List.of(Felt.of(block), Felt.of(r.nextInt(10) < 9 ? 1 : 0)));
        } else if (roll < 45) {
            return ev(ChainEventType.CONSENSUS_ROUND, tx, List.of(Felt.of(block)), List.of(Felt.of(r.nextInt(10) < 8 ? 1 : r.nextInt(3) == 0 ? 2 : 0), Felt.of(3 + r.nextInt(4))));
        } else if (roll < 46) {
            return ev(ChainEventType.FRAUD_DETECTED, tx, List.of(v), List.of(Felt.of(r.nextInt(1_000_000))));
        } else if (roll < 52) {
            return ev(ChainEventType.REPUTATION_UPDATED, tx, List.of(v), List.of(Felt.of(600 + r.nextInt(400))));
        } else if (roll < 60) {
            return ev(ChainEventType.JOB_SUBMITTED, tx, List.of(Felt.of(r.nextInt(1_000_000))), concat(List.of(felt(r)), u256(sage(r, 1, 50))));
        } else if (roll < 66) {
            return ev(ChainEventType.JOB_ASSIGNED, tx, List.of(Felt.of(r.nextInt(1_000_000))), List.of(v));
        } else if (roll < 73) {
            return ev(ChainEventType.JOB_COMPLETED, tx, List.of(Felt.of(r.nextInt(1_000_000))), concat(List.of(v), u256(sage(r, 1, 50))));
        } else if (roll < 75) {
            return ev(ChainEventType.JOB_FAILED, tx, List.of(Felt.of(r.nextInt(1_000_000))), List.of(v, Felt.of(1 + r.nextInt(4))));
        } else if (roll < 82) {
            List<String> d = new ArrayList<>(List.of(felt(r), Felt.of(r.nextInt(2))));
            d.addAll(u256(sage(r, 1, 3)));
            d.addAll(u256(sage(r, 100, 10_000)));
            return ev(ChainEventType.ORDER_PLACED, tx, List.of(Felt.of(r.nextInt(1_000_000))), d);
        } else if (roll < 89) {
            List<String> d = new ArrayList<>(List.of(felt(r), felt(r)));
            d.addAll(u256(sage(r, 1, 3)));
            d.addAll(u256(sage(r, 100, 10_000)));
            return ev(ChainEventType.TRADE_EXECUTED, tx, List.of(Felt.of(r.nextInt(1_000_000))), d);
        } else if (roll < 91) {
            return ev(ChainEventType.ORDER_CANCELLED, tx, List.of(Felt.of(r.nextInt(1_000_000))), List.of(felt(r)));
        } else if (roll < 94) {
            return ev(ChainEventType.GOVERNANCE_VOTE, tx, List.of(v), concat(List.of(Felt.of(1 + r.nextInt(5)), Felt.of(r.nextInt(2))), u256(sage(r, 100, 5_000))));
        }
        return ev(ChainEventType.TRANSFER, tx, List.of(felt(r), felt(r)), u256(sage(r, 1, 1_000)));
    }

    private DevnetEvent ev(ChainEventType type, String tx, List<String> keys, List<String> data) {
        List<String> k = new ArrayList<>(keys.size() + 1);
        k.add(type.selector());
        k.addAll(keys);
        return new DevnetEvent(contracts.get(type.contract()), k, data, tx);
    }

    private static BigInteger sage(SplittableRandom r, int min, int max) {
        return BigInteger.valueOf(min + r.nextInt(max - min)).multiply(SAGE).add(BigInteger.valueOf(r.nextLong(1_000_000_000_000_000L)));
    }

    private static List<String> u256(BigInteger v) {
        return List.of(Felt.toU256(v));
    }

    /** A random 250-bit felt in spec form, straight from four random longs (the devnet makes millions of these). */
    private static String felt(SplittableRandom r) {
        HexFormat hex = HexFormat.of();
        String digits = hex.toHexDigits(r.nextLong() >>> 6) + hex.toHexDigits(r.nextLong()) + hex.toHexDigits(r.nextLong())
                + hex.toHexDigits(r.nextLong());
        int first = 0;
        while (first < 63 && digits.charAt(first) == '0') {
            first++;
        }
        return "0x" + digits.substring(first);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
