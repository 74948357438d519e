package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.events.Event;
import dev.opsdeck.backend.platform.events.EventBus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** States, the uptime gap rule and restart detection, on an injected clock. */
class WorkerTimeLogicTest {
    private static final WorkerSettings S = WorkerSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private static HeartbeatRequest hb(String worker, String boot, Long uptime) {
        return new HeartbeatRequest(worker, null, boot, uptime, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void statesFollowHeartbeatAgeAgainstTheThresholds() {
        assertThat(WorkerState.of(T0, T0.plusSeconds(29), S)).isEqualTo(WorkerState.ONLINE);
        assertThat(WorkerState.of(T0, T0.plusSeconds(30), S)).isEqualTo(WorkerState.LATE);
        assertThat(WorkerState.of(T0, T0.plusSeconds(90), S)).isEqualTo(WorkerState.STALE);
        assertThat(WorkerState.of(T0, T0.plusSeconds(300), S)).isEqualTo(WorkerState.OFFLINE);
        assertThat(WorkerState.of(null, T0, S)).isEqualTo(WorkerState.OFFLINE);
        assertThat(WorkerState.OFFLINE.canBeBusy()).isFalse();
        assertThat(WorkerState.STALE.canBeBusy()).isFalse();
    }

    @Test
    void theSweepAnnouncesEachCrossingOnce() {
        MutableClock clock = new MutableClock(T0);
        FleetCache cache = new FleetCache();
        List<Event> seen = new ArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(seen::add);
        StateTracker tracker = new StateTracker(cache, S, bus, clock);
        BatchPlan plan = new BatchPlan(cache, S);
        tracker.heartbeat(plan.heartbeat(hb("w1", "b", 1L), T0));
        plan.overlay.values().forEach(cache::put);
        assertThat(tracker.active()).isZero();
        tracker.sweep();
        assertThat(tracker.active()).isEqualTo(1);

        clock.now = T0.plusSeconds(31);
        assertThat(tracker.sweep()).containsEntry("w1", "late");
        assertThat(tracker.sweep()).isEmpty();
        clock.now = T0.plusSeconds(400);
        assertThat(tracker.sweep()).containsEntry("w1", "offline");
        assertThat(tracker.active()).isZero();
        assertThat(seen).extracting(Event::type).containsExactly("worker.joined", "worker.state_changed", "worker.state_changed");
    }

    @Test
    void restartIsANewBootIdOrUptimeGoingBack() {
        WorkerSnapshot prev = new WorkerSnapshot("w", T0, T0, "boot-a", 500L, 0, 10, 0, Map.of());
        assertThat(BatchPlan.restarted(prev, hb("w", "boot-a", 510L))).isFalse();
        assertThat(BatchPlan.restarted(prev, hb("w", "boot-b", 510L))).isTrue();
        assertThat(BatchPlan.restarted(prev, hb("w", null, 20L))).isTrue();
        assertThat(BatchPlan.restarted(prev, hb("w", null, null))).isFalse();
    }

    @Test
    void aGapIsCreditedOnlyUpToLateAfterAndSplitAcrossHours() {
        FleetCache cache = new FleetCache();
        BatchPlan first = new BatchPlan(cache, S);
        Instant t = Instant.parse("2026-11-23T10:59:50Z");
        first.heartbeat(hb("w", null, null), t);
        first.overlay.values().forEach(cache::put);
        assertThat(first.coverageRows()).isEmpty();

        BatchPlan next = new BatchPlan(cache, S);
        next.heartbeat(hb("w", null, null), t.plusSeconds(20));
        next.heartbeat(hb("w", null, null), t.plusSeconds(20 + 600));
        Map<Instant, Double> byHour = new LinkedHashMap<>();
        next.coverageRows().forEach(r -> byHour.merge(r.hourStart(), r.seconds(), Double::sum));
        // 10 s before 11:00 and 10 s after it from the first gap; the 600 s gap earns only late_after (30 s).
        assertThat(byHour.get(Instant.parse("2026-11-23T10:00:00Z"))).isCloseTo(10.0, within(0.001));
        assertThat(byHour.get(Instant.parse("2026-11-23T11:00:00Z"))).isCloseTo(40.0, within(0.001));
    }

    @Test
    void uptimeCountsFromTheFirstHeartbeatAndProRatesTheFarHour() {
        Instant now = Instant.parse("2026-11-23T12:30:00Z");
        Map<Instant, Double> hourly = new LinkedHashMap<>();
        hourly.put(Instant.parse("2026-11-23T11:00:00Z"), 1800.0);
        hourly.put(Instant.parse("2026-11-23T12:00:00Z"), 1800.0);
        // Window 1h: 11:30-12:30; half of 11:00's credit is in it (900 s) + 1800 s = 2700 of 3600 s.
        UptimeCalculator.Result r = UptimeCalculator.compute(hourly, T0, now, now, Duration.ofHours(1), S.lateAfter());
        assertThat(r.percent()).isEqualTo(75.0);
        // A worker first seen 40 min ago with full credit since is at 100 %, not 40/60.
        Map<Instant, Double> young = Map.of(Instant.parse("2026-11-23T12:00:00Z"), 1800.0, Instant.parse("2026-11-23T11:00:00Z"), 600.0);
        UptimeCalculator.Result y = UptimeCalculator.compute(young, now.minusSeconds(2400), now, now, Duration.ofHours(24), S.lateAfter());
        assertThat(y.percent()).isEqualTo(100.0);
        // Silent for ten minutes: only late_after of it counts.
        UptimeCalculator.Result silent = UptimeCalculator.compute(Map.of(), now.minusSeconds(600), now.minusSeconds(600), now,
                Duration.ofHours(1), S.lateAfter());
        assertThat(silent.percent()).isEqualTo(5.0);
    }
}
