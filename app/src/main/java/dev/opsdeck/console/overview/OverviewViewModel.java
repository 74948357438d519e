package dev.opsdeck.console.overview;

import dev.opsdeck.console.connection.BackendUnavailableException;
import dev.opsdeck.console.connection.ComponentHealth;
import dev.opsdeck.console.connection.HealthReport;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Live health of the backend for the overview page: overall status and one row per component.
 * Refreshes itself while the page is shown ({@link #activate()} / {@link #deactivate()}) with the shared
 * {@link Poller}: every five seconds, and less often while the backend is slow or failing.
 */
public final class OverviewViewModel {
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);

    private final Clock clock;
    private final ObservableList<ComponentHealth> components = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper overallStatus = new ReadOnlyStringWrapper(this, "overallStatus", "");
    private final ReadOnlyObjectWrapper<Instant> updatedAt = new ReadOnlyObjectWrapper<>(this, "updatedAt");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final Poller<HealthReport> poller;

    public OverviewViewModel(HealthSource source, UiExecutor ui, Clock clock) {
        this.clock = clock;
        this.poller = new Poller<>(ui, REFRESH_INTERVAL, source::health, this::show, this::fail);
    }

    /** The page is shown: refresh now and every few seconds. */
    public void activate() {
        poller.start();
    }

    /** The page is hidden: stop polling so hidden pages cost nothing. */
    public void deactivate() {
        poller.stop();
    }

    /** Fetches {@code /health} now; a refresh still in flight is cancelled so a stale answer never lands. */
    public void refresh() {
        poller.now();
    }

    private void show(HealthReport report) {
        // Status first: whoever reacts to the rows appearing finds the status of the same report.
        overallStatus.set(report.status());
        components.setAll(report.components());
        updatedAt.set(clock.instant());
        error.set("");
    }

    private void fail(Throwable e) {
        // Keep the last rows visible but say plainly that they are stale and why.
        error.set(e instanceof BackendUnavailableException ? e.getMessage()
                : "cannot read /health: " + e.getClass().getSimpleName());
    }

    /** Components of the last report, in the backend's order. */
    public ObservableList<ComponentHealth> components() { return FXCollections.unmodifiableObservableList(components); }

    /** Overall status of the last report ("UP", "DOWN"); empty before the first. */
    public ReadOnlyStringProperty overallStatusProperty() { return overallStatus.getReadOnlyProperty(); }
    public String getOverallStatus() { return overallStatus.get(); }

    /** When the last report arrived; {@code null} before the first. */
    public ReadOnlyObjectProperty<Instant> updatedAtProperty() { return updatedAt.getReadOnlyProperty(); }
    public Instant getUpdatedAt() { return updatedAt.get(); }

    /** Why the last refresh failed; empty when it succeeded. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
}
