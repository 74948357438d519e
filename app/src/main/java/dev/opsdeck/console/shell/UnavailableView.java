package dev.opsdeck.console.shell;

import dev.opsdeck.console.fx.Resources;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;

/** Controller of Unavailable.fxml: the honest page of a screen that is not built yet. */
public final class UnavailableView {
    private final Screen screen;
    private final Resources resources;

    @FXML private Label title;
    @FXML private Label plan;

    public UnavailableView(Screen screen, Resources resources) {
        this.screen = screen;
        this.resources = resources;
    }

    public Parent load() {
        return resources.loadView("Unavailable.fxml", this);
    }

    @FXML
    private void initialize() {
        title.setText(resources.text("screen." + screen.id()));
        plan.setText(resources.text("unavailable." + screen.id()));
    }
}
