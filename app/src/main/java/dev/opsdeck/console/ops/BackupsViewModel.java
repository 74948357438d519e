package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.KeyedList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.shell.Notifier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;

/**
 * The backup list and "create backup" with its progress. The backend answers a create at once with a job id;
 * progress and completion arrive on the {@code ops} topic ({@link #onEvents}), and the list poll is the fallback
 * when events are missed (a reconnect), so the job always ends in the list and in a message.
 */
public final class BackupsViewModel {
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final OpsApi api;
    private final UiExecutor ui;
    private final Notifier notifier;
    private final OpsText text;
    private final ActionKeys keys;
    private final Poller<List<Backup>> poller;
    private final ObservableList<Backup> backups = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(this, "creating");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private String runningId;
    private boolean pollFailed;

    BackupsViewModel(OpsApi api, UiExecutor ui, Notifier notifier, OpsText text, ActionKeys keys) {
        this.api = api;
        this.ui = ui;
        this.notifier = notifier;
        this.text = text;
        this.keys = keys;
        this.poller = new Poller<>(ui, REFRESH, api::backups, this::show, e -> {
            pollFailed = true;
            error.set(OpsText.error(e));
        });
    }

    /** Starts a backup job of {@code type} ({@code full} or {@code schema}); ignored while one is being created. */
    public void create(String type) {
        if (creating.get()) {
            return;
        }
        String action = "backup.create:" + type;
        creating.set(true);
        progress.set(-1); // indeterminate until the first progress event
        progressText.set(text.get("backup.starting", type));
        error.set("");
        ui.submit(() -> api.createBackup(type, keys.key(action)), id -> {
            keys.answered(action);
            runningId = id;
            message.set(text.get("backup.started", id));
            poller.now();
        }, e -> {
            keys.settle(action, e);
            creating.set(false);
            progressText.set("");
            error.set(text.get("backup.createFailed", OpsText.error(e)));
        });
    }

    /** Events of the {@code ops} topic. */
    public void onEvents(List<JsonNode> events) {
        boolean listChanged = false;
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            JsonNode d = e.path("data");
            String id = d.path("backup_id").asText();
            if (type.equals("backup.progress") && id.equals(runningId)) {
                progress.set(d.path("percent").asDouble() / 100.0);
                progressText.set(text.get("backup.progress", d.path("phase").asText(), d.path("percent").asInt()));
            }
            listChanged |= type.startsWith("backup.") && !type.equals("backup.progress") && !type.startsWith("backup.verif");
        }
        if (listChanged) {
            poller.now(); // the list is the truth: completed/failed/deleted are read from it, as when events are missed
        }
    }

    private void show(List<Backup> fresh) {
        if (pollFailed) {
            error.set(""); // only the poll's own error: a failed create stays readable
            pollFailed = false;
        }
        KeyedList.sync(backups, fresh, Backup::id);
        if (runningId == null) {
            return;
        }
        fresh.stream().filter(b -> b.id().equals(runningId) && !b.running()).findFirst().ifPresent(this::finished);
    }

    private void finished(Backup b) {
        runningId = null;
        creating.set(false);
        if (b.completed()) {
            progress.set(1);
            String done = text.get("backup.completed", b.id(), OpsText.bytes(b.sizeBytes()));
            progressText.set(text.get("backup.progress", "done", 100)); // the sentence itself is the message below
            message.set(done);
            notifier.post(Notifier.Level.INFO, text.get("backup.title"), done);
        } else {
            progress.set(0);
            progressText.set("");
            String failed = text.get("backup.failed", b.id(), b.error());
            error.set(failed);
            notifier.post(Notifier.Level.ERROR, text.get("backup.title"), failed);
        }
    }

    public void activate() { poller.start(); }
    public void deactivate() { poller.stop(); }
    public void refresh() { poller.now(); }

    /** Newest first, updated in place. */
    public ObservableList<Backup> backups() { return backups; }
    /** True from the press of Backup until the job completed or failed. */
    public ReadOnlyBooleanProperty creatingProperty() { return creating.getReadOnlyProperty(); }
    /** 0..1, or -1 while the job has not reported yet. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    /** The last result, in words. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
