package dev.opsdeck.console.charts;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;

/** The chart's exports: its data as CSV, its picture as PNG. */
public final class ChartExport {
    /** First line of every CSV export. */
    public static final String CSV_HEADER = "time,epoch_ms,series,value";

    private ChartExport() {
    }

    /**
     * Every point of every series in [from, to] (not only the lines drawn: the export is the data, undownsampled),
     * one row per point: ISO-8601 UTC time, epoch millis, series name, value. Series in insertion order, points in
     * time order.
     */
    public static String csv(Map<String, SeriesBuffer> series, double from, double to) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (var e : series.entrySet()) {
            SeriesBuffer b = e.getValue();
            String name = quote(e.getKey());
            for (int i = 0; i < b.size(); i++) {
                double t = b.timeAt(i);
                if (t < from || t > to) {
                    continue;
                }
                long ms = (long) t;
                out.append(Instant.ofEpochMilli(ms)).append(',').append(ms).append(',').append(name).append(',')
                        .append(number(b.valueAt(i))).append('\n');
            }
        }
        return out.toString();
    }

    /** Writes {@code text} to {@code file}, replacing it only once complete. Blocking: call off the UI thread. */
    public static void write(String text, Path file) {
        writeBytes(text.getBytes(StandardCharsets.UTF_8), file);
    }

    /** Encodes a snapshot as PNG into {@code file}. Blocking: call off the UI thread (the pixels are copied first). */
    public static void writePng(int[] argb, int width, int height, Path file) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            if (!ImageIO.write(image, "png", partial.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pixels of a snapshot (UI thread), to hand to {@link #writePng} in the background. */
    public static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }

    private static void writeBytes(byte[] bytes, Path file) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** RFC 4180: series names such as {@code x{a="1",b="2"}} hold commas and quotes. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
