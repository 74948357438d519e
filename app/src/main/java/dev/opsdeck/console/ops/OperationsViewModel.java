package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.shell.Notifier;

import java.util.function.Function;

/**
 * The operations screen's view models, one per tab, sharing one API, one executor and one set of action keys.
 * Starts and stops their background reads with the page.
 */
public final class OperationsViewModel {
    private final OpsApi api;
    private final BackupsViewModel backups;
    private final BackupActionsViewModel backupActions;
    private final CleanupViewModel cleanup;
    private final ServicesViewModel services;
    private final LogsViewModel logs;
    private final DatabaseViewModel database;

    /** {@code text} looks up a string of messages.properties by key. */
    public OperationsViewModel(OpsApi api, UiExecutor ui, Notifier notifier, Function<String, String> text) {
        this.api = api;
        OpsText t = new OpsText(text);
        ActionKeys keys = new ActionKeys();
        this.backups = new BackupsViewModel(api, ui, notifier, t, keys);
        this.backupActions = new BackupActionsViewModel(api, ui, t, keys, backups::refresh);
        this.cleanup = new CleanupViewModel(api, ui, t, keys);
        this.services = new ServicesViewModel(api, ui, t, keys);
        this.logs = new LogsViewModel(api, ui);
        this.database = new DatabaseViewModel(api, ui, t);
    }

    /** The page is shown (or the backend changed while it was): read everything now, then keep the lists fresh. */
    public void activate() {
        backups.activate();
        services.activate();
        logs.reload();
        database.refresh();
    }

    /** The page is hidden: no background reads. */
    public void deactivate() {
        backups.deactivate();
        services.deactivate();
    }

    public OpsApi api() { return api; }
    public BackupsViewModel backups() { return backups; }
    public BackupActionsViewModel backupActions() { return backupActions; }
    public CleanupViewModel cleanup() { return cleanup; }
    public ServicesViewModel services() { return services; }
    public LogsViewModel logs() { return logs; }
    public DatabaseViewModel database() { return database; }
}
