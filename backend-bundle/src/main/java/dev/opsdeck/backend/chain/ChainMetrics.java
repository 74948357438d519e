package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.IndexerService;
import dev.opsdeck.backend.platform.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.snapshots.Labels;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The indexer metrics of the validator dashboard guide ({@code indexer_block_height}, {@code indexer_lag_seconds},
 * {@code total_staked_sage}, the {@code consensus_*} family). The decoded figures are aggregates over the index,
 * recomputed after new ranges or a reorg (at most every few seconds) rather than on every scrape; the
 * {@code _total} ones are untyped gauges because a reorg can lower them, which a counter must never do.
 */
final class ChainMetrics {
    private static final long REFRESH_MS = 2_000;

    private final ChainRepository repo;
    private final Clock clock;
    private final AtomicReference<Figures> figures = new AtomicReference<>(Figures.EMPTY);
    private final Counter reorgs;
    private volatile Instant refreshedAt = Instant.EPOCH;
    private volatile boolean dirty = true;

    ChainMetrics(Metrics metrics, ChainRepository repo, IndexerService indexer, Clock clock) {
        this.repo = repo;
        this.clock = clock;
        var registry = metrics.registry();
        GaugeWithCallback.builder().name("indexer_block_height").help("Last block indexed from the chain")
                .callback(cb -> {
                    var r = indexer.last();
                    cb.call(r == null ? 0 : r.indexedBlock());
                }).register(registry);
        GaugeWithCallback.builder().name("indexer_lag_seconds").help("Chain head time minus indexed block time")
                .callback(cb -> cb.call(indexer.lagSeconds())).register(registry);
        GaugeWithCallback.builder().name("total_staked_sage").help("Total SAGE staked, from indexed staking events")
                .callback(cb -> cb.call(current().totalStaked)).register(registry);
        GaugeWithCallback.builder().name("consensus_active_validators").help("Validators with a positive stake")
                .callback(cb -> cb.call(current().activeValidators)).register(registry);
        metrics.untypedGaugeFamily("consensus_votes_total", "Consensus votes by validator, from indexed events",
                () -> labelled("validator", current().votes));
        metrics.untypedGaugeFamily("consensus_rounds_total", "Consensus rounds by outcome, from indexed events",
                () -> labelled("outcome", current().rounds));
        metrics.untypedGauge("consensus_fraud_detected_total", "Fraud cases detected, from indexed events",
                () -> current().fraud);
        reorgs = Counter.builder().name("indexer_reorgs_total").help("Chain reorganisations the indexer rewound").register(registry);
    }

    void reorg() {
        reorgs.inc();
        dirty = true;
    }

    void changed() {
        dirty = true;
    }

    private Figures current() {
        if (dirty && clock.instant().isAfter(refreshedAt.plusMillis(REFRESH_MS))) {
            refresh();
        }
        return figures.get();
    }

    /** Recomputes the decoded figures now. */
    synchronized void refresh() {
        dirty = false;
        refreshedAt = clock.instant();
        Map<String, BigDecimal> stakes = repo.stakes();
        double total = stakes.values().stream().mapToDouble(v -> Math.max(0, v.doubleValue())).sum();
        long active = stakes.values().stream().filter(v -> v.signum() > 0).count();
        Map<String, BigDecimal> rounds = new HashMap<>();
        repo.countBy("ConsensusRound", "label").forEach((k, v) -> rounds.put(outcome(k), v));
        figures.set(new Figures(total, active, repo.countBy("ConsensusVote", "subject"), rounds, repo.count("FraudDetected")));
    }

    private static String outcome(String label) {
        switch (label) {
            case "1": return "accepted";
            case "0": return "rejected";
            case "2": return "timeout";
            default: return "other";
        }
    }

    private static Map<Labels, Double> labelled(String name, Map<String, BigDecimal> values) {
        Map<Labels, Double> out = new HashMap<>();
        values.forEach((k, v) -> out.put(Labels.of(name, k), v.doubleValue()));
        return out;
    }

    private record Figures(double totalStaked, long activeValidators, Map<String, BigDecimal> votes,
                           Map<String, BigDecimal> rounds, long fraud) {
        static final Figures EMPTY = new Figures(0, 0, Map.of(), Map.of(), 0);
    }
}
