package dev.opsdeck.console.environments;

import com.sun.net.httpserver.HttpServer;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding, testing, switching to and back from a saved environment, on a real embedded backend. */
class EnvironmentsTest {
    @TempDir
    Path dir;

    private ConsoleFixture fixture;
    private HttpServer otherServer;

    @BeforeEach
    void open() throws Exception {
        fixture = ConsoleFixture.open(dir);
        fixture.goTo(Screen.SETTINGS);
    }

    @AfterEach
    void close() throws Exception {
        if (otherServer != null) {
            otherServer.stop(0);
        }
        fixture.close();
    }

    private Path profileFile() {
        return dir.resolve("console-config").resolve(ProfileStore.FILE);
    }

    private String addEnvironment(String name, String url, String adminKey, boolean production) throws Exception {
        fixture.robot.interact(() -> {
            fixture.find("#envName").queryAs(TextField.class).setText(name);
            fixture.find("#envUrl").queryAs(TextField.class).setText(url);
            fixture.find("#envAdminKey").queryAs(TextField.class).setText(adminKey);
            fixture.find("#envProduction").queryAs(CheckBox.class).setSelected(production);
        });
        String before = message().getText();
        fixture.robot.clickOn(fixture.find("#testAndSave").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !message().getText().equals(before)
                && !message().getText().startsWith("Testing"));
        return message().getText();
    }

    private Label message() {
        return fixture.find("#environmentMessage").queryAs(Label.class);
    }

    @Test
    void aBadTokenIsRefusedWithTheReasonInWordsAndNothingIsSaved() throws Exception {
        String text = addEnvironment("staging", fixture.baseUrl().toString(), "not-the-admin-key", false);
        assertThat(text).startsWith("Not saved:").contains("401").contains("does not accept this environment's credentials");
        assertThat(message().getStyleClass()).contains("error-text");
        ListView<?> list = fixture.find("#environmentList").queryAs(ListView.class);
        assertThat(List.<Object>copyOf(list.getItems())).containsExactly("Embedded demo");
        assertThat(Files.exists(profileFile())).isFalse();
    }

    @Test
    void aServerThatIsNotOpsDeckIsCalledTheWrongServer() throws Exception {
        otherServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherServer.createContext("/", exchange -> {
            byte[] page = "<html><body>It works!</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherServer.start();
        String text = addEnvironment("intranet", "http://127.0.0.1:" + otherServer.getAddress().getPort(), "k", false);
        assertThat(text).contains("wrong server").contains("does not look like an OpsDeck backend");
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        String text = addEnvironment("nowhere", "http://127.0.0.1:1", "k", false);
        assertThat(text).contains("cannot connect to 127.0.0.1:1 (connection refused)");
    }

    @Test
    void aGoodProfileIsSavedEncryptedAndSwitchingMovesTheWholeWindowAndBack() throws Exception {
        String adminKey = fixture.api().target().adminKey().orElseThrow();
        String text = addEnvironment("loopback", fixture.baseUrl().toString(), adminKey, true);
        assertThat(text).startsWith("Saved 'loopback'").contains("admin key accepted");
        assertThat(Files.readString(profileFile())).contains("loopback").doesNotContain(adminKey);

        // Switch with the keyboard: select the profile in the list, then the Switch button.
        ListView<?> list = fixture.find("#environmentList").queryAs(ListView.class);
        fixture.robot.interact(() -> list.getSelectionModel().select(1));
        fixture.robot.clickOn(fixture.find("#switchEnvironment").queryAs(javafx.scene.Node.class));
        Label environment = fixture.find("#environmentName").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "loopback".equals(environment.getText()));
        Label state = fixture.find("#connectionState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "connected".equals(state.getText()));
        assertThat(fixture.find("#statusEnvironment").queryAs(Label.class).getText()).isEqualTo("loopback");
        assertThat(fixture.stage().getTitle()).endsWith("loopback");
        Node root = fixture.stage().getScene().getRoot();
        assertThat(root.getStyleClass()).as("production wears the danger accent").contains("production");
        assertThat(fixture.console().session().api().target().environmentName()).isEqualTo("loopback");

        // Back to the embedded demo with its menu accelerator; it kept running, so it is connected at once.
        fixture.robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.ALT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Embedded demo".equals(environment.getText()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "connected".equals(state.getText()));
        assertThat(root.getStyleClass()).doesNotContain("production");

        // Remove with the keyboard: Delete on the selected row asks first; the confirmation removes it from the file.
        fixture.robot.interact(() -> {
            list.requestFocus();
            list.getSelectionModel().select(1);
        });
        fixture.robot.type(KeyCode.DELETE);
        assertThat(fixture.find("#removeConfirm").query().isVisible()).isTrue();
        fixture.robot.clickOn(fixture.find("#confirmRemove").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 1);
        assertThat(Files.readString(profileFile())).doesNotContain("loopback");
    }
}
