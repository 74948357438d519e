package dev.opsdeck.console.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit screen on the embedded demo: an admin action appears, filters narrow the table, the chain verifies. */
class AuditScreenTest {
    @TempDir
    Path dir;
    private ConsoleFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = ConsoleFixture.open(dir);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void anAdminActionAppearsCanBeFilteredAndTheChainVerifiesIntact() throws Exception {
        fixture.goTo(Screen.AUDIT);
        assertThat(fixture.robot.lookup("#pageTitle").queryAs(Label.class).getText()).isEqualTo("Audit log");
        @SuppressWarnings("unchecked")
        TableView<AuditEntry> table = fixture.robot.lookup("#auditTable").queryAs(TableView.class);

        // Cause an entry over real HTTP, as another operator would, and see it arrive without reopening the page.
        JsonNode rules = fixture.api().get("/admin/alerts/rules").path("rules");
        String rule = rules.get(0).path("name").asText();
        fixture.api().post("/admin/alerts/rules/" + rule + "/toggle", null);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(e -> e.action().equals("alerts.rule.toggle") && e.parameters().contains(rule)));

        // Narrow to that action from the keyboard: type, Enter.
        fixture.robot.clickOn("#auditAction").write("alerts.rule.*").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !table.getItems().isEmpty()
                && table.getItems().stream().allMatch(e -> e.action().startsWith("alerts.rule.")));
        assertThat(fixture.robot.lookup("#auditCount").queryAs(Label.class).getText()).containsPattern("\\d+ entr(y|ies) shown");

        // Its details: who, what, with which parameters.
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(0)).get(5, TimeUnit.SECONDS);
        String detail = fixture.robot.lookup("#auditDetail").queryAs(TextArea.class).getText();
        assertThat(detail).contains("alerts.rule.toggle", "\"rule\"", rule, "Actor:", "admin:");

        // More history, then every entry again: the newest on top, the selection kept while rows arrive.
        for (int i = 1; i < Math.min(4, rules.size()); i++) {
            fixture.api().post("/admin/alerts/rules/" + rules.get(i).path("name").asText() + "/toggle", null);
        }
        fixture.robot.clickOn("#auditClear");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() >= Math.min(4, rules.size()));
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(1)).get(5, TimeUnit.SECONDS);
        AuditEntry selected = table.getSelectionModel().getSelectedItem();
        fixture.api().post("/admin/alerts/rules/" + rule + "/toggle", null);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() >= Math.min(4, rules.size()) + 1);
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(selected);

        Button verify = fixture.robot.lookup("#verifyChain").queryAs(Button.class);
        assertThat(verify.isDisabled()).as("admin may verify").isFalse();
        fixture.robot.clickOn(verify);
        Label verdict = fixture.robot.lookup("#chainVerdict").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> verdict.getText().startsWith("Chain intact"));
        long checked = fixture.api().get("/admin/audit/verify").path("checked").asLong();
        assertThat(verdict.getText()).matches("Chain intact, \\d+ entr(y|ies)\\.");
        assertThat(Long.parseLong(verdict.getText().replaceAll("\\D", ""))).isBetween(1L, checked);
        assertThat(verdict.getStyleClass()).contains("intact");

        dev.opsdeck.console.Screenshots.save(fixture, "audit");
    }

    @Test
    void clearingTheFiltersShowsEveryEntryAgain() throws Exception {
        fixture.api().post("/admin/alerts/rules/" + fixture.api().get("/admin/alerts/rules").path("rules").get(0).path("name").asText()
                + "/toggle", null);
        fixture.goTo(Screen.AUDIT);
        @SuppressWarnings("unchecked")
        TableView<AuditEntry> table = fixture.robot.lookup("#auditTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        fixture.robot.clickOn("#auditResult").write("no-such-result").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().isEmpty()
                && table.getPlaceholder() instanceof Label l && l.getText().startsWith("No audit entries"));
        fixture.robot.clickOn("#auditClear");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        assertThat(fixture.robot.lookup("#auditResult").queryAs(TextField.class).getText()).isEmpty();
    }
}
