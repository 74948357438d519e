package dev.opsdeck.console.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The jobs screen in a real window on the embedded demo, whose job simulator fails some jobs for real. */
class JobsScreenTest {
    @TempDir
    Path dataDir;

    private ConsoleFixture fixture;

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void operatorRetriesADeadJobAndWorksTheOtherTabs() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
        fixture.goTo(Screen.JOBS);
        assertThat(fixture.robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Jobs");

        // The activity tab is live: the queue depth summary shows real counts.
        Label queued = fixture.robot.lookup("#summaryQueued").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> queued.getText().startsWith("Queued "));

        // The demo's executor fails transcode jobs often (40 %). With the default three attempts and backoff the
        // first dead job takes minutes; a dozen urgent transcode jobs allowed one attempt each die within seconds.
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(Map.of("job_type", "transcode", "priority", 100, "max_attempts", 1, "gpu_count", 1,
                    "payload", Map.of("test", "retry-from-console")));
        }
        fixture.api().post("/api/jobs/batch", Map.of("jobs", batch));
        long start = System.nanoTime();
        // Watched on the activity tab's live summary, not by polling the API (its rate limit would answer 429).
        Label dead = fixture.robot.lookup("#summaryDead").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> dead.getText().startsWith("Dead ") && !dead.getText().equals("Dead 0"));
        System.out.printf("JobsScreenTest: first dead job after %d s%n", (System.nanoTime() - start) / 1_000_000_000L);

        dev.opsdeck.console.Screenshots.save(fixture, "jobs-activity");

        fixture.robot.clickOn("Recent jobs");
        ComboBox<?> status = fixture.robot.lookup("#statusFilter").queryAs(ComboBox.class);
        // Pick "dead" in the open list (the table behind may show the same word in its status cells).
        fixture.robot.clickOn(status);
        fixture.robot.clickOn(fixture.robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText("dead")).queryLabeled());
        TableView<?> jobs = fixture.robot.lookup("#recentJobs").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !jobs.getItems().isEmpty()
                && jobs.getItems().stream().allMatch(r -> ((JobModels.JobRow) r).status().equals("dead")));

        // Select the newest dead job with the keyboard, as an operator would.
        fixture.robot.clickOn(jobs).type(KeyCode.HOME);
        AtomicReference<String> picked = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Object row = jobs.getSelectionModel().getSelectedItem();
            picked.set(row == null ? null : ((JobModels.JobRow) row).jobId());
            return row != null;
        });
        String jobId = picked.get();
        JsonNode before = fixture.api().get("/api/jobs/" + jobId);
        assertThat(before.path("status").asText()).isEqualTo("dead");
        Label title = fixture.robot.lookup("#detailTitle").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().contains(jobId));
        assertThat(fixture.robot.lookup("#jobAttempts").queryAs(TableView.class).getItems())
                .as("the detail lists each attempt").hasSize(before.path("attempts").asInt());

        Button retry = fixture.robot.lookup("#retryJob").queryAs(Button.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !retry.isDisabled());
        fixture.robot.clickOn(retry);

        Label message = fixture.robot.lookup("#recentMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().contains(jobId) && message.getText().contains("queued again"));
        JsonNode after = fixture.api().get("/api/jobs/" + jobId);
        assertThat(after.path("status").asText()).as("back in the queue (or already picked up again)")
                .isIn("queued", "running", "completed", "failed");
        assertThat(after.path("max_attempts").asInt()).as("a fresh round of attempts")
                .isGreaterThan(before.path("max_attempts").asInt());
        // The dead filter is live: the retried job leaves the table without a manual refresh.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> jobs.getItems().stream()
                .noneMatch(r -> ((JobModels.JobRow) r).jobId().equals(jobId)));
        dev.opsdeck.console.Screenshots.save(fixture, "jobs-recent");

        // Bulk requeue of a failure group: the confirmation states the count the backend will requeue.
        fixture.robot.clickOn("Failures");
        TableView<?> groups = fixture.robot.lookup("#failureGroups").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> groups.getItems().stream()
                .anyMatch(g -> ((JobModels.FailureGroup) g).status().equals("dead")));
        int index = -1;
        for (int i = 0; i < groups.getItems().size() && index < 0; i++) {
            if (((JobModels.FailureGroup) groups.getItems().get(i)).status().equals("dead")) {
                index = i;
            }
        }
        int row = index;
        fixture.robot.interact(() -> groups.getSelectionModel().select(row));
        JobModels.FailureGroup group = (JobModels.FailureGroup) groups.getSelectionModel().getSelectedItem();
        fixture.robot.clickOn("#requeueGroup");
        Label question = fixture.robot.lookup("#requeueQuestion").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> question.isVisible() && question.getText().startsWith("Requeue "));
        long confirmed = Long.parseLong(question.getText().split(" ")[1]);
        assertThat(confirmed).as(question.getText()).isGreaterThanOrEqualTo(1);
        dev.opsdeck.console.Screenshots.save(fixture, "jobs-failures");
        // The confirm button has the focus: Enter requeues.
        fixture.robot.type(KeyCode.ENTER);
        Label failuresMessage = fixture.robot.lookup("#failuresMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> failuresMessage.getText().startsWith(confirmed + " jobs were put back"));
        Map<String, Object> dryRun = new java.util.HashMap<>();
        dryRun.put("status", "dead");
        dryRun.put("error_signature", group.errorSignature());
        dryRun.put("worker_id", group.workerId());
        dryRun.put("gpu_model", group.gpuModel());
        dryRun.put("dry_run", true);
        assertThat(fixture.api().post("/admin/jobs/requeue", dryRun).path("matched").asLong())
                .as("the group's dead jobs are back in the queue").isLessThan(confirmed);
        // Inventory: replenish a new asset by hand; the backend creates its pool with the items.
        fixture.robot.clickOn("Inventory");
        TableView<?> pools = fixture.robot.lookup("#inventoryPools").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !pools.getItems().isEmpty());
        fixture.robot.clickOn("#replenishAsset").write("console-test-asset");
        fixture.robot.clickOn("#replenish");
        Label inventoryMessage = fixture.robot.lookup("#inventoryMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> inventoryMessage.getText().contains("console-test-asset"));
        assertThat(fixture.api().get("/vtxos/inventory/console-test-asset").path("available").asLong()).isEqualTo(100);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> pools.getItems().stream()
                .anyMatch(p -> ((JobModels.Pool) p).assetId().equals("console-test-asset")));

        // Automation: the recurring tasks with their next run; run one now.
        fixture.robot.clickOn("Automation");
        TableView<?> tasks = fixture.robot.lookup("#automationTasks").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !tasks.getItems().isEmpty());
        fixture.robot.interact(() -> tasks.getSelectionModel().select(0));
        String task = ((JobModels.Task) tasks.getSelectionModel().getSelectedItem()).name();
        fixture.robot.clickOn("#runTask");
        Label automationMessage = fixture.robot.lookup("#automationMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> automationMessage.getText().contains(task));
        // Once the run is recorded the live table shows it, and the operator's selection and editor stay put.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> tasks.getItems().stream()
                .anyMatch(t -> ((JobModels.Task) t).name().equals(task) && ((JobModels.Task) t).runCount() > 0));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tasks.getSelectionModel().getSelectedItem() != null
                && ((JobModels.Task) tasks.getSelectionModel().getSelectedItem()).name().equals(task));
        assertThat(fixture.robot.lookup("#taskInterval").queryAs(javafx.scene.control.TextField.class).getText()).isNotEmpty();
        dev.opsdeck.console.Screenshots.save(fixture, "jobs-automation");
    }

}
