package dev.opsdeck.console.chain;

import dev.opsdeck.console.fx.UiExecutor;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Opens an explorer link in the desktop's browser, or copies it when there is none (headless, no browser
 * registered). The console is not an {@code Application} subclass, so JavaFX's HostServices is not at hand;
 * AWT's Desktop does the same job and runs off the UI thread because it may block.
 */
final class LinkOpener {
    private final UiExecutor ui;

    LinkOpener(UiExecutor ui) {
        this.ui = ui;
    }

    /** Opens {@code url}; {@code done} gets {@code true} when a browser took it, {@code false} when it was copied. */
    void open(String url, Consumer<Boolean> done) {
        if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()
                || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            copy(url);
            done.accept(false);
            return;
        }
        ui.submit(() -> {
            Desktop.getDesktop().browse(URI.create(url));
            return Boolean.TRUE;
        }, done, e -> {
            copy(url);
            done.accept(false);
        });
    }

    /** Puts {@code text} on the system clipboard (UI thread). */
    void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
