package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackupActionsViewModelTest {
    private final FakeOpsApi api = new FakeOpsApi();
    private final AtomicInteger listRefreshes = new AtomicInteger();
    private final BackupActionsViewModel vm = new BackupActionsViewModel(api, new ManualUiExecutor(), OpsTestText.text(), new ActionKeys(),
            listRefreshes::incrementAndGet);
    private final Backup backup = BackupsViewModelTest.backup("bk_7", "completed", 5_000L);

    @Test
    void verifyShowsEveryTableAndSaysPlainlyWhenTheBackupDoesNotMatch() {
        vm.verify(backup);
        assertThat(api.calls).singleElement().asString().startsWith("verify bk_7 key=");
        assertThat(vm.verifyTables()).extracting(TableCheck::status).containsExactly("ok", "mismatch");
        assertThat(vm.errorProperty().get()).isEqualTo("Backup bk_7 does NOT match: 1 table(s) differ; the file checksum is intact.");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void deleteWaitsForTheConfirmationAndProductionWantsTheNameTyped() {
        vm.requestDelete(backup, new OpsApi.Environment("eu-prod", true));
        assertThat(api.calls).isEmpty();
        assertThat(vm.confirmation().promptProperty().get()).contains("Delete backup bk_7 (full, 4.9 KiB)").contains("eu-prod");
        assertThat(vm.confirmation().confirm()).isFalse();
        vm.confirmation().typedProperty().set(" eu-prod ");
        assertThat(vm.confirmation().confirm()).isTrue();
        assertThat(api.calls).containsExactly("delete bk_7");
        assertThat(vm.messageProperty().get()).isEqualTo("Backup bk_7 deleted.");
        assertThat(listRefreshes).hasValue(1);
    }

    @Test
    void cancellingADeleteKeepsTheBackup() {
        vm.requestDelete(backup, new OpsApi.Environment("Embedded demo", false));
        vm.confirmation().cancel();
        assertThat(vm.confirmation().confirm()).isFalse();
        assertThat(api.calls).isEmpty();
    }

    @Test
    void downloadAndRestoreCommandReportWhatTheyDid() {
        vm.download(backup, Path.of("/tmp/x/bk_7-full.zip"));
        assertThat(vm.messageProperty().get()).isEqualTo("Backup bk_7 saved (2.0 KiB) to /tmp/x/bk_7-full.zip.");
        vm.showRestoreCommand(backup);
        assertThat(vm.restoreCommandProperty().get()).isEqualTo("opsdeck restore --backup bk_7");
    }
}
