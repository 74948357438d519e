package dev.opsdeck.console.jobs;

import dev.opsdeck.console.ConsoleFixture;
import javafx.scene.image.PixelReader;
import javafx.scene.image.Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the window to {@code target/screenshots/<name>.png} so a person can look at the screen. */
final class Screenshots {
    private Screenshots() {
    }

    static Path save(ConsoleFixture fixture, String name) {
        Image img = fixture.robot.capture(fixture.stage().getScene().getRoot()).getImage();
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
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
