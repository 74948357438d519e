package dev.opsdeck.console.ops;

import javafx.scene.image.PixelReader;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves the window as a PNG (no javafx-swing here: pixels are copied by hand) so a person can look at the screen. */
final class ScreenCapture {
    private ScreenCapture() {
    }

    static void save(FxRobot robot, Stage stage, Path file) throws IOException {
        Image img = robot.capture(stage.getScene().getRoot()).getImage();
        PixelReader px = img.getPixelReader();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
