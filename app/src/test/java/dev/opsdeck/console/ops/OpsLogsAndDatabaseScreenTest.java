package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Logs and Database tabs of the operations screen in a real window on the embedded demo backend: a warning
 * the backend logs arrives on the live tail and obeys the search and level filters; the table sizes are the
 * backend's own figures.
 */
class OpsLogsAndDatabaseScreenTest {
    private static final String REORG_LOG = "chain reorganisation";

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
    void aLoggedWarningArrivesLiveAndFollowsTheSearchAndLevelFilters() throws Exception {
        openOperationsTab("#logsTab");
        TableView<LogLine> table = fixture.robot.lookup("#logTable").queryTableView();
        assertThat(fixture.robot.lookup("#logTail").queryAs(CheckBox.class).isSelected()).as("the tail is on by default").isTrue();

        // Make the backend log a warning: a devnet reorg deep enough to replace the newest block the indexer has
        // indexed, which it then rewinds and logs. The indexer polls every 3 s and may trail the head (on a slow
        // machine it is still catching up on the devnet's history), so a reorg of the head block alone can miss it.
        // Again every 8 s until the warning arrives.
        long[] lastReorg = {0};
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            if (table.getItems().stream().anyMatch(l -> l.message().contains(REORG_LOG))) {
                return true;
            }
            if (System.currentTimeMillis() - lastReorg[0] > 8_000 && reorgAccepted()) {
                lastReorg[0] = System.currentTimeMillis();
            }
            return false;
        });
        WaitForAsyncUtils.waitForFxEvents();
        LogLine warning = table.getItems().stream().filter(l -> l.message().contains(REORG_LOG)).findFirst().orElseThrow();
        assertThat(warning.level()).isEqualTo("WARN");

        // Typing a search narrows the list to matching lines.
        fixture.robot.clickOn("#logSearch").write("reorganisation");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).isNotEmpty().allSatisfy(l -> assertThat(l.message().toLowerCase()).contains("reorganisation"));

        // ERROR and above only: the warning is filtered out, and no line below ERROR remains.
        ComboBox<String> level = fixture.robot.lookup("#logLevel").queryComboBox();
        fixture.robot.interact(() -> level.setValue("ERROR"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream().noneMatch(l -> l.message().contains(REORG_LOG)));
        assertThat(table.getItems()).allSatisfy(l -> assertThat(l.level()).isEqualTo("ERROR"));
        assertThat(fixture.robot.lookup("#logError").queryAs(Label.class).getText()).isEmpty();
    }

    @Test
    void theDatabaseTabShowsTheBackendsTablesAndSizes() throws Exception {
        openOperationsTab("#databaseTab");
        TableView<TableSize> table = fixture.robot.lookup("#databaseTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        JsonNode stats = fixture.api().get("/admin/database/stats");
        assertThat(table.getItems()).extracting(TableSize::table).contains("workers", "blockchain_events", "chain_reorgs", "jobs");
        assertThat(table.getItems()).hasSize(stats.path("tables").size());
        assertThat(fixture.robot.lookup("#databaseSummary").queryAs(Label.class).getText()).contains("H2");

        // Refresh reads again: the workers table the demo fleet fills is never empty.
        fixture.robot.clickOn("#databaseRefresh");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(t -> t.table().equals("workers") && t.rows() > 0));
        assertThat(fixture.robot.lookup("#databaseError").queryAs(Label.class).getText()).isEmpty();
    }

    /** Opens the console on the demo backend, goes to Operations and selects the tab with this id. */
    private void openOperationsTab(String tabId) throws Exception {
        fixture = ConsoleFixture.open(dataDir);
        fixture.goTo(Screen.OPERATIONS);
        TabPane tabs = fixture.robot.lookup("#opsTabs").queryAs(TabPane.class);
        fixture.robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> tabId.equals("#" + t.getId())).findFirst().orElseThrow()));
    }

    /** Reorganises the devnet from the indexer's newest block up; false if the indexer has nothing to rewind yet. */
    private boolean reorgAccepted() {
        try {
            long indexed = fixture.api().get("/api/chain/status").path("state").path("last_block").asLong(0);
            long head = fixture.api().get("/admin/chain/devnet").path("head_block").asLong(0);
            long depth = head - indexed + 1;
            if (indexed < 1 || depth > Math.min(64, head - 1)) {
                return false; // nothing indexed yet, or further behind than a devnet reorg reaches: try again
            }
            fixture.api().post("/admin/chain/devnet/reorg", Map.of("depth", depth));
            return true;
        } catch (ApiException e) {
            return false; // the devnet has no second block yet; try again
        }
    }
}
