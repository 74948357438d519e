package dev.opsdeck.console.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.ConsoleFixture;
import dev.opsdeck.console.environments.EnvironmentProfile;
import dev.opsdeck.console.environments.ProfileStore;
import dev.opsdeck.console.shell.Screen;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders the Settings screen with two saved environments to target/screenshots/settings.png, to look at. */
class SettingsScreenshotTest {
    @TempDir
    Path dir;

    @Test
    void rendersTheSettingsScreen() throws Exception {
        new ProfileStore(dir.resolve("console-config"), new ObjectMapper()).save(List.of(
                new EnvironmentProfile("staging", URI.create("https://staging.opsdeck.example.com"), Optional.empty(),
                        Optional.of("viewer-token"), "#1a7f37", false),
                new EnvironmentProfile("production-eu", URI.create("https://ops.eu.example.com"), Optional.of("admin-key"),
                        Optional.empty(), "#cf222e", true)));
        ConsoleFixture fixture = ConsoleFixture.open(dir);
        try {
            fixture.goTo(Screen.SETTINGS);
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] image = new WritableImage[1];
            fixture.robot.interact(() -> image[0] = fixture.stage().getScene().getRoot().snapshot(null, null));
            Path out = Path.of("target", "screenshots", "settings.png");
            Files.createDirectories(out.getParent());
            ImageIO.write(toBuffered(image[0]), "png", out.toFile());
            assertThat(Files.size(out)).isPositive();

            // The palette over the production environment: for looking at, not committed.
            fixture.robot.interact(() -> fixture.console().switchTo("production-eu"));
            fixture.robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.K)
                    .release(javafx.scene.input.KeyCode.K, javafx.scene.input.KeyCode.CONTROL);
            fixture.robot.write("sw");
            WaitForAsyncUtils.waitForFxEvents();
            fixture.robot.interact(() -> image[0] = fixture.stage().getScene().getRoot().snapshot(null, null));
            ImageIO.write(toBuffered(image[0]), "png", out.resolveSibling("palette-production.png").toFile());

            fixture.robot.type(javafx.scene.input.KeyCode.ESCAPE);
            fixture.robot.interact(() -> fixture.console().switchTo("Embedded demo"));
            fixture.robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.T)
                    .release(javafx.scene.input.KeyCode.T, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
            fixture.robot.interact(() -> fixture.find("#environmentList").queryAs(javafx.scene.control.ListView.class)
                    .getSelectionModel().select(2));
            WaitForAsyncUtils.waitForFxEvents();
            fixture.robot.interact(() -> image[0] = fixture.stage().getScene().getRoot().snapshot(null, null));
            ImageIO.write(toBuffered(image[0]), "png", out.resolveSibling("settings-dark.png").toFile());
        } finally {
            fixture.close();
        }
    }

    static BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }
}
