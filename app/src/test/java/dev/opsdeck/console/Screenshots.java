package dev.opsdeck.console;

import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves what a screen test shows, for a person to look at: {@code docs/screenshots/<name>.png}, only when the run
 * asks for it with {@code -Dopsdeck.screenshots=true}, so an ordinary test run never rewrites tracked files.
 */
public final class Screenshots {
    /** Surefire runs in the module directory ({@code app/}). */
    static final Path DIR = Path.of("..", "docs", "screenshots");

    private Screenshots() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean("opsdeck.screenshots");
    }

    /** The whole window of {@code fixture}. */
    public static void save(ConsoleFixture fixture, String name) {
        save(fixture.robot, fixture.stage().getScene().getRoot(), name);
    }

    /** {@code node} as rendered (no-op unless enabled). */
    public static void save(FxRobot robot, Node node, String name) {
        if (enabled()) {
            write(robot.capture(node).getImage(), name);
        }
    }

    /** An image already captured, e.g. from {@code Node.snapshot} (no-op unless enabled). */
    public static void write(Image img, String name) {
        if (!enabled()) {
            return;
        }
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader px = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(DIR);
            ImageIO.write(out, "png", DIR.resolve(name.endsWith(".png") ? name : name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
