package dev.opsdeck.console.audit;

import dev.opsdeck.backend.api.Backend;
import dev.opsdeck.backend.api.BackendConfig;
import dev.opsdeck.backend.api.Profile;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.shell.Role;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console connected with a viewer token learns its role from the backend (whoami) and shows the audit log's
 * admin-only action disabled, with the reason, instead of failing on click.
 */
class AuditViewerRoleTest {
    private static final String VIEWER = "audit-viewer-token-0123456789abcdef";

    @TempDir
    Path dir;
    private RunningBackend backend;
    private ConsoleFixture fixture;

    @BeforeEach
    void open() throws Exception {
        backend = Backend.start(BackendConfig.builder().profile(Profile.DEV).port(0).bind("127.0.0.1")
                .dataDir(dir.resolve("backend")).adminKey("audit-admin-key-0123456789abcdef").viewerTokens(List.of(VIEWER))
                .logLevel("warn").build());
        fixture = ConsoleFixture.open(dir, "--connect", backend.baseUrl().toString(), "--token", VIEWER);
    }

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        backend.stop();
    }

    @Test
    void aViewerSeesVerifyDisabledWithTheReasonAndAnExplanationInsteadOfTheLog() throws Exception {
        // A bearer token could be anything: only the backend's answer makes it a viewer.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fixture.console().session().getRole() == Role.VIEWER);
        fixture.goTo(Screen.AUDIT);

        Button verify = fixture.robot.lookup("#verifyChain").queryAs(Button.class);
        assertThat(verify.isDisabled()).isTrue();
        assertThat(verify.getTooltip()).isNotNull();
        assertThat(verify.getTooltip().getText()).contains("viewer token", "admin key");

        Node notice = fixture.robot.lookup("#auditPermission").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, notice::isVisible);
        assertThat(fixture.robot.lookup("#auditPermissionText").queryAs(Label.class).getText()).contains("admin key");
        assertThat(fixture.robot.lookup("#auditError").queryAs(Label.class).isVisible()).as("no failure, an explanation").isFalse();
    }
}
