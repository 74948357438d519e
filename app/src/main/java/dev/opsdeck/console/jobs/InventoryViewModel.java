package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.jobs.JobModels.Inventory;
import dev.opsdeck.console.jobs.JobModels.Pool;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;

/** Inventory pools per asset with their levels, a manual replenish (batch create) and the monitor's start/stop. */
public final class InventoryViewModel {
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final JobsSource source;
    private final UiExecutor ui;
    private final ObservableList<Pool> pools = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper monitorState = new ReadOnlyStringWrapper(this, "monitorState", "");
    private final StringProperty asset = new SimpleStringProperty(this, "asset", "");
    private final StringProperty count = new SimpleStringProperty(this, "count", "100");
    private final Feedback feedback = new Feedback();
    private final Poller<Inventory> poller;

    public InventoryViewModel(JobsSource source, UiExecutor ui) {
        this.source = source;
        this.ui = ui;
        this.poller = new Poller<>(ui, REFRESH, source::inventory, inv -> {
            KeyedList.sync(pools, inv.pools(), Pool::assetId);
            monitorState.set(inv.monitorState());
            feedback.clearError();
        }, feedback::failed);
    }

    public void activate() { poller.start(); }

    public void deactivate() { poller.stop(); }

    /** Creates the typed number of items for the typed asset (a new asset gets a pool with defaults). */
    public void replenish() {
        String a = asset.get() == null ? "" : asset.get().strip();
        int n;
        try {
            n = Integer.parseInt(count.get() == null ? "" : count.get().strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (a.isEmpty() || n < 1 || n > 10_000) {
            feedback.failed(new IllegalArgumentException("Give an asset id and a count between 1 and 10000."));
            return;
        }
        int items = n;
        feedback.run(ui, () -> source.createBatch(a, items), "jobs.inventory.created", items + " \u2192 " + a, level -> poller.now());
    }

    /** Starts or stops automatic replenishment below the low watermark. */
    public void monitor(boolean start) {
        feedback.run(ui, () -> source.monitor(start), start ? "jobs.inventory.started" : "jobs.inventory.stopped", "", state -> {
            monitorState.set(state);
            poller.now();
        });
    }

    public ObservableList<Pool> pools() { return pools; }
    /** {@code up}, {@code stopped}, {@code degraded}; empty before the first read. */
    public ReadOnlyStringProperty monitorStateProperty() { return monitorState.getReadOnlyProperty(); }
    /** Asset to replenish (the view fills it from the selected pool). */
    public StringProperty assetProperty() { return asset; }
    /** Items to create, as typed. */
    public StringProperty countProperty() { return count; }
    public Feedback feedback() { return feedback; }
}
