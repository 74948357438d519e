package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Recent backend log lines, newest first, with a minimum level and a text search, and a live tail from the
 * {@code logs} topic. The buffer is bounded; pausing the tail freezes the list so a line can be read and copied.
 */
public final class LogsViewModel {
    static final int CAPACITY = 2000;
    static final List<String> LEVELS = List.of("ALL", "ERROR", "WARN", "INFO", "DEBUG");

    private final OpsApi api;
    private final UiExecutor ui;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> visible = new FilteredList<>(lines);
    private final ObjectProperty<String> level = new SimpleObjectProperty<>(this, "level", "ALL");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty tail = new SimpleBooleanProperty(this, "tail", true);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    LogsViewModel(OpsApi api, UiExecutor ui) {
        this.api = api;
        this.ui = ui;
        level.addListener((o, was, now) -> reload());
        search.addListener((o, was, now) -> refilter());
    }

    /** Loads the most recent lines at the chosen level. */
    public void reload() {
        Optional<String> l = "ALL".equals(level.get()) ? Optional.empty() : Optional.of(level.get().toLowerCase(java.util.Locale.ROOT));
        ui.submit(() -> api.recentLogs(500, l), fresh -> {
            error.set("");
            lines.setAll(fresh);
            refilter();
        }, e -> error.set(OpsText.error(e)));
    }

    /** Events of the {@code logs} topic, oldest first within the batch; ignored while the tail is paused. */
    public void onEvents(List<JsonNode> events) {
        if (!tail.get() || events.isEmpty()) {
            return;
        }
        List<LogLine> fresh = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            fresh.add(OpsJson.log(events.get(i).path("data")));
        }
        lines.addAll(0, fresh);
        if (lines.size() > CAPACITY) {
            lines.remove(CAPACITY, lines.size());
        }
    }

    /** The lines as an operator pastes them: one per line, oldest first. */
    public String copyText(List<LogLine> selected) {
        List<LogLine> ordered = new ArrayList<>(selected);
        java.util.Collections.reverse(ordered);
        return ordered.stream().map(LogLine::copyText).collect(Collectors.joining("\n"));
    }

    private void refilter() {
        int min = rank(level.get());
        String q = search.get();
        visible.setPredicate(l -> rank(l.level()) <= min && l.matches(q));
    }

    /** ERROR 1 ... DEBUG 4; ALL and TRACE admit everything. */
    private static int rank(String level) {
        int i = LEVELS.indexOf(level == null ? "" : level.toUpperCase(java.util.Locale.ROOT));
        return i <= 0 ? LEVELS.size() : i;
    }

    /** The lines that pass the level and the search, newest first. */
    public ObservableList<LogLine> visible() { return visible; }
    /** {@code ALL}, {@code ERROR}, {@code WARN}, {@code INFO} or {@code DEBUG}. */
    public ObjectProperty<String> levelProperty() { return level; }
    public StringProperty searchProperty() { return search; }
    /** Whether new lines from the live tail are added. */
    public BooleanProperty tailProperty() { return tail; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
