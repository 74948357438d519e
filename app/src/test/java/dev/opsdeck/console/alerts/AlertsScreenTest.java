package dev.opsdeck.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts screen in a real window on the real embedded demo backend. */
class AlertsScreenTest {
    @TempDir
    Path dataDir;
    private ConsoleFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private boolean backendRuleEnabled(String name) throws Exception {
        for (JsonNode r : fixture.api().get("/admin/alerts/rules").path("rules")) {
            if (r.path("name").asText().equals(name)) {
                return r.path("enabled").asBoolean();
            }
        }
        throw new AssertionError("no rule " + name);
    }

    /**
     * Clicks {@code query}, looking it up again if a live refresh re-rendered its row between lookup and click
     * (TestFX then fails while finding or moving to the node, before pressing anything, so a retry never clicks twice).
     */
    private void click(String query) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                fixture.robot.clickOn(query);
                return;
            } catch (RuntimeException e) {
                // "no nodes", or the node left the scene while the pointer moved to it: both before any press.
                boolean beforePress = e instanceof org.testfx.api.FxRobotException || e.getCause() instanceof NullPointerException;
                if (!beforePress || attempt == 10) {
                    throw e;
                }
                WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void openTab(String title) {
        fixture.robot.clickOn(fixture.robot.lookup(".tab-header-area .tab-label").match(LabeledMatchers.hasText(title)).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRuleSwitchedOffInTheConsoleIsOffInTheBackendAndBackOn() throws Exception {
        fixture.goTo(Screen.ALERTS);
        assertThat(fixture.robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Alerts");
        openTab("Rules");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fixture.robot.lookup("#toggle-HighCPU").tryQuery().isPresent());
        assertThat(backendRuleEnabled("HighCPU")).isTrue();

        click("#toggle-HighCPU");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !backendRuleEnabled("HighCPU"));
        // The page says what the backend did (its pending HighCPU alert, if any, is dropped with it).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.robot.lookup("#rulesMessage").queryAs(Label.class)
                .getText().startsWith("HighCPU: rule disabled"));

        // Click the switch the table shows now (a refresh may have re-rendered the row since).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fixture.robot.lookup("#toggle-HighCPU").queryAs(ToggleSwitch.class).isSelected());
        click("#toggle-HighCPU");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> backendRuleEnabled("HighCPU"));
    }

    @Test
    void aFiringAlertBadgesTheNavigationAndIsAcknowledgedInTwoClicks() throws Exception {
        // A rule that fires on the first evaluation, with a runbook action, created over the real API.
        Map<String, Object> runbook = Map.of("title", "Disk pressure drill", "source", "AlertsScreenTest",
                "steps", List.of("Preview a retention cleanup", "Run it when the preview looks right"),
                "actions", List.of(Map.of("id", "cleanup", "label", "Retention cleanup (dry run)", "method", "POST",
                        "path", "/admin/maintenance/cleanup", "body", Map.of("dry_run", true, "days", 30))));
        fixture.api().post("/admin/alerts/rules", Map.of("name", "ConsoleDrill", "expr", "system_cpu_usage_percent >= 0",
                "for", "0s", "severity", "critical", "summary", "Drill: CPU is measurable", "runbook", runbook), Optional.empty());
        fixture.api().post("/admin/alerts/evaluate", null, Optional.empty());

        Label badge = fixture.robot.lookup("#badge-alerts").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> badge.isVisible() && !badge.getText().isEmpty());

        fixture.goTo(Screen.ALERTS);
        TableView<?> table = fixture.robot.lookup("#alertsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        assertThat(((AlertItem) table.getItems().get(0)).firing()).as("firing alerts come first").isTrue();
        int row = 0;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (((AlertItem) table.getItems().get(i)).ruleName().equals("ConsoleDrill")) {
                row = i;
            }
        }
        int target = row;
        FxToolkit.setupFixture(() -> table.getSelectionModel().select(target));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.robot.lookup("#action-cleanup").tryQuery().isPresent());

        fixture.robot.clickOn("#ackButton");
        fixture.robot.clickOn("#ackConfirm");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fixture.api().get("/admin/alerts/acks").path("acks").size() == 1);
        Label muted = fixture.robot.lookup("#mutedCount").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> muted.getText().startsWith("1 muted"));

        // The runbook's write action asks first, then runs the dry-run cleanup on the backend.
        click("#action-cleanup");
        fixture.robot.clickOn("#actionConfirm");
        Label message = fixture.robot.lookup("#alertsMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Retention cleanup (dry run)"));
        screenshot(Path.of("..", "docs", "screenshots", "alerts.png"));

        // Silence it in two clicks as well (the reason is prefilled); the silences tab lists it.
        fixture.robot.clickOn("#silenceButton");
        fixture.robot.clickOn("#silenceConfirm");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fixture.api().get("/admin/alerts/silences").path("silences").size() == 1);
        openTab("Silences & webhook");
        TableView<?> silences = fixture.robot.lookup("#silencesTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> silences.getItems().size() == 1);
        assertThat(((SilenceItem) silences.getItems().get(0)).matchers()).contains("alertname=\"ConsoleDrill\"");

        // The history timeline holds the drill's transition to firing, and filters by rule.
        openTab("History");
        javafx.scene.control.ListView<?> timeline = fixture.robot.lookup("#historyTimeline").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> timeline.getItems().stream()
                .anyMatch(t -> ((Transition) t).ruleName().equals("ConsoleDrill") && ((Transition) t).to().equals("firing")));

        // The rule editor: a duration the backend refuses is shown next to the "for" field.
        openTab("Rules");
        fixture.robot.clickOn("#newRule");
        fixture.robot.clickOn("#ruleName").write("BadFor");
        fixture.robot.clickOn("#ruleExpr").write("system_cpu_usage_percent");
        fixture.robot.clickOn("#ruleThreshold").write("50");
        fixture.robot.doubleClickOn("#ruleFor").write("5x");
        fixture.robot.clickOn("#ruleSummary").write("never saved");
        fixture.robot.clickOn("#ruleSave");
        Label forError = fixture.robot.lookup("#ruleForError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> forError.isVisible() && !forError.getText().isEmpty());
        assertThat(forError.getText()).as("the backend's words, without the HTTP preamble").startsWith("not a duration");
    }

    private void screenshot(Path file) {
        dev.opsdeck.console.Screenshots.save(fixture, file.getFileName().toString());
    }
}
