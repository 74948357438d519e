package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Database statistics: the store, its size, the pool, rows and size per table; read when shown or refreshed. */
public final class DatabaseViewModel {
    private final OpsApi api;
    private final UiExecutor ui;
    private final OpsText text;
    private final ObservableList<TableSize> tables = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    DatabaseViewModel(OpsApi api, UiExecutor ui, OpsText text) {
        this.api = api;
        this.ui = ui;
        this.text = text;
    }

    public void refresh() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        ui.submit(api::databaseStats, s -> {
            loading.set(false);
            error.set("");
            KeyedList.sync(tables, s.tables(), TableSize::table);
            summary.set(text.get("db.summary", s.description(), s.serverVersion(), s.schemaVersion(),
                    OpsText.bytes(s.sizeOnDiskBytes()), s.totalRows(), s.pool()));
        }, e -> {
            loading.set(false);
            error.set(OpsText.error(e));
        });
    }

    public ObservableList<TableSize> tables() { return tables; }
    /** Store, version, size, rows and pool in one line. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
}
