package dev.opsdeck.console.palette;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The command palette: the commands on offer (asked for on every opening, so new workers and environments appear),
 * the query, the matches best first, and the highlighted one. UI thread only.
 */
public final class PaletteViewModel {
    /** More than a screenful is noise: the user refines the query instead. */
    static final int MAX_RESULTS = 50;

    private final Supplier<List<PaletteCommand>> commands;
    private final List<PaletteCommand> offered = new ArrayList<>();
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PaletteCommand> matches = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", -1);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");

    public PaletteViewModel(Supplier<List<PaletteCommand>> commands) {
        this.commands = commands;
        query.addListener((obs, old, now) -> filter());
    }

    /** Opens with an empty query and the current commands. */
    public void open() {
        offered.clear();
        offered.addAll(commands.get());
        query.set("");
        filter();
        open.set(true);
    }

    /** More commands arrived while open (e.g. worker names read from the backend). */
    public void offer(List<PaletteCommand> more) {
        offered.addAll(more);
        if (open.get()) {
            filter();
        }
    }

    public void close() {
        open.set(false);
    }

    /** Moves the highlight by {@code delta}, staying within the matches. */
    public void move(int delta) {
        if (!matches.isEmpty()) {
            selected.set(Math.max(0, Math.min(matches.size() - 1, selected.get() + delta)));
        }
    }

    /** Highlights match {@code index} (mouse). */
    public void select(int index) {
        if (index >= 0 && index < matches.size()) {
            selected.set(index);
        }
    }

    /** Runs the highlighted command and closes; nothing happens when nothing matches. */
    public void runSelected() {
        int i = selected.get();
        if (i < 0 || i >= matches.size()) {
            return;
        }
        PaletteCommand command = matches.get(i);
        close();
        command.run().run();
    }

    private void filter() {
        String q = query.get();
        record Scored(PaletteCommand command, int score) { }
        List<Scored> scored = new ArrayList<>();
        for (PaletteCommand c : offered) {
            int s = Math.max(Fuzzy.score(q, c.title()), Fuzzy.score(q, c.kind() + " " + c.title()) - 50);
            if (s >= 0) {
                scored.add(new Scored(c, s));
            }
        }
        // Stable sort: equal scores keep the offered order (screens first, then actions, environments, workers).
        scored.sort(Comparator.comparingInt(Scored::score).reversed());
        matches.setAll(scored.stream().limit(MAX_RESULTS).map(Scored::command).toList());
        selected.set(matches.isEmpty() ? -1 : 0);
    }

    /** What the user typed. */
    public StringProperty queryProperty() { return query; }

    /** Matching commands, best first. */
    public ObservableList<PaletteCommand> matches() { return matches; }

    /** Index of the highlighted match; -1 when none. */
    public ReadOnlyIntegerProperty selectedProperty() { return selected.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty openProperty() { return open.getReadOnlyProperty(); }
    public boolean isOpen() { return open.get(); }
}
