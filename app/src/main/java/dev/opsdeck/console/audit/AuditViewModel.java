package dev.opsdeck.console.audit;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.fx.Poller;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.shell.Role;
import dev.opsdeck.console.shell.Session;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;

/**
 * The audit screen's state: newest-first rows merged by id (rows never change, so a poll only prepends and the
 * selection and scroll position stay), filters, paging further back, and the chain verdict. The audit log is admin
 * only: with viewer or worker credentials nothing is requested and {@link #permissionProblemProperty()} says why.
 * UI thread only.
 */
public final class AuditViewModel {
    static final int PAGE = 100;
    static final Duration POLL = Duration.ofSeconds(5);

    /** What the last verification said. */
    public enum Chain { UNCHECKED, INTACT, BROKEN }

    private final AuditSource source;
    private final UiExecutor ui;
    private final Session session;
    private final Poller<AuditSource.Page> poller;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<AuditRange> range = new SimpleObjectProperty<>(this, "range", AuditRange.ALL);
    private final StringProperty actor = new SimpleStringProperty(this, "actor", "");
    private final StringProperty action = new SimpleStringProperty(this, "action", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper permissionProblem = new ReadOnlyStringWrapper(this, "permissionProblem", "");
    private final ReadOnlyBooleanWrapper hasOlder = new ReadOnlyBooleanWrapper(this, "hasOlder");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper verifying = new ReadOnlyBooleanWrapper(this, "verifying");
    private final ReadOnlyObjectWrapper<Chain> chain = new ReadOnlyObjectWrapper<>(this, "chain", Chain.UNCHECKED);
    private final ReadOnlyObjectWrapper<AuditSource.Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict");
    private AuditFilter applied = AuditFilter.ALL;
    private Long olderFrom;
    private boolean active;

    public AuditViewModel(AuditSource source, UiExecutor ui, Session session) {
        this.source = source;
        this.ui = ui;
        this.session = session;
        this.poller = new Poller<>(ui, POLL, () -> source.page(applied, null, PAGE), this::mergeNewest, this::failed);
        session.roleProperty().addListener((obs, old, now) -> {
            if (active) {
                activate(); // e.g. whoami answered after the page was opened
            }
        });
    }

    /** Page shown: poll the newest rows, if these credentials may read them. */
    public void activate() {
        active = true;
        Role role = session.getRole();
        if (role == Role.VIEWER || role == Role.WORKER) {
            poller.stop();
            permissionProblem.set(session.adminOnlyReason().get());
            return;
        }
        permissionProblem.set("");
        poller.start();
    }

    /** Page hidden: no more requests. */
    public void deactivate() {
        active = false;
        poller.stop();
    }

    /** Filters as typed become the query; the list starts again from the newest row. */
    public void applyFilters() {
        applied = new AuditFilter(range.get(), actor.get(), action.get(), result.get());
        entries.clear();
        olderFrom = null;
        hasOlder.set(false);
        loaded.set(false);
        if (active && permissionProblem.get().isEmpty()) {
            poller.now();
        }
    }

    /** Appends the next page further back. */
    public void loadOlder() {
        Long from = olderFrom;
        if (from == null) {
            return;
        }
        AuditFilter filter = applied;
        ui.submit(() -> source.page(filter, from, PAGE), page -> {
            if (filter != applied) {
                return; // the filters changed while it loaded
            }
            long oldest = entries.isEmpty() ? Long.MAX_VALUE : entries.get(entries.size() - 1).id();
            entries.addAll(page.entries().stream().filter(e -> e.id() < oldest).toList());
            olderFrom = page.olderFrom();
            hasOlder.set(olderFrom != null);
        }, this::failed);
    }

    /** Walks the hash chain on the backend. */
    public void verify() {
        verifying.set(true);
        ui.submit(source::verify, v -> {
            verifying.set(false);
            verdict.set(v);
            chain.set(v.intact() ? Chain.INTACT : Chain.BROKEN);
        }, e -> {
            verifying.set(false);
            failed(e);
        });
    }

    private void mergeNewest(AuditSource.Page page) {
        error.set("");
        List<AuditEntry> fresh = page.entries();
        long top = entries.isEmpty() ? Long.MIN_VALUE : entries.get(0).id();
        List<AuditEntry> newer = fresh.stream().filter(e -> e.id() > top).toList();
        if (entries.isEmpty() || newer.size() == fresh.size() && page.olderFrom() != null) {
            // First page, or more new rows than a page: start over rather than leave a gap in the middle.
            entries.setAll(fresh);
            olderFrom = page.olderFrom();
        } else {
            entries.addAll(0, newer);
        }
        hasOlder.set(olderFrom != null);
        loaded.set(true);
    }

    private void failed(Throwable e) {
        if (e instanceof ApiException api && api.isPermission()) {
            poller.stop(); // asking again will not change the answer; re-shown or a new role tries again
            permissionProblem.set(api.getMessage());
        } else {
            error.set(e instanceof ApiException ? e.getMessage() : String.valueOf(e.getMessage()));
        }
    }

    /** Rows shown, newest first. */
    public ObservableList<AuditEntry> entries() { return entries; }
    public ObjectProperty<AuditRange> rangeProperty() { return range; }
    public StringProperty actorProperty() { return actor; }
    public StringProperty actionProperty() { return action; }
    public StringProperty resultProperty() { return result; }
    /** Why the last read failed, in words; empty when it worked. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Why these credentials cannot read the audit log; empty when they can. */
    public ReadOnlyStringProperty permissionProblemProperty() { return permissionProblem.getReadOnlyProperty(); }
    /** More rows exist further back than those shown. */
    public ReadOnlyBooleanProperty hasOlderProperty() { return hasOlder.getReadOnlyProperty(); }
    /** The first page for the current filters has arrived. */
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }
    /** A verification is running. */
    public ReadOnlyBooleanProperty verifyingProperty() { return verifying.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Chain> chainProperty() { return chain.getReadOnlyProperty(); }
    /** The last verification's details; null before the first. */
    public ReadOnlyObjectProperty<AuditSource.Verdict> verdictProperty() { return verdict.getReadOnlyProperty(); }
}
