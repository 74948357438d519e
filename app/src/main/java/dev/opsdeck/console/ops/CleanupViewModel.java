package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.stream.Collectors;

/**
 * Retention cleanup, preview first: a dry run lists what would go per table; only then can the operator ask to
 * delete, and the confirmation repeats the counts it is about to delete (and, in production, wants the
 * environment's name typed). Changing the days drops the preview, so a confirmation never shows stale counts.
 */
public final class CleanupViewModel {
    private final OpsApi api;
    private final UiExecutor ui;
    private final OpsText text;
    private final ActionKeys keys;
    private final Confirmation confirmation = new Confirmation();
    private final StringProperty days = new SimpleStringProperty(this, "days", "30");
    private final ObservableList<CleanupCount> preview = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CleanupResult> previewed = new ReadOnlyObjectWrapper<>(this, "previewed");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    CleanupViewModel(OpsApi api, UiExecutor ui, OpsText text, ActionKeys keys) {
        this.api = api;
        this.ui = ui;
        this.text = text;
        this.keys = keys;
        days.addListener((o, was, now) -> {
            previewed.set(null);
            preview.clear();
            confirmation.cancel();
        });
    }

    /** The dry run: counts only, deletes nothing. */
    public void preview() {
        Integer d = parsedDays();
        if (d == null || busy.get()) {
            return;
        }
        run("cleanup.preview:" + d, () -> api.cleanup(d, true, keys.key("cleanup.preview:" + d)), r -> {
            previewed.set(r);
            preview.setAll(r.tables());
            message.set(text.get("cleanup.previewed", r.total(), r.days()));
        });
    }

    /** Opens the confirmation with the previewed counts; nothing is deleted before it is confirmed. */
    public void requestDelete(OpsApi.Environment env) {
        CleanupResult p = previewed.get();
        if (p == null || p.total() == 0) {
            return;
        }
        String counts = p.tables().stream().filter(t -> t.rows() > 0).map(t -> t.table() + " " + t.rows())
                .collect(Collectors.joining(", "));
        String prompt = text.get("cleanup.prompt", p.total(), p.days(), counts)
                + (env.production() ? " " + text.get("confirm.typeName", env.name()) : "");
        String action = "cleanup.run:" + p.days();
        confirmation.ask(prompt, env.production() ? env.name() : "", () -> run(action, () -> api.cleanup(p.days(), false, keys.key(action)),
                r -> {
                    previewed.set(null);
                    preview.setAll(r.tables());
                    message.set(text.get("cleanup.done", r.total(), r.days()));
                }));
    }

    /** Closes the confirmation: nothing is deleted. */
    public void cancel() {
        if (confirmation.isOpen()) {
            confirmation.cancel();
            message.set(text.get("cleanup.cancelled"));
        }
    }

    private Integer parsedDays() {
        try {
            int d = Integer.parseInt(days.get().trim());
            if (d >= 1 && d <= 3650) {
                error.set("");
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        error.set(text.get("cleanup.badDays"));
        return null;
    }

    private void run(String action, java.util.concurrent.Callable<CleanupResult> work, java.util.function.Consumer<CleanupResult> done) {
        busy.set(true);
        error.set("");
        ui.submit(work, r -> {
            keys.answered(action);
            busy.set(false);
            done.accept(r);
        }, e -> {
            keys.settle(action, e);
            busy.set(false);
            error.set(OpsText.error(e));
        });
    }

    public Confirmation confirmation() { return confirmation; }
    /** Retention in days, as typed. */
    public StringProperty daysProperty() { return days; }
    /** Per-table counts of the last dry run (or of the run that deleted them). */
    public ObservableList<CleanupCount> counts() { return preview; }
    /** The dry run the delete button would act on; null before a preview or after the days changed. */
    public ReadOnlyObjectProperty<CleanupResult> previewedProperty() { return previewed.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
