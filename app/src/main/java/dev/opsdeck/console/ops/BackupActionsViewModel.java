package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What can be done with one backup: verify (per-table result), download to a file the operator chose, delete
 * (after a confirmation naming it), and show the CLI restore command (the console never restores itself: restoring
 * over a live database is a decision for a shell, not a button).
 */
public final class BackupActionsViewModel {
    private final OpsApi api;
    private final UiExecutor ui;
    private final OpsText text;
    private final ActionKeys keys;
    private final Runnable listChanged;
    private final Confirmation confirmation = new Confirmation();
    private final ObservableList<TableCheck> verifyTables = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper restoreCommand = new ReadOnlyStringWrapper(this, "restoreCommand", "");

    BackupActionsViewModel(OpsApi api, UiExecutor ui, OpsText text, ActionKeys keys, Runnable listChanged) {
        this.api = api;
        this.ui = ui;
        this.text = text;
        this.keys = keys;
        this.listChanged = listChanged;
    }

    /** Restores {@code b} into a scratch database and compares every table with what the backup recorded. */
    public void verify(Backup b) {
        String action = "backup.verify:" + b.id();
        run(action, () -> api.verifyBackup(b.id(), keys.key(action)), r -> {
            verifyTables.setAll(r.tables());
            long bad = r.tables().stream().filter(t -> !t.status().equals("ok")).count();
            if (r.ok()) {
                message.set(text.get("verify.ok", b.id(), r.tables().size(), r.durationMs()));
            } else {
                error.set(text.get("verify.bad", b.id(), bad, r.fileChecksumOk() ? text.get("verify.fileOk") : text.get("verify.fileBad")));
            }
        });
    }

    /** Opens the confirmation; the backup is deleted only when it is confirmed. */
    public void requestDelete(Backup b, OpsApi.Environment env) {
        String prompt = text.get("delete.prompt", b.id(), b.type(), OpsText.bytes(b.sizeBytes()))
                + (env.production() ? " " + text.get("confirm.typeName", env.name()) : "");
        confirmation.ask(prompt, env.production() ? env.name() : "", () -> run("backup.delete:" + b.id(), () -> {
            api.deleteBackup(b.id());
            return b.id();
        }, id -> {
            message.set(text.get("delete.done", id));
            listChanged.run();
        }));
    }

    public void showRestoreCommand(Backup b) {
        run("backup.restore:" + b.id(), () -> api.restoreCommand(b.id()), restoreCommand::set);
    }

    /** Saves the backup file to {@code file}, chosen by the operator. */
    public void download(Backup b, Path file) {
        run("backup.download:" + b.id(), () -> api.download(b.id(), file),
                size -> message.set(text.get("download.done", b.id(), OpsText.bytes(size), file)));
    }

    private <T> void run(String action, Callable<T> work, Consumer<T> onSuccess) {
        if (busy.get()) {
            return; // one backup action at a time: a second click while the first runs does nothing
        }
        busy.set(true);
        message.set("");
        error.set("");
        ui.submit(work, r -> {
            keys.answered(action);
            busy.set(false);
            onSuccess.accept(r);
        }, e -> {
            keys.settle(action, e);
            busy.set(false);
            error.set(OpsText.error(e));
        });
    }

    public Confirmation confirmation() { return confirmation; }
    /** The last verify's tables. */
    public ObservableList<TableCheck> verifyTables() { return verifyTables; }
    /** An action is running. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** The restore command of the last backup asked for, with its notes. */
    public ReadOnlyStringProperty restoreCommandProperty() { return restoreCommand.getReadOnlyProperty(); }
}
