package dev.opsdeck.console.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.live.LiveEvents;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The workers screen: the fleet's workers (polled, and refreshed at once when the {@code workers} topic announces
 * a join or a state change), a text and state filter, the recently departed and the thresholds states are judged by.
 * Rows are updated in place by worker id, never replaced, so selection and scroll position survive every refresh.
 */
public final class WorkersViewModel {
    static final Duration REFRESH = Duration.ofSeconds(5);
    /** A burst of fleet events (a rack rebooting) costs one read, not one per event. */
    static final Duration SOON = Duration.ofMillis(500);
    static final String PATH = "/api/network/workers?limit=500";

    private final LiveEvents live;
    private final WorkerDetailViewModel detail;
    private final Poller<JsonNode> poller;
    private final ObservableList<WorkerRow> rows = FXCollections.observableArrayList(WorkerRow::observables);
    private final FilteredList<WorkerRow> visible = new FilteredList<>(rows);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final StringProperty stateFilter = new SimpleStringProperty(this, "stateFilter", "");
    private final ObservableList<Departed> departed = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Thresholds> thresholds = new ReadOnlyObjectWrapper<>(this, "thresholds");
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    private final ReadOnlyIntegerWrapper departedWindowHours = new ReadOnlyIntegerWrapper(this, "departedWindowHours", 24);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private LiveEvents.Subscription subscription;
    private final UiExecutor ui;
    private Cancellable soon = Cancellable.NONE;
    private boolean soonPending;

    public WorkersViewModel(FleetApi api, UiExecutor ui, LiveEvents live, WorkerDetailViewModel detail) {
        this.live = live;
        this.ui = ui;
        this.detail = detail;
        this.poller = new Poller<>(ui, REFRESH, () -> api.get(PATH), this::apply, e -> error.set(e.getMessage()));
        filterText.addListener((o, a, b) -> refilter());
        stateFilter.addListener((o, a, b) -> refilter());
    }

    /** The page is shown: poll, and listen to the live feed. */
    public void activate() {
        poller.start();
        if (subscription == null) {
            subscription = live.subscribe("workers", this::onEvents);
        }
        detail.activate();
    }

    /** The page is hidden: no polling, no live updates. */
    public void deactivate() {
        poller.stop();
        soon.cancel();
        soonPending = false;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        detail.deactivate();
    }

    /** Reads the workers now (the Refresh action). */
    public void refresh() {
        poller.now();
    }

    private void onEvents(List<JsonNode> events) {
        List<JsonNode> samples = new ArrayList<>();
        boolean fleetChanged = false;
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            if (type.equals("gpu.samples")) {
                e.path("data").path("latest").forEach(samples::add);
            } else if (type.startsWith("worker.")) {
                fleetChanged = true;
                detail.onWorkerEvent(e.path("data").path("worker_id").asText(null));
            } else if (type.equals("gpu.error")) {
                detail.onGpuError(e.path("data"));
            }
        }
        if (!samples.isEmpty()) {
            detail.onSamples(samples);
        }
        if (fleetChanged) {
            // A join, a state change or a claim: show it now rather than at the next poll.
            refreshSoon();
        }
    }

    private void refreshSoon() {
        if (!soonPending) {
            soonPending = true;
            soon = ui.schedule(SOON, () -> {
                soonPending = false;
                poller.now();
            });
        }
    }

    void apply(JsonNode answer) {
        Map<String, WorkerRow> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.getId(), r));
        Set<String> seen = new HashSet<>();
        List<WorkerRow> added = new ArrayList<>();
        for (JsonNode w : answer.path("items")) {
            String id = w.path("worker_id").asText();
            seen.add(id);
            WorkerRow row = byId.get(id);
            if (row == null) {
                row = new WorkerRow(id);
                added.add(row);
            }
            row.update(w);
        }
        rows.removeIf(r -> !seen.contains(r.getId()));
        rows.addAll(added);
        List<Departed> gone = new ArrayList<>();
        for (JsonNode d : answer.path("recently_departed")) {
            gone.add(new Departed(d.path("worker_id").asText(), WorkerRow.text(d, "hostname"),
                    d.hasNonNull("last_heartbeat") ? Instant.parse(d.path("last_heartbeat").asText()) : null,
                    d.path("gone_for_seconds").asLong()));
        }
        if (!gone.equals(departed)) {
            departed.setAll(gone);
        }
        thresholds.set(Thresholds.of(answer.path("thresholds")));
        total.set(answer.path("total").asInt(rows.size()));
        departedWindowHours.set(answer.path("recently_departed_window_hours").asInt(departedWindowHours.get()));
        error.set("");
        detail.tick();
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String state = stateFilter.get() == null ? "" : stateFilter.get();
        visible.setPredicate(r -> (state.isEmpty() || state.equals(r.getState()))
                && (text.isEmpty() || r.getId().toLowerCase(Locale.ROOT).contains(text)
                || (r.hostnameProperty().get() != null && r.hostnameProperty().get().toLowerCase(Locale.ROOT).contains(text))));
    }

    /** Workers passing the filter, updated in place (wrap in a SortedList to sort). */
    public ObservableList<WorkerRow> visibleRows() { return visible; }
    /** Every worker of the last answer. */
    public ObservableList<WorkerRow> allRows() { return FXCollections.unmodifiableObservableList(rows); }
    /** Text matched against worker id and hostname. */
    public StringProperty filterTextProperty() { return filterText; }
    /** A state id ({@code online}, {@code late}, ...) to show only those; empty for all. */
    public StringProperty stateFilterProperty() { return stateFilter; }
    /** Workers offline for longer than the offline threshold within the backend's departed window. */
    public ObservableList<Departed> departed() { return FXCollections.unmodifiableObservableList(departed); }
    /** How long the backend keeps a departed worker on the list, hours. */
    public ReadOnlyIntegerProperty departedWindowHoursProperty() { return departedWindowHours.getReadOnlyProperty(); }
    /** Thresholds of the last answer; null before the first. */
    public ReadOnlyObjectProperty<Thresholds> thresholdsProperty() { return thresholds.getReadOnlyProperty(); }
    /** Workers known to the backend (may exceed the rows when there are more than a page). */
    public ReadOnlyIntegerProperty totalProperty() { return total.getReadOnlyProperty(); }
    /** Why the last refresh failed, in words; empty when it succeeded. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
    public WorkerDetailViewModel detail() { return detail; }
}
