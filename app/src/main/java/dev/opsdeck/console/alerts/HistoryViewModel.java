package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The history tab: transitions newest first, filtered by time window, rule and severity, each filter a query
 * parameter of {@code GET /admin/alerts/history} so the backend does the filtering (and its limit applies after it).
 */
public final class HistoryViewModel {
    /** Window lengths offered, in hours (the backend allows up to 90 days). */
    public static final List<Integer> WINDOWS = List.of(1, 6, 24, 24 * 7, 24 * 30);
    static final int LIMIT = 500;

    private final UiExecutor ui;
    private final AlertsApi api;
    private final ObservableList<Transition> transitions = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> hours = new SimpleObjectProperty<>(this, "hours", 24);
    /** Empty for every rule / every severity. */
    private final StringProperty rule = new SimpleStringProperty(this, "rule", "");
    private final StringProperty severity = new SimpleStringProperty(this, "severity", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public HistoryViewModel(UiExecutor ui, AlertsApi api) {
        this.ui = ui;
        this.api = api;
        hours.addListener((o, a, b) -> load());
        rule.addListener((o, a, b) -> load());
        severity.addListener((o, a, b) -> load());
    }

    /** The history path for the current filters. */
    String path() {
        StringBuilder p = new StringBuilder("/admin/alerts/history?limit=" + LIMIT + "&hours=" + hours.get());
        if (rule.get() != null && !rule.get().isEmpty()) {
            p.append("&rule=").append(AlertsApi.segment(rule.get()));
        }
        if (severity.get() != null && !severity.get().isEmpty()) {
            p.append("&severity=").append(severity.get());
        }
        return p.toString();
    }

    public void load() {
        String path = path();
        ui.submit(() -> api.get(path), body -> {
            List<Transition> fresh = new ArrayList<>();
            body.path("transitions").forEach(t -> fresh.add(Transition.of(t)));
            KeyedList.sync(transitions, fresh, Transition::id);
            summary.set(fresh.size() + (fresh.size() == LIMIT ? "+ (newest shown)" : "") + " transition(s) in the last "
                    + (hours.get() < 48 ? hours.get() + " h" : hours.get() / 24 + " days"));
            error.set("");
        }, e -> error.set(e.getMessage()));
    }

    public ObservableList<Transition> transitions() { return transitions; }
    public ObjectProperty<Integer> hoursProperty() { return hours; }
    public StringProperty ruleProperty() { return rule; }
    public StringProperty severityProperty() { return severity; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
