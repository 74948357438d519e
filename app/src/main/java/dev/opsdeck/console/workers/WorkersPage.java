package dev.opsdeck.console.workers;

import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.ScreenContext;
import javafx.scene.Parent;

/** The workers screen as the window sees it: polls and listens only while shown, and only once connected. */
public final class WorkersPage implements Page {
    private final ScreenContext context;
    private final WorkersViewModel viewModel;
    private final Parent node;

    private WorkersPage(ScreenContext context) {
        this.context = context;
        FleetApi api = FleetApi.of(context.session());
        this.viewModel = new WorkersViewModel(api, context.ui(), context.live(), new WorkerDetailViewModel(api, context.ui()));
        WorkersView view = new WorkersView(viewModel, context.resources(), context.session().settings().temperatureUnitProperty());
        this.node = view.load();
        // The command palette asks for a worker; the request may predate this page (built on its first visit).
        javafx.beans.property.StringProperty requested = context.session().requestedWorkerProperty();
        Runnable follow = () -> {
            if (!requested.get().isEmpty()) {
                view.showWorker(requested.get());
                requested.set("");
            }
        };
        requested.addListener((obs, old, now) -> follow.run());
        follow.run();
    }

    /** Builds the screen (on its first visit). */
    public static Page create(ScreenContext context) {
        return new WorkersPage(context);
    }

    @Override
    public Parent node() {
        return node;
    }

    @Override
    public void shown() {
        // Before a backend is known there is nothing to read; the window reshows the page once connected.
        if (context.session().clientProperty().get() != null) {
            viewModel.activate();
        }
    }

    @Override
    public void hidden() {
        viewModel.deactivate();
    }
}
