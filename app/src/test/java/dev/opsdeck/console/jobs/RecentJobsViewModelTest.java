package dev.opsdeck.console.jobs;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.jobs.JobModels.JobRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RecentJobsViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeJobsSource source = new FakeJobsSource();
    private final RecentJobsViewModel vm = new RecentJobsViewModel(source, ui);

    @Test
    void retryPutsTheSelectedDeadJobBackAndRefreshesTableAndDetail() {
        source.jobs.put("j1", FakeJobsSource.job("j1", "dead", 3, 3));
        source.jobs.put("j2", FakeJobsSource.job("j2", "completed", 1, 3));
        vm.activate();
        vm.select(vm.jobs().get(0));
        assertThat(vm.detailProperty().get().job().retryable()).isTrue();

        vm.retry();

        assertThat(source.calls).contains("retry j1");
        assertThat(vm.detailProperty().get().job().status()).isEqualTo("queued");
        assertThat(vm.detailProperty().get().job().maxAttempts()).isEqualTo(6);
        assertThat(vm.jobs().get(0).status()).as("the table shows the new status").isEqualTo("queued");
        assertThat(vm.feedback().messageKeyProperty().get()).isEqualTo("jobs.retried");
        assertThat(vm.feedback().messageArgProperty().get()).isEqualTo("j1");
    }

    @Test
    void aRefusedRetryIsShownInWordsAndNothingElseChanges() {
        source.jobs.put("j1", FakeJobsSource.job("j1", "dead", 3, 3));
        vm.activate();
        vm.select(vm.jobs().get(0));
        source.failNext = new ApiException(409, "job j1 is running; only failed, dead or cancelled jobs can be retried", "");

        vm.retry();

        assertThat(vm.feedback().getError()).isEqualTo("job j1 is running; only failed, dead or cancelled jobs can be retried");
        assertThat(vm.feedback().busyProperty().get()).isFalse();
        assertThat(vm.detailProperty().get().job().status()).isEqualTo("dead");
    }

    @Test
    void cancelWaitsForConfirmation() {
        source.jobs.put("j1", FakeJobsSource.job("j1", "queued", 0, 3));
        vm.activate();
        vm.select(vm.jobs().get(0));

        vm.askCancel();
        assertThat(vm.confirmingCancelProperty().get()).isTrue();
        assertThat(source.calls).noneMatch(c -> c.startsWith("cancel"));
        vm.keepJob();
        assertThat(source.calls).noneMatch(c -> c.startsWith("cancel"));

        vm.askCancel();
        vm.confirmCancel();
        assertThat(source.calls).contains("cancel j1");
        assertThat(vm.detailProperty().get().job().status()).isEqualTo("cancelled");
    }

    @Test
    void refreshUpdatesRowsInPlaceSoTheSelectedObjectSurvivesWhenUnchanged() {
        source.jobs.put("j1", FakeJobsSource.job("j1", "running", 1, 3));
        source.jobs.put("j2", FakeJobsSource.job("j2", "queued", 0, 3));
        vm.activate();
        JobRow first = vm.jobs().get(0);
        source.jobs.put("j2", FakeJobsSource.job("j2", "running", 1, 3));

        ui.advance(RecentJobsViewModel.REFRESH);

        assertThat(vm.jobs().get(0)).isSameAs(first);
        assertThat(vm.jobs().get(1).status()).isEqualTo("running");
    }

    @Test
    void pagesThroughTheHistoryWithOffsetsAndFiltersOnTheServer() {
        for (int i = 0; i < 120; i++) {
            source.jobs.put("j" + i, FakeJobsSource.job("j" + i, i % 2 == 0 ? "dead" : "completed", 1, 3));
        }
        vm.activate();
        assertThat(vm.jobs()).hasSize(RecentJobsViewModel.PAGE_SIZE);
        assertThat(vm.hasMoreProperty().get()).isTrue();

        vm.older();
        vm.older();
        assertThat(vm.offsetProperty().get()).isEqualTo(100);
        assertThat(vm.jobs()).hasSize(20).first().extracting(JobRow::jobId).isEqualTo("j100");
        assertThat(vm.hasMoreProperty().get()).isFalse();
        vm.older();
        assertThat(vm.offsetProperty().get()).as("no page past the end").isEqualTo(100);

        vm.statusProperty().set("dead");
        vm.applyFilter();
        assertThat(vm.offsetProperty().get()).isZero();
        assertThat(source.calls).contains("recent dead 0");
        assertThat(vm.jobs()).allMatch(j -> j.status().equals("dead")).hasSize(50);
    }

    @Test
    void hiddenTabStopsPolling() {
        vm.activate();
        vm.deactivate();
        int before = source.calls.size();
        ui.advance(Duration.ofMinutes(1));
        assertThat(source.calls).hasSize(before);
    }
}
