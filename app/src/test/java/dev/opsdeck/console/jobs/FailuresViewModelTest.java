package dev.opsdeck.console.jobs;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.jobs.JobModels.FailureGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresViewModelTest {
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final FakeJobsSource source = new FakeJobsSource();
    private final FailuresViewModel vm = new FailuresViewModel(source, ui);
    private final FailureGroup oom = new FailureGroup("cuda out of memory", "w1", "A10", "dead", 7, Instant.EPOCH, "CUDA out of memory");

    @Test
    void requeueShowsTheCountFirstAndSendsThatCountOnConfirmation() {
        source.groups = List.of(oom);
        source.groupCount = 7;
        vm.activate();
        assertThat(vm.groups()).containsExactly(oom);

        vm.previewRequeue(oom);
        assertThat(vm.pendingProperty().get()).isEqualTo(oom);
        assertThat(vm.pendingCountProperty().get()).isEqualTo(7);
        assertThat(source.calls).noneMatch(c -> c.startsWith("requeue"));

        vm.confirmRequeue();
        assertThat(source.calls).contains("requeue cuda out of memory expecting 7");
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(vm.feedback().messageKeyProperty().get()).isEqualTo("jobs.failures.requeued");
        assertThat(vm.feedback().messageArgProperty().get()).isEqualTo("7");
    }

    @Test
    void backingOutRequeuesNothing() {
        source.groupCount = 3;
        vm.previewRequeue(oom);
        vm.dismissRequeue();
        vm.confirmRequeue();
        assertThat(source.calls).noneMatch(c -> c.startsWith("requeue"));
    }

    @Test
    void aGroupThatChangedSinceThePreviewIsRefusedInWords() {
        source.groupCount = 7;
        vm.previewRequeue(oom);
        source.failNext = new ApiException(409, "the group now holds 9 jobs, not the 7 that were confirmed; preview again", "expected_count");
        vm.confirmRequeue();
        assertThat(vm.feedback().getError()).contains("preview again");
    }
}
