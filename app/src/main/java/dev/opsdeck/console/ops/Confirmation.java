package dev.opsdeck.console.ops;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * An inline confirmation of a destructive action, scaled to its blast radius: a button press in a test or dev
 * environment, the environment's name typed out in production. Nothing runs until {@link #confirm()}.
 */
public final class Confirmation {
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper(this, "prompt", "");
    private final ReadOnlyStringWrapper required = new ReadOnlyStringWrapper(this, "required", "");
    private final StringProperty typed = new SimpleStringProperty(this, "typed", "");
    private final BooleanBinding confirmable = Bindings.createBooleanBinding(
            () -> open.get() && (required.get().isEmpty() || required.get().equals(typed.get().trim())), open, required, typed);
    private Runnable action = () -> { };

    /** Asks: {@code prompt} says what will happen; {@code typeToConfirm} empty for a plain confirm button. */
    public void ask(String promptText, String typeToConfirm, Runnable onConfirm) {
        prompt.set(promptText);
        required.set(typeToConfirm);
        typed.set("");
        action = onConfirm;
        open.set(true);
    }

    /** Runs the action if the confirmation is satisfied; returns whether it ran. */
    public boolean confirm() {
        if (!confirmable.get()) {
            return false;
        }
        Runnable a = action;
        cancel();
        a.run();
        return true;
    }

    /** Closes without doing anything. */
    public void cancel() {
        open.set(false);
        action = () -> { };
        typed.set("");
    }

    /** Whether the confirmation is showing. */
    public ReadOnlyBooleanProperty openProperty() { return open.getReadOnlyProperty(); }
    public boolean isOpen() { return open.get(); }
    /** What the action will do, with its counts. */
    public ReadOnlyStringProperty promptProperty() { return prompt.getReadOnlyProperty(); }
    /** The text to type (the production environment's name), or empty. */
    public ReadOnlyStringProperty requiredProperty() { return required.getReadOnlyProperty(); }
    /** What the operator typed. */
    public StringProperty typedProperty() { return typed; }
    /** True when confirm would run the action. */
    public BooleanBinding confirmableProperty() { return confirmable; }
}
