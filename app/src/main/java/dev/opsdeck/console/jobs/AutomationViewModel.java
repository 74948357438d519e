package dev.opsdeck.console.jobs;

import dev.opsdeck.console.fx.KeyedList;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.jobs.JobModels.Task;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Recurring automation tasks with their next run; the selected one can be edited or run now. */
public final class AutomationViewModel {
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final JobsSource source;
    private final UiExecutor ui;
    private final ObservableList<Task> tasks = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Task> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final StringProperty interval = new SimpleStringProperty(this, "interval", "");
    private final StringProperty nextRun = new SimpleStringProperty(this, "nextRun", "");
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final Feedback feedback = new Feedback();
    private final Poller<List<Task>> poller;

    public AutomationViewModel(JobsSource source, UiExecutor ui) {
        this.source = source;
        this.ui = ui;
        this.poller = new Poller<>(ui, REFRESH, source::tasks, fresh -> {
            KeyedList.sync(tasks, fresh, Task::name);
            feedback.clearError();
        }, feedback::failed);
    }

    public void activate() { poller.start(); }

    public void deactivate() { poller.stop(); }

    /** Loads {@code task} into the editor fields. */
    public void select(Task task) {
        selected.set(task);
        interval.set(task == null ? "" : Long.toString(task.intervalSeconds()));
        enabled.set(task != null && task.enabled());
        nextRun.set(task == null ? "" : editable(task.nextRun()));
    }

    /** Saves interval, enabled and (if changed) next run of the selected task. */
    public void save() {
        Task t = selected.get();
        if (t == null) {
            return;
        }
        long seconds;
        Instant next = null;
        try {
            seconds = Long.parseLong(interval.get().strip());
            String typed = nextRun.get() == null ? "" : nextRun.get().strip();
            if (!typed.isEmpty() && !typed.equals(editable(t.nextRun()))) {
                next = Instant.parse(typed);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            feedback.failed(new IllegalArgumentException("Interval is whole seconds; next run is a UTC time like 2026-11-23T12:00:00Z."));
            return;
        }
        Instant when = next;
        feedback.run(ui, () -> source.updateTask(t.name(), seconds, enabled.get(), when), "jobs.automation.saved", t.name(), this::updated);
    }

    /** Runs the selected task now (its next run moves to now). */
    public void runNow() {
        Task t = selected.get();
        if (t != null) {
            feedback.run(ui, () -> source.runTask(t.name()), "jobs.automation.ran", t.name(), this::updated);
        }
    }

    /** Whole seconds are what an operator types; the stored microseconds would only be noise in the field. */
    private static String editable(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void updated(Task t) {
        select(t);
        poller.now();
    }

    public ObservableList<Task> tasks() { return tasks; }
    public ReadOnlyObjectProperty<Task> selectedProperty() { return selected.getReadOnlyProperty(); }
    /** Interval in seconds, as typed. */
    public StringProperty intervalProperty() { return interval; }
    /** Next run (ISO-8601 UTC), as typed. */
    public StringProperty nextRunProperty() { return nextRun; }
    public BooleanProperty enabledProperty() { return enabled; }
    public Feedback feedback() { return feedback; }
}
