package dev.opsdeck.backend.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.backend.alerts.expr.Matcher;
import dev.opsdeck.backend.platform.Json;
import dev.opsdeck.backend.platform.events.Event;
import dev.opsdeck.backend.platform.events.EventBus;
import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine over a real H2 store, a real registry, a hand-moved clock and a real HTTP receiver:
 * minutes of {@code for} pass in milliseconds, and every notification crosses a socket.
 */
class AlertEngineTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private Database db;
    private AlertRepository repo;
    private WebhookReceiver receiver;
    private ScheduledExecutorService executor;
    private WebhookNotifier webhook;
    private AlertEngine engine;
    private AlertService service;
    private Gauge lag;

    @BeforeEach
    void setUp() {
        db = Database.open(DatabaseUrls.h2File(dir), 4);
        db.migrate();
        repo = new AlertRepository(db, Json.newMapper());
        receiver = new WebhookReceiver();
        executor = Executors.newSingleThreadScheduledExecutor();
        webhook = new WebhookNotifier(receiver.url(), repo, Json.newMapper(), clock, executor, () -> "http://opsdeck.test", 3, 10);
        EventBus bus = new EventBus();
        bus.subscribe(events::add);
        MuteService mutes = new MuteService(repo, bus, clock, Duration.ofDays(7), Duration.ofDays(3), Duration.ofMinutes(5));
        engine = new AlertEngine(repo, new RegistryHistory(registry), mutes, webhook, bus, clock);
        service = new AlertService(repo, engine, mutes, bus, clock, 15, new EvaluationLease(db));
        service.seedBuiltins();
        lag = Gauge.builder().name("indexer_lag_seconds").help("lag").register(registry);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        receiver.close();
        db.close();
    }

    /** Evaluates every 15 s (the default interval) until {@code total} has passed. */
    private void run(Duration total) {
        run(total, 15);
    }

    /** Evaluates every {@code step} seconds: coarse steps keep the long scenarios fast where 15 s precision is not the point. */
    private void run(Duration total, int step) {
        for (long s = 0; s < total.getSeconds(); s += step) {
            clock.advance(Duration.ofSeconds(step));
            engine.evaluate();
        }
    }

    private List<String> transitions(String rule) {
        return repo.history(Instant.EPOCH, clock.instant(), rule, null, null, 100).stream()
                .map(t -> t.fromState() + "->" + t.toState() + "@" + t.value()).toList();
    }

    @Test
    void indexerLaggingGoesPendingThenFiresOnlyAfterItsForThenResolves() {
        lag.set(400);
        engine.evaluate();
        assertThat(transitions("IndexerLagging")).containsExactly("inactive->pending@400.0");

        run(Duration.ofSeconds(285)); // 4m45s: still inside the 5m for
        assertThat(service.alerts()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("pending"));
        assertThat(receiver.nothingReceived()).isTrue();

        run(Duration.ofSeconds(15)); // exactly 5m after the first breach
        assertThat(service.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("firing");
            assertThat(a.value()).isEqualTo(400);
            assertThat(a.runbook().actions()).extracting(Runbook.Action::id).contains("reconnect");
        });
        JsonNode firing = receiver.next();
        assertThat(firing.path("version").asText()).isEqualTo("4");
        assertThat(firing.path("status").asText()).isEqualTo("firing");
        assertThat(firing.path("receiver").asText()).isEqualTo("opsdeck");
        assertThat(firing.path("groupKey").asText()).isEqualTo("{}:{alertname=\"IndexerLagging\"}");
        assertThat(firing.path("groupLabels").path("alertname").asText()).isEqualTo("IndexerLagging");
        assertThat(firing.path("commonLabels").path("severity").asText()).isEqualTo("warning");
        assertThat(firing.path("externalURL").asText()).isEqualTo("http://opsdeck.test");
        JsonNode alert = firing.path("alerts").get(0);
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("IndexerLagging");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("Indexer more than 5 minutes behind");
        assertThat(alert.path("startsAt").asText()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(alert.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.path("fingerprint").asText()).matches("[0-9a-f]{16}");

        lag.set(12);
        run(Duration.ofSeconds(15));
        assertThat(service.alerts()).isEmpty();
        JsonNode resolved = receiver.next();
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("alerts").get(0).path("endsAt").asText()).isEqualTo("2026-01-01T00:05:15Z");
        assertThat(resolved.path("alerts").get(0).path("fingerprint").asText()).isEqualTo(alert.path("fingerprint").asText());
        assertThat(transitions("IndexerLagging")).containsExactly(
                "firing->resolved@12.0", "pending->firing@400.0", "inactive->pending@400.0");
        assertThat(events).extracting(Event::type).contains("alert.pending", "alert.firing", "alert.resolved");
        assertThat(events).filteredOn(e -> e.type().startsWith("alert.")).allMatch(e -> e.topic().equals("alerts"));
    }

    @Test
    void aRestartKeepsFiringAlertsAndSendsTheirResolvedNoticeLater() {
        lag.set(900);
        run(Duration.ofMinutes(6), 60);
        String fp = receiver.next().path("alerts").get(0).path("fingerprint").asText();

        // A new engine over the same store: what a restarted backend builds.
        EventBus bus = new EventBus();
        MuteService mutes = new MuteService(repo, bus, clock, Duration.ofDays(7), Duration.ofDays(3), Duration.ofMinutes(5));
        engine = new AlertEngine(repo, new RegistryHistory(registry), mutes, webhook, bus, clock);
        service = new AlertService(repo, engine, mutes, bus, clock, 15, new EvaluationLease(db));
        assertThat(engine.restore()).isEqualTo(1);
        assertThat(service.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("firing");
            assertThat(a.fingerprint()).isEqualTo(fp);
        });
        run(Duration.ofSeconds(15));
        assertThat(receiver.nothingReceived()).as("no second firing notice after a restart").isTrue();
        lag.set(0);
        run(Duration.ofSeconds(15));
        JsonNode resolved = receiver.next();
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("alerts").get(0).path("fingerprint").asText()).isEqualTo(fp);
    }

    @Test
    void aBreachThatEndsBeforeForDropsBackToInactiveWithoutNotifying() {
        lag.set(400);
        run(Duration.ofMinutes(2), 60);
        lag.set(0);
        run(Duration.ofSeconds(15));
        assertThat(transitions("IndexerLagging")).containsExactly("pending->inactive@0.0", "inactive->pending@400.0");
        assertThat(receiver.requests()).isZero();
    }

    @Test
    void consecutiveEvaluationsAreRequiredAndASingleMissResetsTheCount() {
        service.create(new RuleRequest("LagBlip", "indexer_lag_seconds > 100", null, null, "0s", 3, "info", "lag blips", null, null, null));
        lag.set(150);
        run(Duration.ofSeconds(30)); // two breaches
        lag.set(50);
        run(Duration.ofSeconds(15)); // a miss
        lag.set(150);
        run(Duration.ofSeconds(30)); // two again: still not three in a row
        assertThat(service.alerts()).filteredOn(a -> a.ruleName().equals("LagBlip")).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo("pending"));
        run(Duration.ofSeconds(15));
        assertThat(service.alerts()).filteredOn(a -> a.ruleName().equals("LagBlip")).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo("firing"));
        assertThat(receiver.next().path("groupLabels").path("alertname").asText()).isEqualTo("LagBlip");
    }

    @Test
    void togglingTheRuleOffResolvesItsFiringAlertAndSaysSo() {
        lag.set(900);
        run(Duration.ofMinutes(6), 60);
        assertThat(receiver.next().path("status").asText()).isEqualTo("firing");

        AlertService.Change c = service.toggle("IndexerLagging", null);
        assertThat(c.rule().enabled()).isFalse();
        assertThat(c.rule().state()).isEqualTo("disabled");
        assertThat(c.endedAlerts()).singleElement().satisfies(t -> {
            assertThat(t.toState()).isEqualTo("resolved");
            assertThat(t.note()).isEqualTo("rule disabled");
        });
        assertThat(service.alerts()).isEmpty();
        assertThat(receiver.next().path("status").asText()).isEqualTo("resolved");
        run(Duration.ofMinutes(6), 60); // still breaching, but disabled: nothing new
        assertThat(service.alerts()).isEmpty();
        assertThat(repo.rule("IndexerLagging").orElseThrow().enabled()).isFalse();
    }

    @Test
    void aSilencedAlertSendsNoWebhookUntilTheSilenceExpires() {
        service.silence(List.of(new Matcher("alertname", "=", "IndexerLagging")), Duration.ofMinutes(10), null, "RPC maintenance", "ops");
        lag.set(900);
        run(Duration.ofMinutes(6), 60);
        assertThat(service.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("firing");
            assertThat(a.muted()).isTrue();
            assertThat(a.silencedBy()).hasSize(1);
        });
        assertThat(AlertService.mutedCount(service.alerts())).isEqualTo(1);
        assertThat(webhook.inFlight()).isZero();
        assertThat(receiver.requests()).isZero();

        run(Duration.ofMinutes(5), 60); // the silence ends at 10 m while the alert still fires
        assertThat(events).extracting(Event::type).contains("alert.silence_expired");
        JsonNode late = receiver.next();
        assertThat(late.path("status").asText()).isEqualTo("firing");
        assertThat(AlertService.mutedCount(service.alerts())).isZero();
    }

    @Test
    void aSilenceMatchingNoAlertIsListedAsSuch() {
        service.silence(List.of(new Matcher("alertname", "=", "NoSuchAlert")), Duration.ofHours(1), null, "typo", "ops");
        lag.set(900);
        run(Duration.ofMinutes(6), 60);
        assertThat(service.silences(false)).singleElement().satisfies(s -> {
            assertThat(s.matchesNothing()).isTrue();
            assertThat(s.matchedAlerts()).isZero();
        });
        assertThat(receiver.next().path("status").asText()).isEqualTo("firing");
    }

    @Test
    void anAckClearedOnResolveSurvivesAFlapAndEndsAfterTheGuard() {
        lag.set(900);
        run(Duration.ofMinutes(6), 60);
        receiver.next();
        String fp = service.alerts().get(0).fingerprint();
        AckView ack = service.acknowledge(fp, "alice", "looking at the RPC provider", Duration.ofHours(2), true);
        assertThat(ack.expiresInSeconds()).isEqualTo(7200);
        assertThat(service.alerts().get(0).acknowledgedBy().owner()).isEqualTo("alice");

        lag.set(0);
        run(Duration.ofSeconds(15)); // resolved: the ack waits out the flap guard
        assertThat(receiver.next().path("status").asText()).isEqualTo("resolved");
        lag.set(900);
        run(Duration.ofMinutes(6), 60); // breaches again inside the guard: pending, then firing, still acknowledged
        assertThat(service.acks()).singleElement().satisfies(a -> assertThat(a.owner()).isEqualTo("alice"));
        assertThat(service.alerts().get(0).muted()).isTrue();
        assertThat(receiver.requests()).isEqualTo(2); // the re-fire is acknowledged: no new firing notice

        lag.set(0);
        run(Duration.ofMinutes(6), 60);
        assertThat(service.acks()).isEmpty();
        assertThat(events).extracting(Event::type).contains("alert.ack_cleared");
    }

    @Test
    void anAckThatExpiresWhileTheAlertFiresNotifiesAgain() {
        lag.set(900);
        run(Duration.ofMinutes(6), 60);
        receiver.next();
        service.acknowledge(service.alerts().get(0).fingerprint(), "bob", null, Duration.ofMinutes(30), false);
        run(Duration.ofMinutes(29), 60);
        assertThat(receiver.nothingReceived()).isTrue();
        run(Duration.ofMinutes(1), 60);
        assertThat(events).extracting(Event::type).contains("alert.ack_expired");
        assertThat(receiver.next().path("status").asText()).isEqualTo("firing");
    }

    @Test
    void highApiLatencyReadsTheRealHistogramThroughRateAndQuantile() {
        Histogram h = Histogram.builder().name("dashboard_request_duration_seconds").help("latency").labelNames("endpoint")
                .classicUpperBounds(0.1, 0.5, 1, 2.5, 5).classicOnly().register(registry);
        for (int i = 0; i < 30; i++) { // 5 m 30 s of traffic at 3 s per request
            h.labelValues("/api/jobs/recent").observe(3.0);
            clock.advance(Duration.ofSeconds(15));
            engine.evaluate();
        }
        assertThat(service.alerts()).filteredOn(a -> a.ruleName().equals("HighAPILatency")).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("firing");
            assertThat(a.labels()).containsEntry("endpoint", "/api/jobs/recent");
            assertThat(a.value()).isBetween(2.5, 5.0);
        });
    }

    @Test
    void lowInventoryComparesEachPoolWithItsOwnWatermark() {
        Gauge available = Gauge.builder().name("vtxo_inventory_available").help("a").labelNames("asset_id").register(registry);
        Gauge watermark = Gauge.builder().name("vtxo_inventory_low_watermark").help("w").labelNames("asset_id").register(registry);
        available.labelValues("usdt").set(12);
        watermark.labelValues("usdt").set(50);
        available.labelValues("btc").set(80);
        watermark.labelValues("btc").set(50);
        run(Duration.ofMinutes(6), 60);
        assertThat(service.alerts()).filteredOn(a -> a.ruleName().equals("LowInventory")).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("asset_id", "usdt");
            assertThat(a.value()).isEqualTo(-38);
            assertThat(a.annotations().get("summary")).isEqualTo("Inventory for usdt is below its low watermark (-38 short)");
            assertThat(a.runbook().actions().get(0).id()).isEqualTo("replenish");
        });
    }

    @Test
    void highJobFailureRateCountsFailedAndTimedOutAgainstEveryFinishedJob() {
        io.prometheus.metrics.core.metrics.Counter jobs = io.prometheus.metrics.core.metrics.Counter.builder()
                .name("jobs_completed_total").help("jobs").labelNames("status").register(registry);
        for (int i = 0; i < 30; i++) { // 7 minutes: per 15 s, 8 completed, 1 failed, 1 timed out = 20 % failing
            jobs.labelValues("completed").inc(8);
            jobs.labelValues("failed").inc();
            jobs.labelValues("timed_out").inc();
            clock.advance(Duration.ofSeconds(15));
            engine.evaluate();
        }
        assertThat(service.alerts()).filteredOn(a -> a.ruleName().equals("HighJobFailureRate")).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("firing");
            assertThat(a.value()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
        });
    }

    @Test
    void aReceiverThatKeepsFailingGetsRetriesThenADeadLetterAndARedeliveryLater() throws InterruptedException {
        receiver.answer(500);
        lag.set(900);
        run(Duration.ofMinutes(6), 60);
        long deadline = System.currentTimeMillis() + 5000;
        while (repo.deadLetters(true, 10).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(receiver.requests()).isEqualTo(3);
        assertThat(repo.deadLetters(true, 10)).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).contains("HTTP 500");
        });
        assertThat(webhook.status().state()).isEqualTo("down");

        receiver.answer(200);
        webhook.reconnect();
        assertThat(receiver.next().path("status").asText()).isEqualTo("firing");
        deadline = System.currentTimeMillis() + 5000;
        while (!repo.deadLetters(true, 10).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(repo.deadLetters(true, 10)).isEmpty();
        assertThat(webhook.status().state()).isEqualTo("up");
    }
}
