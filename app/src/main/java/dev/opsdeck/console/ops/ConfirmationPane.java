package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.Resources;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The inline confirmation of a {@link Confirmation}, built into an empty box of a tab: the prompt with its counts,
 * the name field in production, Confirm (disabled until satisfied) and Cancel (also Escape). Inline rather than a
 * modal dialog so the operator still sees the preview table it refers to.
 */
final class ConfirmationPane {
    private ConfirmationPane() {
    }

    /** Fills {@code box}; node ids start with {@code idPrefix} ({@code <p>ConfirmButton}, {@code <p>CancelButton}, {@code <p>ConfirmText}). */
    static void build(VBox box, Confirmation c, Resources resources, String idPrefix, Runnable onCancel) {
        Label prompt = new Label();
        prompt.setWrapText(true);
        prompt.textProperty().bind(c.promptProperty());
        prompt.setId(idPrefix + "ConfirmPrompt");
        TextField typed = new TextField();
        typed.setId(idPrefix + "ConfirmText");
        typed.textProperty().bindBidirectional(c.typedProperty());
        typed.promptTextProperty().bind(c.requiredProperty());
        typed.visibleProperty().bind(c.requiredProperty().isNotEmpty());
        typed.managedProperty().bind(typed.visibleProperty());
        typed.setPrefColumnCount(16);
        Button confirm = new Button(resources.text("ops.confirm.confirm"));
        confirm.setId(idPrefix + "ConfirmButton");
        confirm.getStyleClass().add("danger");
        confirm.disableProperty().bind(c.confirmableProperty().not());
        confirm.setOnAction(e -> c.confirm());
        typed.setOnAction(e -> c.confirm());
        Button cancel = new Button(resources.text("ops.confirm.cancel"));
        cancel.setId(idPrefix + "CancelButton");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        HBox buttons = new HBox(8, typed, confirm, cancel);
        box.getChildren().setAll(prompt, buttons);
        box.setSpacing(6);
        box.visibleProperty().bind(c.openProperty());
        box.managedProperty().bind(box.visibleProperty());
        // Keyboard: the confirmation takes the focus where the next step is (the name field, else Cancel, the safe choice).
        c.openProperty().addListener((o, was, open) -> {
            if (open) {
                Platform.runLater(() -> (c.requiredProperty().get().isEmpty() ? cancel : typed).requestFocus());
            }
        });
    }
}
