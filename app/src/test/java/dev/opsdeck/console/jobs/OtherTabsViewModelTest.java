package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.jobs.JobModels.Task;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Activity, inventory and automation view models. */
class OtherTabsViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeJobsSource source = new FakeJobsSource();

    @Test
    void liveEventsNudgeTheQueueSampleAtMostOncePerSecond() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        ActivityViewModel vm = new ActivityViewModel(source, ui, clock);
        vm.activate();
        assertThat(vm.queueProperty().get().dead()).isEqualTo(4);
        long samples = source.calls.stream().filter("queue"::equals).count();
        vm.jobsChanged();
        vm.jobsChanged();
        vm.jobsChanged();
        assertThat(source.calls.stream().filter("queue"::equals).count()).as("one nudge within a second").isEqualTo(samples + 1);
        vm.deactivate();
        vm.jobsChanged();
        assertThat(source.calls.stream().filter("queue"::equals).count()).as("hidden: no nudges").isEqualTo(samples + 1);
    }

    @Test
    void replenishChecksItsInputBeforeCallingTheBackend() {
        InventoryViewModel vm = new InventoryViewModel(source, ui);
        vm.assetProperty().set("demo-asset");
        vm.countProperty().set("lots");
        vm.replenish();
        assertThat(vm.feedback().getError()).contains("count between 1 and 10000");
        assertThat(source.calls).noneMatch(c -> c.startsWith("batch"));

        vm.countProperty().set("25");
        vm.replenish();
        assertThat(source.calls).contains("batch demo-asset 25");
        assertThat(vm.feedback().getError()).isEmpty();

        vm.monitor(true);
        assertThat(vm.monitorStateProperty().get()).isEqualTo("up");
    }

    @Test
    void automationSavesTheEditedIntervalAndOnlyAChangedNextRun() {
        AutomationViewModel vm = new AutomationViewModel(source, ui);
        Instant next = Instant.parse("2026-11-23T12:00:00.682176Z");
        vm.select(new Task("retention", 3600, true, next, null, null, null, null, 4));
        assertThat(vm.nextRunProperty().get()).isEqualTo("2026-11-23T12:00:00Z");
        vm.intervalProperty().set("600");
        vm.save();
        assertThat(source.calls).contains("update retention 600 true null");

        vm.nextRunProperty().set("2026-11-24T08:00:00Z");
        vm.enabledProperty().set(false);
        vm.save();
        assertThat(source.calls).contains("update retention 600 false 2026-11-24T08:00:00Z");

        vm.nextRunProperty().set("tomorrow");
        vm.save();
        assertThat(vm.feedback().getError()).contains("UTC time");
    }
}
