package dev.opsdeck.console.chain;

import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain screen on a real embedded demo: the devnet mines a block every two seconds. */
class ChainScreenTest {
    @TempDir Path dataDir;
    private ConsoleFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = ConsoleFixture.open(dataDir);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void heightAdvancesAReorgIsMarkedAndTheAuditLogVerifies() throws Exception {
        fixture.goTo(Screen.CHAIN);
        Label indexed = label("#indexedHeight");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> number(indexed) > 0);
        long first = number(indexed);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> number(indexed) > first);

        // A reorg only shows when the indexer had indexed the replaced blocks: wait for the catch-up to finish.
        Label head = label("#chainHead");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> number(head) > 0 && number(head) - number(indexed) <= 1);

        // Demo chaos through the page: reorganise the devnet's newest 3 blocks; the indexer rewinds and says so.
        fixture.robot.clickOn("#reorgsTab");
        fixture.robot.clickOn("#injectReorg");
        assertThat(label("#chaosMessage").getText()).as("nothing happens before the confirmation").isEmpty();
        fixture.robot.clickOn("#confirmChaos");
        TableView<?> reorgs = fixture.robot.lookup("#reorgList").queryAs(TableView.class);
        // The indexer notices on its next poll; on a loaded machine that may take a while.
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !reorgs.getItems().isEmpty());
        assertThat(((Reorg) reorgs.getItems().get(0)).depth()).isPositive();
        assertThat(label("#chaosMessage").getText()).startsWith("Devnet reorganised 3 blocks");
        // The reorg is marked on the height chart, inside its visible time range.
        TimeChart heightChart = TimeChart.of(fixture.robot.lookup("#heightChart .time-chart").query()).orElseThrow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> heightChart.visibleMarkers() > 0);
        assertThat(label("#reorgCount").getText()).isNotEqualTo("0");

        // The reorg was audited, so there is something to sign: sign, then verify the whole log against it.
        fixture.robot.clickOn("#checkpointTab");
        fixture.robot.clickOn("#createCheckpoint");
        Label result = label("#verifyResult");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> result.getText().startsWith("Signed a checkpoint"));
        fixture.robot.clickOn("#verifyCheckpoint");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> result.getText().startsWith("Verified up to entry"));
        long entry = Long.parseLong(result.getText().replaceAll("^Verified up to entry (\\d+):.*$", "$1"));
        assertThat(entry).isPositive();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label("#checkpointLatest").getText()
                .startsWith("Latest checkpoint covers audit entry " + entry));

        screenshot("checkpoint-tab.png");
        fixture.robot.clickOn("#reorgsTab");
        screenshot("reorgs-tab.png");
        fixture.robot.clickOn("#infoTab");
        screenshot("info-tab.png");
        fixture.robot.clickOn("#providersTab");
        screenshot("providers-tab.png");
        fixture.robot.clickOn("#eventsTab");
        TableView<?> events = fixture.robot.lookup("#chainEvents").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !events.getItems().isEmpty());
        screenshot("chain.png");
    }

    @Test
    void eventsFilterByTypeARejectedFilterIsExplainedAndAProviderReconnects() throws Exception {
        fixture.goTo(Screen.CHAIN);
        TableView<?> events = fixture.robot.lookup("#chainEvents").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !events.getItems().isEmpty());

        fixture.robot.clickOn("#typeFilter").write("Staked").type(javafx.scene.input.KeyCode.ENTER);
        // Read the rows on the FX thread: it replaces them while the filtered page loads.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> !events.getItems().isEmpty()
                && events.getItems().stream().allMatch(e -> "Staked".equals(((ChainEvent) e).type()))).get(5, TimeUnit.SECONDS));

        fixture.robot.clickOn("#subjectFilter").write("not-an-address").type(javafx.scene.input.KeyCode.ENTER);
        Label error = label("#eventsError");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> error.isVisible() && error.getText().contains("subject"));

        // The only provider is preselected: Alt+R reconnects it without the mouse.
        fixture.robot.clickOn("#providersTab");
        TableView<?> providers = fixture.robot.lookup("#chainProviders").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> providers.getSelectionModel().getSelectedItem() != null);
        fixture.robot.press(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.R)
                .release(javafx.scene.input.KeyCode.R, javafx.scene.input.KeyCode.ALT);
        Label message = label("#providerMessage");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("starknet-rpc-0 reconnected: now "));
    }

    private Label label(String id) {
        return fixture.robot.lookup(id).queryAs(Label.class);
    }

    private static long number(Label l) {
        String t = l.getText();
        return t != null && t.matches("\\d+") ? Long.parseLong(t) : -1;
    }

    private void screenshot(String name) {
        dev.opsdeck.console.Screenshots.save(fixture, name);
    }
}
