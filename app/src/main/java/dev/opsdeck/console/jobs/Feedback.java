package dev.opsdeck.console.jobs;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What a tab tells the user about its last action or read: a message key with its argument when an action
 * worked, the backend's sentence when something failed, and whether an action is in flight (buttons disable
 * meanwhile, so a double press does not send twice).
 */
public final class Feedback {
    private final ReadOnlyStringWrapper messageKey = new ReadOnlyStringWrapper(this, "messageKey", "");
    private final ReadOnlyStringWrapper messageArg = new ReadOnlyStringWrapper(this, "messageArg", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    /** Runs an action off the UI thread; on success shows {@code okKey} with {@code arg} and calls {@code then}. */
    <T> void run(UiExecutor ui, Callable<T> action, String okKey, String arg, Consumer<T> then) {
        busy.set(true);
        ui.submit(action, result -> {
            busy.set(false);
            error.set("");
            messageArg.set(arg);
            messageKey.set(okKey);
            then.accept(result);
        }, e -> {
            busy.set(false);
            failed(e);
        });
    }

    void failed(Throwable e) {
        messageKey.set("");
        error.set(describe(e));
    }

    void clearError() {
        error.set("");
    }

    /** A sentence for the user: the API's own message, otherwise what kind of failure it was. */
    static String describe(Throwable e) {
        if (e instanceof ApiException || e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    /** Key of the message about the last successful action (empty when none); its text takes {@link #messageArgProperty()}. */
    public ReadOnlyStringProperty messageKeyProperty() { return messageKey.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageArgProperty() { return messageArg.getReadOnlyProperty(); }
    /** Why the last read or action failed, in words; empty when it worked. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
    /** An action is in flight. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
}
