package dev.opsdeck.console.ops;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CleanupViewModelTest {
    private final FakeOpsApi api = new FakeOpsApi();
    private final CleanupViewModel vm = new CleanupViewModel(api, new ManualUiExecutor(), OpsTestText.text(), new ActionKeys());

    CleanupViewModelTest() {
        api.dryRun = new CleanupResult(30, true, 7, List.of(new CleanupCount("heartbeats", "worker heartbeats", 5),
                new CleanupCount("gpu_metrics_history", "GPU metric samples", 2), new CleanupCount("alert_history", "alert history", 0)));
        api.realRun = new CleanupResult(30, false, 7, api.dryRun.tables());
    }

    @Test
    void aDryRunComesFirstAndCancelDeletesNothing() {
        vm.requestDelete(api.environment);
        assertThat(vm.confirmation().isOpen()).as("no delete before a preview").isFalse();

        vm.preview();
        assertThat(api.calls).singleElement().asString().startsWith("cleanup days=30 dry_run=true key=");
        assertThat(vm.counts()).hasSize(3);
        assertThat(vm.messageProperty().get()).contains("7 rows").contains("Nothing has been deleted");

        vm.requestDelete(api.environment);
        assertThat(vm.confirmation().isOpen()).isTrue();
        assertThat(vm.confirmation().promptProperty().get()).contains("Delete 7 rows older than 30 days")
                .contains("heartbeats 5").contains("gpu_metrics_history 2").doesNotContain("alert_history");
        assertThat(vm.confirmation().requiredProperty().get()).as("not production: a button is enough").isEmpty();

        vm.cancel();
        assertThat(vm.confirmation().isOpen()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Cancelled: nothing was deleted.");
        assertThat(api.calls).noneMatch(c -> c.contains("dry_run=false"));
    }

    @Test
    void confirmingRunsTheRealCleanupOnceWithItsOwnKey() {
        vm.preview();
        vm.requestDelete(api.environment);
        assertThat(vm.confirmation().confirm()).isTrue();
        assertThat(api.calls).hasSize(2);
        assertThat(api.calls.get(1)).startsWith("cleanup days=30 dry_run=false key=");
        assertThat(key(api.calls.get(1))).isNotEqualTo(key(api.calls.get(0)));
        assertThat(vm.messageProperty().get()).isEqualTo("Deleted 7 rows older than 30 days.");
        assertThat(vm.previewedProperty().get()).as("the counts were used up: preview again before another delete").isNull();
    }

    @Test
    void productionWantsTheEnvironmentNameTyped() {
        vm.preview();
        vm.requestDelete(new OpsApi.Environment("eu-prod", true));
        assertThat(vm.confirmation().promptProperty().get()).contains("Type the environment name \u201ceu-prod\u201d");
        assertThat(vm.confirmation().confirm()).isFalse();
        vm.confirmation().typedProperty().set("eu-pro");
        assertThat(vm.confirmation().confirmableProperty().get()).isFalse();
        vm.confirmation().typedProperty().set("eu-prod");
        assertThat(vm.confirmation().confirm()).isTrue();
        assertThat(api.calls).anyMatch(c -> c.contains("dry_run=false"));
    }

    @Test
    void changingTheDaysDropsThePreviewAndItsConfirmation() {
        vm.preview();
        vm.requestDelete(api.environment);
        vm.daysProperty().set("7");
        assertThat(vm.confirmation().isOpen()).isFalse();
        assertThat(vm.previewedProperty().get()).isNull();
        assertThat(vm.counts()).isEmpty();
    }

    @Test
    void countsReadAsEnglish() {
        api.dryRun = new CleanupResult(1, true, 0, List.of());
        vm.daysProperty().set("1");
        vm.preview();
        assertThat(vm.messageProperty().get()).startsWith("Dry run: no rows older than 1 day would be deleted.");
        api.dryRun = new CleanupResult(1, true, 1234, List.of(new CleanupCount("heartbeats", "worker heartbeats", 1234)));
        vm.preview();
        vm.requestDelete(api.environment);
        assertThat(vm.confirmation().promptProperty().get()).startsWith("Delete 1,234 rows older than 1 day (heartbeats 1234)?");
    }

    @Test
    void badDaysAreRefusedInWordsWithoutACall() {
        vm.daysProperty().set("0");
        vm.preview();
        vm.daysProperty().set("soon");
        vm.preview();
        assertThat(api.calls).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo("Days must be a whole number from 1 to 3650.");
    }

    @Test
    void aRefusalIsShownInTheBackendsWords() {
        api.failNext = new ApiException(400, "days: must be between 1 and 3650", "days");
        vm.preview();
        assertThat(vm.errorProperty().get()).contains("must be between 1 and 3650");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    static String key(String call) {
        return call.substring(call.indexOf("key=") + 4);
    }
}
