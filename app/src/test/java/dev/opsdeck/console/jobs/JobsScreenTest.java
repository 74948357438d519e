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
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
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
    void operatorRetriesADeadJobFromTheRecentJobsTable() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
        fixture.goTo(Screen.JOBS);
        assertThat(fixture.robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Jobs");

        // The activity tab is live: the queue depth summary shows real counts.
        Label queued = fixture.robot.lookup("#summaryQueued").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> queued.getText().startsWith("Queued "));

        // The demo fails transcode jobs often; after three failed attempts a job is dead. Wait for one.
        long start = System.nanoTime();
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> fixture.api().get("/api/jobs/recent?status=dead&limit=1")
                .path("jobs").size() > 0);
        System.out.printf("JobsScreenTest: first dead job after %d s%n", (System.nanoTime() - start) / 1_000_000_000L);

        fixture.robot.clickOn("Recent jobs");
        ComboBox<?> status = fixture.robot.lookup("#statusFilter").queryAs(ComboBox.class);
        fixture.robot.clickOn(status).clickOn("dead");
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
        Screenshots.save(fixture, "jobs-recent");
    }
}
