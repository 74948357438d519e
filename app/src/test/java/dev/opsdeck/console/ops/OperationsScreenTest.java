package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations screen in a real window on the embedded demo backend, checked against the backend over HTTP. */
class OperationsScreenTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path downloads;

    private ConsoleFixture fixture;

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void pressingBackupShowsTheFinishedBackupListedAndItCanBeVerifiedDownloadedAndDeleted() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
        fixture.goTo(Screen.OPERATIONS);
        assertThat(fixture.robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Operations");
        TableView<Backup> table = fixture.robot.lookup("#backupTable").queryTableView();

        fixture.robot.clickOn("#backupFullButton");

        // Progress arrives on the ops topic; the job ends as a completed row in the list and a message in words.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(Backup::completed));
        WaitForAsyncUtils.waitForFxEvents();
        Backup done = table.getItems().stream().filter(Backup::completed).findFirst().orElseThrow();
        assertThat(done.type()).isEqualTo("full");
        assertThat(done.sizeBytes()).isPositive();
        Label message = fixture.robot.lookup("#backupMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().contains("completed"));
        assertThat(message.getText()).contains(done.id());
        assertThat(fixture.robot.lookup("#backupProgress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(fixture.robot.lookup("#backupFullButton").queryButton().isDisabled()).isFalse();
        // Exactly one backup for one press (idempotency key + disabled button), as the backend sees it.
        JsonNode listed = fixture.api().get("/admin/backups").path("backups");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("backup_id").asText()).isEqualTo(done.id());
        assertThat(listed.get(0).path("status").asText()).isEqualTo("completed");

        fixture.robot.interact(() -> table.getSelectionModel().select(done));
        fixture.robot.clickOn("#verifyButton");
        TableView<TableCheck> checks = fixture.robot.lookup("#verifyTable").queryTableView();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !checks.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(checks.getItems()).allSatisfy(c -> assertThat(c.status()).isEqualTo("ok"));
        assertThat(fixture.robot.lookup("#backupActionMessage").queryAs(Label.class).getText()).contains("verified");

        // For a person to look at: the finished backup and its per-table verification (target/, copied to docs/ by hand).
        ScreenCapture.save(fixture.robot, fixture.stage(), Path.of("target", "screenshots", "operations.png"));

        fixture.robot.clickOn("#restoreButton");
        TextArea command = fixture.robot.lookup("#restoreCommand").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> command.getText().startsWith("opsdeck restore --backup"));

        OperationsView page = (OperationsView) fixture.robot.lookup("#opsPage").query().getUserData();
        fixture.robot.interact(() -> page.downloadTarget(name -> Optional.of(downloads.resolve(name))));
        fixture.robot.clickOn("#downloadButton");
        Path file = downloads.resolve(done.fileName());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.isRegularFile(file));
        assertThat(Files.size(file)).isEqualTo(done.sizeBytes());

        // Delete asks first; Cancel keeps the backup, Confirm removes it.
        fixture.robot.clickOn("#deleteBackupButton");
        Label prompt = fixture.robot.lookup("#backupConfirmPrompt").queryAs(Label.class);
        assertThat(prompt.getText()).contains(done.id()).contains("cannot be recovered");
        fixture.robot.clickOn("#backupCancelButton");
        assertThat(prompt.getParent().isVisible()).as("confirmation closed").isFalse();
        assertThat(fixture.api().get("/admin/backups").path("backups")).hasSize(1);
        fixture.robot.clickOn("#deleteBackupButton");
        fixture.robot.clickOn("#backupConfirmButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        assertThat(fixture.api().get("/admin/backups").path("backups")).isEmpty();

        // The services tab, for a person to look at (target/ only).
        TabPane tabs = fixture.robot.lookup("#opsTabs").queryAs(TabPane.class);
        fixture.robot.interact(() -> tabs.getSelectionModel().select(2));
        TableView<ServiceInfo> services = fixture.robot.lookup("#serviceTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !services.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ScreenCapture.save(fixture.robot, fixture.stage(), Path.of("target", "screenshots", "operations-services.png"));
    }

    @Test
    void aCleanupDryRunThenCancelDeletesNothing() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
        fixture.goTo(Screen.OPERATIONS);
        TabPane tabs = fixture.robot.lookup("#opsTabs").queryAs(TabPane.class);
        fixture.robot.interact(() -> tabs.getSelectionModel().select(1));
        Button delete = fixture.robot.lookup("#cleanupDeleteButton").queryButton();
        assertThat(delete.isDisabled()).as("no delete before a preview").isTrue();

        // Something for a 1-day retention to count: a GPU sample buffered by a worker for almost 24 h (the oldest the
        // backend accepts), which is older than a day a few seconds later.
        JsonNode gpus = fixture.api().get("/api/validator/gpus");
        String worker = gpus.findValue("worker_id").asText();
        Instant almostADayAgo = Instant.now().minus(Duration.ofHours(24)).plusSeconds(5);
        fixture.api().post("/api/worker/gpu-metrics", Map.of("worker_id", worker, "recorded_at", almostADayAgo.toString(),
                "gpus", List.of(Map.of("index", 0, "name", "NVIDIA H100", "utilization_percent", 40.0))));
        Instant olderThanADay = almostADayAgo.plus(Duration.ofHours(24)).plusSeconds(1);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Instant.now().isAfter(olderThanADay));
        TextField days = fixture.robot.lookup("#cleanupDays").queryAs(TextField.class);
        fixture.robot.interact(() -> days.setText("1"));
        JsonNode before = dryRun(1);
        fixture.robot.clickOn("#cleanupPreviewButton");
        TableView<CleanupCount> table = fixture.robot.lookup("#cleanupTable").queryTableView();
        Label message = fixture.robot.lookup("#cleanupMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("Dry run:"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).contains("Nothing has been deleted");
        long shown = table.getItems().stream().mapToLong(CleanupCount::rows).sum();
        
        assertThat(shown).isPositive();
        assertThat(table.getItems()).anySatisfy(c -> assertThat(c.table()).isEqualTo("gpu_metrics_history"));

        // Delete only asks, repeating the counts it is about to delete; Cancel leaves everything.
        fixture.robot.clickOn("#cleanupDeleteButton");
        Label prompt = fixture.robot.lookup("#cleanupConfirmPrompt").queryAs(Label.class);
        assertThat(prompt.getParent().isVisible()).isTrue();
        assertThat(prompt.getText()).contains("Delete " + shown + " row").contains("older than 1 day (").contains("gpu_metrics_history");
        ScreenCapture.save(fixture.robot, fixture.stage(), Path.of("target", "screenshots", "operations-cleanup.png"));
        fixture.robot.clickOn("#cleanupCancelButton");
        assertThat(message.getText()).isEqualTo("Cancelled: nothing was deleted.");
        assertThat(prompt.getParent().isVisible()).as("confirmation closed").isFalse();

        // A second dry run over HTTP counts at least as much as before: nothing was deleted (ingest may add rows).
        JsonNode after = dryRun(1);
        Map<String, Long> counts = new java.util.HashMap<>();
        before.path("tables").forEach(t -> counts.put(t.path("table").asText(), t.path("rows").asLong()));
        after.path("tables").forEach(t -> assertThat(t.path("rows").asLong()).as(t.path("table").asText())
                .isGreaterThanOrEqualTo(counts.getOrDefault(t.path("table").asText(), 0L)));
        // The audit trail agrees: every cleanup this session ran was a dry run.
        JsonNode audit = fixture.api().get("/admin/audit?action=maintenance.cleanup&limit=50").path("entries");
        assertThat(audit).isNotEmpty().allSatisfy(e -> assertThat(e.path("result").asText()).isEqualTo("dry_run"));
    }

    @Test
    void reconnectShowsAnUpstreamTheDemoChaosTookDownAndThenBringsItBack() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
        fixture.goTo(Screen.OPERATIONS);
        TabPane tabs = fixture.robot.lookup("#opsTabs").queryAs(TabPane.class);
        fixture.robot.interact(() -> tabs.getSelectionModel().select(2));
        TableView<ServiceInfo> table = fixture.robot.lookup("#serviceTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shownButton("#service-arkd-reconnect").isPresent());

        fixture.api().post("/admin/demo/chaos", Map.of("service", "arkd", "mode", "down"));
        clickRowButton("#service-arkd-reconnect");
        Label error = fixture.robot.lookup("#serviceError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> error.getText().startsWith("arkd: reconnect done, now down"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> state(table, "arkd").equals("down"));

        fixture.api().post("/admin/demo/chaos", Map.of("service", "arkd", "mode", "recover"));
        clickRowButton("#service-arkd-reconnect");
        Label message = fixture.robot.lookup("#serviceMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("arkd: reconnect done, now up"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> state(table, "arkd").equals("up"));
        assertThat(error.isVisible()).isFalse();
        // Stop on a background service, then start it again, each reported with the state after.
        clickRowButton("#service-lnd-stop");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("lnd: stop done, now stopped"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownButton("#service-lnd-start")
                .map(n -> !n.isDisabled()).orElse(false));
        clickRowButton("#service-lnd-start");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("lnd: start done, now up"));
    }

    /** A table keeps spare cells out of sight: the button of a row is the one that is shown. */
    private Optional<Node> shownButton(String id) {
        return fixture.robot.lookup(id).match(n -> n.getScene() != null && n.isVisible() && n.getParent() != null
                && n.getParent().isVisible()).tryQuery();
    }

    private void clickRowButton(String id) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownButton(id).isPresent());
        // Fired on the FX thread in the same step as the lookup: the live table may redraw its rows while a mouse
        // glides to a button, which would leave the robot aiming at a detached node.
        fixture.robot.interact(() -> ((Button) shownButton(id).orElseThrow()).fire());
    }

    private static String state(TableView<ServiceInfo> table, String name) {
        return table.getItems().stream().filter(s -> s.name().equals(name)).map(ServiceInfo::state).findFirst().orElse("");
    }

    private JsonNode dryRun(int days) throws Exception {
        return fixture.api().post("/admin/maintenance/cleanup", Map.of("days", days, "dry_run", true));
    }
}
