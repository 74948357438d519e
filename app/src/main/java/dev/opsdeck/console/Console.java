package dev.opsdeck.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.connection.BackendUnavailableException;
import dev.opsdeck.console.connection.ConnectionTarget;
import dev.opsdeck.console.connection.HealthReport;
import dev.opsdeck.console.embedded.BackendStarter;
import dev.opsdeck.console.embedded.EmbeddedDemoBackend;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.overview.OverviewView;
import dev.opsdeck.console.overview.OverviewViewModel;
import dev.opsdeck.console.shell.MainViewModel;
import dev.opsdeck.console.shell.MainWindow;
import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.ScreenContext;
import dev.opsdeck.console.ops.OperationsView;
import dev.opsdeck.console.shell.Session;
import dev.opsdeck.console.shell.DesktopNotifier;
import dev.opsdeck.console.live.LiveFeed;
import dev.opsdeck.console.shell.Screen;
import dev.opsdeck.console.shell.UnavailableView;
import dev.opsdeck.console.startup.ConsoleOptions;
import dev.opsdeck.console.status.ConnectionStatusViewModel;
import dev.opsdeck.console.status.HealthPoller;
import dev.opsdeck.console.status.ReconnectPolicy;
import dev.opsdeck.console.status.StatusBar;
import dev.opsdeck.console.theme.ThemeApplier;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Composition root of one console window: builds the view models and views, starts or connects to the
 * backend off the UI thread, and on close stops the embedded backend before handing back an exit code.
 * All methods run on the UI thread.
 */
public final class Console {
    private final ConsoleOptions options;
    private final UiExecutor ui;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Resources resources;
    private final BackendStarter starter;
    private final Path dataDir;
    private final IntConsumer exit;

    private final MainViewModel main = new MainViewModel();
    private final ConnectionStatusViewModel status = new ConnectionStatusViewModel(ReconnectPolicy.DEFAULT);
    private final OverviewViewModel overview;
    private final Session session = new Session();
    private final LiveFeed live;
    private ScreenContext context;
    private MainWindow window;
    /** Set once connected; read by the overview's background refresh, hence volatile. */
    private volatile BackendClient client;
    private HealthPoller poller;
    private RunningBackend embedded;
    private boolean embeddedStarting;
    private Integer exitRequested;

    /**
     * @param dataDir data directory of the embedded backend (ignored with {@code --connect})
     * @param exit    called once, on the UI thread, after the backend is stopped, with the process exit code
     */
    public Console(ConsoleOptions options, UiExecutor ui, OkHttpClient http, ObjectMapper json, Resources resources,
                   BackendStarter starter, Path dataDir, IntConsumer exit) {
        this.options = options;
        this.ui = ui;
        this.http = http;
        this.json = json;
        this.resources = resources;
        this.starter = starter;
        this.dataDir = dataDir;
        this.exit = exit;
        this.live = new LiveFeed(json, javafx.application.Platform::runLater);
        this.overview = new OverviewViewModel(this::health, ui, Clock.systemDefaultZone());
    }

    /** Shows the window on {@code stage} and starts connecting. */
    public void start(Stage stage) {
        context = new ScreenContext(ui, resources, Clock.systemDefaultZone(), session, live, new DesktopNotifier(stage));
        window = new MainWindow(main, resources, this::page, () -> shutdown(0));
        BorderPane root = window.load();
        root.setBottom(new StatusBar(status, this::retryNow, resources).load());
        Scene scene = new Scene(root);
        ThemeApplier themes = new ThemeApplier(resources);
        themes.apply(scene, main.getTheme());
        main.themeProperty().addListener((obs, old, now) -> themes.apply(scene, now));

        // The environment in the title: several consoles on one desktop (demo, staging, production) stay distinguishable.
        stage.titleProperty().bind(Bindings.when(main.environmentNameProperty().isEmpty())
                .then(resources.text("app.title"))
                .otherwise(Bindings.concat(resources.text("app.title"), " \u2014 ", main.environmentNameProperty())));
        stage.setMinWidth(820);
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            // Keep the window until the backend has stopped; shutdown() ends the application.
            e.consume();
            shutdown(0);
        });
        stage.show();

        if (options.embedded()) {
            startEmbedded();
        } else {
            URI url = options.connect().orElseThrow();
            String host = ConnectionTarget.hostName(url);
            main.environment(host, MessageFormat.format(resources.text("environment.remote.caption"), url), false);
            connect(new ConnectionTarget(host, url, options.adminKey(), options.token(), false));
        }
    }

    /** Connection status of this window, e.g. for the smoke run. */
    public ConnectionStatusViewModel status() {
        return status;
    }

    /** The connected backend and the role of its credentials (tests call the API through it, off the UI thread). */
    public Session session() {
        return session;
    }

    /** Base URL once known. */
    public Optional<URI> baseUrl() {
        BackendClient c = client;
        return c == null ? Optional.empty() : Optional.of(c.target().baseUrl());
    }

    /** Stops polling and the embedded backend (off the UI thread), then calls the exit callback. Idempotent. */
    public void shutdown(int code) {
        if (exitRequested != null) {
            return;
        }
        exitRequested = code;
        if (poller != null) {
            poller.stop();
        }
        if (window != null) {
            window.hideAll();
        }
        live.close();
        if (embeddedStarting) {
            // Stopped as soon as Backend.start returns; see startEmbedded().
            status.connecting(status.getEnvironmentName(), resources.text("status.stopping"));
            return;
        }
        stopEmbeddedThenExit();
    }

    private void startEmbedded() {
        String name = resources.text("environment.embedded");
        main.environment(name, resources.text("environment.embedded.caption"), false);
        status.connecting(name, resources.text("status.startingEmbedded"));
        embeddedStarting = true;
        ui.submit(() -> starter.start(dataDir), backend -> {
            embeddedStarting = false;
            embedded = backend;
            if (exitRequested != null) {
                stopEmbeddedThenExit();
                return;
            }
            connect(new ConnectionTarget(name, backend.baseUrl(), Optional.of(backend.adminKey()), Optional.empty(), false));
        }, error -> {
            embeddedStarting = false;
            if (exitRequested != null) {
                exit.accept(exitRequested);
                return;
            }
            status.failedForGood("the embedded backend did not start: " + EmbeddedDemoBackend.describeFailure(error));
        });
    }

    private void connect(ConnectionTarget target) {
        client = new BackendClient(target, http, json);
        status.connecting(target.environmentName(), "");
        poller = new HealthPoller(client, ui, status);
        poller.start();
        session.connected(new ApiClient(target, http, json));
        live.connect(target);
        // Pages opened before the backend was known reload against it.
        window.reshow();
    }

    private void stopEmbeddedThenExit() {
        RunningBackend backend = embedded;
        embedded = null;
        if (backend == null) {
            exit.accept(exitRequested);
            return;
        }
        status.connecting(status.getEnvironmentName(), resources.text("status.stopping"));
        ui.submit(() -> {
            backend.stop();
            return Boolean.TRUE;
        }, stopped -> exit.accept(exitRequested), error -> {
            System.err.println("OpsDeck: the embedded backend did not stop cleanly: " + EmbeddedDemoBackend.describeFailure(error));
            exit.accept(exitRequested == 0 ? 1 : exitRequested);
        });
    }

    private void retryNow() {
        if (poller != null) {
            poller.retryNow();
        }
    }

    /** Builds a screen's page on its first visit; each screen adds its case here. */
    private Page page(Screen screen) {
        return switch (screen) {
            case OVERVIEW -> overviewPage();
            case OPERATIONS -> new OperationsView(context);
            default -> Page.of(new UnavailableView(screen, resources).load());
        };
    }

    private Page overviewPage() {
        Parent node = new OverviewView(overview, resources).load();
        return new Page() {
            @Override
            public Parent node() {
                return node;
            }

            @Override
            public void shown() {
                // Before a backend is known there is nothing to show; connect() reshows the page then.
                if (client != null && exitRequested == null) {
                    overview.activate();
                }
            }

            @Override
            public void hidden() {
                overview.deactivate();
            }
        };
    }

    /** The overview's source: off the UI thread; before a backend is known there is nothing to read. */
    private HealthReport health() throws BackendUnavailableException {
        BackendClient c = client;
        if (c == null) {
            throw new BackendUnavailableException(resources.text("overview.notConnected"));
        }
        return c.health();
    }
}
