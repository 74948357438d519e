package dev.opsdeck.console.ops;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.ScreenContext;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operations page: controller of Operations.fxml, one tab per sub-view, and the page lifecycle (live topics
 * {@code ops} and {@code logs} and the list polls run only while the page is shown).
 */
public final class OperationsView implements Page {
    private final ScreenContext context;
    private final OperationsViewModel vm;
    private final BackupsView backups;
    private final List<LiveEvents.Subscription> subscriptions = new ArrayList<>();
    private final Parent root;

    @FXML private TabPane tabs;
    @FXML private Tab backupsTab;
    @FXML private Tab cleanupTab;
    @FXML private Tab servicesTab;
    @FXML private Tab logsTab;
    @FXML private Tab databaseTab;

    public OperationsView(ScreenContext context) {
        this.context = context;
        this.vm = new OperationsViewModel(new HttpOpsApi(context.session()), context.ui(), context.notifier(), context.resources()::text);
        this.backups = new BackupsView(vm, context.session(), context.resources(), context.clock());
        this.root = context.resources().loadView("Operations.fxml", this);
        // Screen tests reach the page through its node (the window keeps pages private) to replace the file chooser.
        root.setUserData(this);
    }

    @FXML
    private void initialize() {
        backupsTab.setContent(backups.load());
        cleanupTab.setContent(new CleanupView(vm, context.session(), context.resources()).load());
        servicesTab.setContent(new ServicesView(vm, context.session(), context.resources(), context.clock()).load());
        logsTab.setContent(new LogsView(vm, context.resources()).load());
        databaseTab.setContent(new DatabaseView(vm, context.resources()).load());
        // The database figures are a snapshot: opening the tab is the natural moment to read them again.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == databaseTab) {
                vm.database().refresh();
            }
        });
    }

    @Override
    public Parent node() {
        return root;
    }

    @Override
    public void shown() {
        closeSubscriptions(); // shown again after a reconnect: one subscription per topic, not two
        subscriptions.add(context.live().subscribe("ops", events -> {
            vm.backups().onEvents(events);
            vm.services().onEvents(events);
        }));
        subscriptions.add(context.live().subscribe("logs", vm.logs()::onEvents));
        vm.activate();
    }

    @Override
    public void hidden() {
        closeSubscriptions();
        vm.deactivate();
    }

    /** For tests: where downloads go instead of the file chooser, which a headless test cannot drive. */
    public void downloadTarget(Function<String, Optional<Path>> target) {
        backups.saveTarget(b -> target.apply(b.fileName()));
    }

    /** For tests: the view models behind the page. */
    public OperationsViewModel viewModel() {
        return vm;
    }

    private void closeSubscriptions() {
        subscriptions.forEach(LiveEvents.Subscription::close);
        subscriptions.clear();
    }

    /** A result or error label: hidden (and taking no room) while empty. */
    static void message(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    /** The connected environment, for scaling a confirmation; empty before a backend is known. */
    static Optional<OpsApi.Environment> environment(OpsApi api) {
        try {
            return Optional.of(api.environment());
        } catch (ApiException e) {
            return Optional.empty();
        }
    }
}
