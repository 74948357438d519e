package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.ManualUiExecutor;
import dev.opsdeck.console.shell.Notifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackupsViewModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final FakeOpsApi api = new FakeOpsApi();
    private final ManualUiExecutor ui = new ManualUiExecutor();
    private final List<String> notifications = new ArrayList<>();
    private final Notifier notifier = (level, title, text) -> notifications.add(level + " " + text);
    private final BackupsViewModel vm = new BackupsViewModel(api, ui, notifier, OpsTestText.text(), new ActionKeys());

    @Test
    void progressComesFromTheOpsTopicAndCompletionFromTheList() {
        vm.activate();
        vm.create("full");
        assertThat(api.calls).anyMatch(c -> c.startsWith("create full key="));
        assertThat(vm.creatingProperty().get()).isTrue();
        assertThat(vm.progressProperty().get()).as("indeterminate until the job reports").isEqualTo(-1);

        vm.onEvents(List.of(event("backup.progress", Map.of("backup_id", "bk_1", "phase", "copy", "percent", 40)),
                event("backup.progress", Map.of("backup_id", "bk_other", "phase", "copy", "percent", 90))));
        assertThat(vm.progressProperty().get()).isEqualTo(0.4);
        assertThat(vm.progressTextProperty().get()).isEqualTo("copy: 40%");

        // The completion event was missed (say, a reconnect): the list poll still ends the job.
        api.backups = List.of(backup("bk_1", "completed", 3_145_728L));
        ui.advance(BackupsViewModel.REFRESH);
        assertThat(vm.creatingProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.messageProperty().get()).isEqualTo("Backup bk_1 completed (3.0 MiB).");
        assertThat(notifications).containsExactly("INFO Backup bk_1 completed (3.0 MiB).");
        assertThat(vm.backups()).extracting(Backup::id).containsExactly("bk_1");
    }

    @Test
    void aSecondPressWhileCreatingDoesNothing() {
        vm.create("full");
        vm.create("full");
        vm.create("schema");
        assertThat(api.calls).filteredOn(c -> c.startsWith("create")).hasSize(1);
    }

    @Test
    void aRetryAfterANetworkFailureReusesTheKeySoTheBackendRunsItOnce() {
        api.failNext = new ApiException(0, "cannot connect to 127.0.0.1:1 (timed out)", "");
        vm.create("full");
        assertThat(vm.errorProperty().get()).isEqualTo("The backup could not be started: cannot connect to 127.0.0.1:1 (timed out)");
        assertThat(vm.creatingProperty().get()).isFalse();
        vm.create("full");
        assertThat(CleanupViewModelTest.key(api.calls.get(1))).isEqualTo(CleanupViewModelTest.key(api.calls.get(0)));

        // Answered: the next press is a new action with a new key.
        vm.onEvents(List.of(event("backup.failed", Map.of("backup_id", "bk_1"))));
        api.backups = List.of(backup("bk_1", "failed", null));
        vm.refresh();
        vm.create("full");
        List<String> creates = api.calls.stream().filter(c -> c.startsWith("create")).toList();
        assertThat(CleanupViewModelTest.key(creates.get(2))).isNotEqualTo(CleanupViewModelTest.key(creates.get(1)));
    }

    @Test
    void aCreateErrorOutlivesTheNextListRefreshButAListErrorDoesNot() {
        vm.activate();
        api.failNext = new ApiException(409, "a backup is already running", "");
        vm.create("full");
        ui.advance(BackupsViewModel.REFRESH);
        assertThat(vm.errorProperty().get()).isEqualTo("The backup could not be started: a backup is already running");

        vm.create("full"); // succeeds and clears it
        api.failNext = new ApiException(0, "cannot connect", "");
        ui.advance(BackupsViewModel.REFRESH);
        assertThat(vm.errorProperty().get()).isEqualTo("cannot connect");
        ui.advance(BackupsViewModel.REFRESH.multipliedBy(4));
        assertThat(vm.errorProperty().get()).isEmpty();
        vm.deactivate();
    }

    @Test
    void aFailedJobIsAnErrorAndANotification() {
        vm.create("schema");
        api.backups = List.of(new Backup("bk_1", "schema", "failed", "h2", "bk_1-schema.sql", null, null, "disk full", T0, null));
        vm.onEvents(List.of(event("backup.failed", Map.of("backup_id", "bk_1"))));
        assertThat(vm.errorProperty().get()).isEqualTo("Backup bk_1 failed: disk full");
        assertThat(notifications).containsExactly("ERROR Backup bk_1 failed: disk full");
        assertThat(vm.creatingProperty().get()).isFalse();
    }

    @Test
    void refreshesKeepUnchangedRowsSoTheTableKeepsItsSelection() {
        Backup a = backup("bk_a", "completed", 10L);
        api.backups = List.of(a, backup("bk_b", "running", null));
        vm.refresh();
        Backup shownA = vm.backups().get(0);
        api.backups = List.of(backup("bk_c", "running", null), a, backup("bk_b", "completed", 20L));
        vm.refresh();
        assertThat(vm.backups()).extracting(Backup::id).containsExactly("bk_c", "bk_a", "bk_b");
        assertThat(vm.backups().get(1)).isSameAs(shownA);
        assertThat(vm.backups().get(2).sizeBytes()).isEqualTo(20L);
        ui.advance(Duration.ZERO);
    }

    static Backup backup(String id, String status, Long size) {
        return new Backup(id, "full", status, "h2", id + "-full.zip", size, size == null ? null : "ab".repeat(32), null, T0, null);
    }

    static JsonNode event(String type, Map<String, Object> data) {
        return JSON.valueToTree(Map.of("type", type, "topic", "ops", "data", data));
    }
}
