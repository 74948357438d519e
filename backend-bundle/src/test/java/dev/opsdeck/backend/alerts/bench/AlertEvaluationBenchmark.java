package dev.opsdeck.backend.alerts.bench;

import dev.opsdeck.backend.alerts.expr.Evaluator;
import dev.opsdeck.backend.alerts.expr.Expr;
import dev.opsdeck.backend.alerts.expr.ExprParser;
import dev.opsdeck.backend.platform.Metrics;
import io.prometheus.metrics.core.metrics.Counter;

import java.util.List;
import java.util.Set;

/**
 * How long one evaluation of the seeds' heaviest expressions takes over a registry with many series, and how
 * big the history gets. Not a test: run with
 * {@code java -cp backend-bundle/target/test-classes:backend-bundle/target/classes:$(cat cp.txt) dev.opsdeck.backend.alerts.bench.AlertEvaluationBenchmark}.
 */
public final class AlertEvaluationBenchmark {
    private AlertEvaluationBenchmark() {
    }

    public static void main(String[] args) {
        Metrics metrics = new Metrics();
        Counter jobs = Counter.builder().name("jobs_completed_total").help("jobs").labelNames("status", "queue").register(metrics.registry());
        String[] endpoints = new String[50];
        for (int i = 0; i < endpoints.length; i++) {
            endpoints[i] = "/api/endpoint/" + i;
        }
        var history = newHistory(metrics);
        Set<String> wanted = Set.of("dashboard_request_duration_seconds_bucket", "jobs_completed_total");
        List<Expr> exprs = List.of(
                ExprParser.parse("histogram_quantile(0.99, rate(dashboard_request_duration_seconds_bucket[5m])) > 1"),
                ExprParser.parse("sum(rate(jobs_completed_total{status=\"failed\"}[5m])) / sum(rate(jobs_completed_total[5m])) > 0.1"));
        long now = 0;
        // Fill 5 minutes of history at 15 s: 20 points for each of 50 endpoints x 12 buckets + 20 job series.
        for (int t = 0; t < 20; t++) {
            for (String e : endpoints) {
                metrics.recordRequest(e, "GET", 200, (t % 7) * 0.1);
            }
            for (int q = 0; q < 10; q++) {
                jobs.labelValues("failed", "q" + q).inc();
                jobs.labelValues("completed", "q" + q).inc(5);
            }
            now += 15_000;
            record(history, now, wanted);
        }
        int rounds = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (Expr e : exprs) {
                new Evaluator(history, now).vector(e);
            }
        }
        double evalMs = (System.nanoTime() - t0) / 1e6 / rounds;
        long r0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            record(history, now + 15_000L * (i + 1), wanted);
        }
        double recordMs = (System.nanoTime() - r0) / 1e6 / rounds;
        System.out.printf("series: %d histogram buckets + 20 counters; 20 points each%n", endpoints.length * 12);
        System.out.printf("evaluate HighAPILatency + HighJobFailureRate: %.3f ms per round%n", evalMs);
        System.out.printf("record one scrape into the history: %.3f ms%n", recordMs);
    }

    private static dev.opsdeck.backend.alerts.RegistryHistory newHistory(Metrics metrics) {
        return new dev.opsdeck.backend.alerts.RegistryHistory(metrics.registry());
    }

    private static void record(dev.opsdeck.backend.alerts.RegistryHistory h, long at, Set<String> wanted) {
        h.record(at, wanted);
    }
}
