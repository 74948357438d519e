package dev.opsdeck.console.theme;

import dev.opsdeck.console.fx.Resources;
import javafx.scene.Scene;

/** Puts a theme on a scene at run time by swapping the colour stylesheet; the component rules stay. */
public final class ThemeApplier {
    private final Resources resources;

    public ThemeApplier(Resources resources) {
        this.resources = resources;
    }

    public void apply(Scene scene, Theme theme) {
        // Colours first, components second: both are on .root, the order only matters for equal specificity.
        scene.getStylesheets().setAll(resources.stylesheet(theme.stylesheet()), resources.stylesheet(Theme.COMPONENTS));
    }
}
