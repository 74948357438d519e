package dev.opsdeck.console.fx;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Loads views, strings and stylesheets from the ui-fxml and styles modules. A missing or broken resource
 * fails at once with its path in the message, rather than as a blank window or a NullPointerException
 * deep inside FXMLLoader.
 */
public final class Resources {
    /** Base of the FXML views and the string bundle (module ui-fxml). */
    public static final String UI_BASE = "/dev/opsdeck/ui/";
    /** Base of the stylesheets (module styles). */
    public static final String STYLES_BASE = "/dev/opsdeck/styles/";

    private final ResourceBundle strings;

    public Resources() {
        try {
            this.strings = ResourceBundle.getBundle("dev.opsdeck.ui.messages");
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing resource bundle " + UI_BASE + "messages.properties (module ui-fxml)", e);
        }
    }

    /** The console's strings. */
    public ResourceBundle strings() {
        return strings;
    }

    /** A string by key; a missing key fails loudly instead of showing the key to the user. */
    public String text(String key) {
        try {
            return strings.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing string '" + key + "' in " + UI_BASE + "messages.properties", e);
        }
    }

    /** Loads {@code name} (e.g. {@code MainWindow.fxml}) with {@code controller} bound to its fx:ids and handlers. */
    public <T extends Parent> T loadView(String name, Object controller) {
        URL url = require(UI_BASE + name);
        FXMLLoader loader = new FXMLLoader(url, strings);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + UI_BASE + name + ": " + e.getMessage(), e);
        }
    }

    /** External form of a stylesheet (e.g. {@code dark.css}) for {@code Scene.getStylesheets()}. */
    public String stylesheet(String name) {
        return require(STYLES_BASE + name).toExternalForm();
    }

    private static URL require(String path) {
        URL url = Resources.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("missing resource " + path + " on the class path");
        }
        return url;
    }
}
