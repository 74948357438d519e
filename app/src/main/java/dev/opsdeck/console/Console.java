package dev.opsdeck.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.backend.api.RunningBackend;
import dev.opsdeck.console.audit.AuditView;
import dev.opsdeck.console.audit.AuditViewModel;
import dev.opsdeck.console.audit.HttpAuditSource;
import dev.opsdeck.console.alerts.AlertsFeed;
import dev.opsdeck.console.alerts.AlertsScreen;
import dev.opsdeck.console.alerts.NotifySetting;
import dev.opsdeck.console.chain.ChainPage;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.BackendClient;
import dev.opsdeck.console.connection.BackendUnavailableException;
import dev.opsdeck.console.connection.ConnectionTarget;
import dev.opsdeck.console.connection.HealthReport;
import dev.opsdeck.console.embedded.BackendStarter;
import dev.opsdeck.console.embedded.EmbeddedDemoBackend;
import dev.opsdeck.console.environments.AnywhereView;
import dev.opsdeck.console.environments.AnywhereViewModel;
import dev.opsdeck.console.environments.ConnectionTester;
import dev.opsdeck.console.environments.EnvironmentMenu;
import dev.opsdeck.console.environments.EnvironmentProfile;
import dev.opsdeck.console.environments.EnvironmentsViewModel;
import dev.opsdeck.console.environments.ProfileStore;
import dev.opsdeck.console.palette.CommandCatalog;
import dev.opsdeck.console.palette.CommandPaletteView;
import dev.opsdeck.console.palette.PaletteViewModel;
import dev.opsdeck.console.settings.EventNotifications;
import dev.opsdeck.console.settings.Settings;
import dev.opsdeck.console.settings.SettingsLifecycle;
import dev.opsdeck.console.settings.SettingsStore;
import dev.opsdeck.console.settings.SettingsView;
import dev.opsdeck.console.startup.DataDirectories;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.overview.FleetOverviewView;
import dev.opsdeck.console.overview.FleetOverviewViewModel;
import dev.opsdeck.console.metrics.MetricsBrowserView;
import dev.opsdeck.console.metrics.MetricsBrowserViewModel;
import dev.opsdeck.console.metrics.ScrapeClient;
import dev.opsdeck.console.overview.OverviewView;
import dev.opsdeck.console.overview.OverviewViewModel;
import dev.opsdeck.console.shell.MainViewModel;
import dev.opsdeck.console.shell.MainWindow;
import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.RoleProbe;
import dev.opsdeck.console.shell.ScreenContext;
import dev.opsdeck.console.ops.OperationsView;
import dev.opsdeck.console.shell.Session;
import dev.opsdeck.console.shell.DesktopNotifier;
import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.jobs.JobsPage;
import dev.opsdeck.console.live.LiveFeed;
import dev.opsdeck.console.shell.Screen;
import dev.opsdeck.console.startup.ConsoleOptions;
import dev.opsdeck.console.status.ConnectionStatusViewModel;
import dev.opsdeck.console.status.HealthPoller;
import dev.opsdeck.console.status.ReconnectPolicy;
import dev.opsdeck.console.status.StatusBar;
import dev.opsdeck.console.theme.ThemeApplier;
import dev.opsdeck.console.workers.FleetApi;
import dev.opsdeck.console.workers.WorkersPage;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    private final Settings settings = new Settings();
    private final SettingsStore settingsStore;
    private final Session session = new Session(settings);
    private final LiveFeed live;
    private final EnvironmentsViewModel environments;
    private final PaletteViewModel palette;
    private final CommandCatalog catalog;
    private final AnywhereViewModel anywhereModel;
    private AnywhereView anywhere;
    private Stage stage;
    /** Target of the embedded demo once started; kept while other environments are shown, so switching back is instant. */
    private ConnectionTarget embeddedTarget;
    /** The backend of {@code --connect}, if any: switchable like a profile, never saved. */
    private ConnectionTarget commandLineTarget;
    /** The environment the user asked for last; the embedded demo connects when it has started only if still wanted. */
    private String wanted = "";
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
        Path configDir = options.configDir().orElseGet(DataDirectories::userConfigDir);
        this.settingsStore = new SettingsStore(configDir, json);
        this.environments = new EnvironmentsViewModel(ui, new ProfileStore(configDir, json), new ConnectionTester(http, json),
                resources.text("environment.embedded"));
        environments.onSwitch(this::switchTo);
        this.catalog = new CommandCatalog(resources, main, environments, this::showAnywhere, id -> {
            session.requestedWorkerProperty().set(id);
            main.select(Screen.WORKERS);
        });
        this.palette = new PaletteViewModel(catalog::commands);
        this.anywhereModel = new AnywhereViewModel(ui, http, json, Clock.systemDefaultZone(), this::allTargets);
    }

    /** Shows the window on {@code stage} and starts connecting. */
    public void start(Stage stage) {
        this.stage = stage;
        SettingsLifecycle settingsLifecycle = new SettingsLifecycle(settings, settingsStore, ui);
        settingsLifecycle.loadAndKeepSaved();
        DesktopNotifier notifier = new DesktopNotifier(stage);
        context = new ScreenContext(ui, resources, Clock.systemDefaultZone(), session, live, notifier);
        window = new MainWindow(main, resources, this::page, () -> shutdown(0));
        BorderPane root = window.load();
        window.badge(Screen.ALERTS, alerts().badgeText());
        root.setBottom(new StatusBar(status, this::retryNow, resources).load());
        // The palette lies over the window content; the scene root carries .root, so the production accent goes there.
        StackPane layers = new StackPane(root, new CommandPaletteView(palette, resources).load());
        main.productionProperty().addListener((obs, old, now) -> production(layers, now));
        Scene scene = new Scene(layers);
        ThemeApplier themes = new ThemeApplier(resources);
        themes.apply(scene, main.getTheme());
        main.themeProperty().addListener((obs, old, now) -> themes.apply(scene, now));
        settingsLifecycle.followTheme(main.themeProperty());
        addMenus();
        live.onState(s -> status.liveFeed(s.live(), s.nextAttemptMs(), s.reason()));
        new EventNotifications(settings).attach(live, notifier, main::getEnvironmentName);

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

        environments.loadAtStartup();
        if (options.embedded()) {
            openStartupEnvironment();
        } else {
            URI url = options.connect().orElseThrow();
            commandLineTarget = new ConnectionTarget(ConnectionTarget.hostName(url), url, options.adminKey(), options.token(), false);
            environments.commandLineEnvironment(commandLineTarget.environmentName());
            switchTo(commandLineTarget.environmentName());
        }
    }

    private void openStartupEnvironment() {
        String startup = settings.startupEnvironmentProperty().get();
        Optional<EnvironmentProfile> profile = startup.isEmpty() ? Optional.empty() : environments.profile(startup);
        if (profile.isPresent() && exitRequested == null) {
            switchTo(profile.get().name());
        } else {
            startEmbedded();
        }
    }

    /**
     * Shows {@code name} (the embedded demo or a saved profile) without restarting: polling, API client and live
     * feed move to it and the visible page reloads. The embedded demo keeps running while another one is shown.
     */
    public void switchTo(String name) {
        if (exitRequested != null) {
            return;
        }
        if (name.equals(environments.embeddedName())) {
            wanted = name;
            if (embeddedTarget != null) {
                connect(embeddedTarget, resources.text("environment.embedded.caption"));
            } else if (!embeddedStarting) {
                startEmbedded();
            }
            return;
        }
        if (commandLineTarget != null && name.equals(commandLineTarget.environmentName())
                && environments.profile(name).isEmpty()) {
            connect(commandLineTarget, MessageFormat.format(resources.text("environment.remote.caption"), commandLineTarget.baseUrl()));
            return;
        }
        environments.profile(name).ifPresent(p -> connect(p.target(), MessageFormat.format(resources.text(
                p.production() ? "environment.production.caption" : "environment.profile.caption"),
                ConnectionTarget.hostName(p.baseUrl()))));
    }

    /** Connection status of this window, e.g. for the smoke run. */
    public ConnectionStatusViewModel status() {
        return status;
    }

    /** The connected backend and the role of its credentials (tests call the API through it, off the UI thread). */
    public Session session() {
        return session;
    }

    /** The live event feed of this window (tests subscribe to it like screens do). */
    public LiveEvents live() {
        return live;
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
        if (alertsFeed != null) {
            alertsFeed.stop();
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
        wanted = name;
        stopPolling();
        main.environment(name, resources.text("environment.embedded.caption"), false);
        environments.current(name);
        status.connecting(name, resources.text("status.startingEmbedded"));
        embeddedStarting = true;
        ui.submit(() -> starter.start(dataDir), backend -> {
            embeddedStarting = false;
            embedded = backend;
            if (exitRequested != null) {
                stopEmbeddedThenExit();
                return;
            }
            embeddedTarget = new ConnectionTarget(name, backend.baseUrl(), Optional.of(backend.adminKey()), Optional.empty(), false);
            if (wanted.equals(name)) {
                connect(embeddedTarget, resources.text("environment.embedded.caption"));
            }
        }, error -> {
            embeddedStarting = false;
            if (exitRequested != null) {
                exit.accept(exitRequested);
                return;
            }
            if (wanted.equals(name)) {
                status.failedForGood("the embedded backend did not start: " + EmbeddedDemoBackend.describeFailure(error));
            }
        });
    }

    private void connect(ConnectionTarget target, String caption) {
        stopPolling();
        wanted = target.environmentName();
        main.environment(target.environmentName(), caption, target.production());
        environments.current(target.environmentName());
        client = new BackendClient(target, http, json);
        status.connecting(target.environmentName(), "");
        status.liveConnecting();
        poller = new HealthPoller(client, ui, status);
        poller.start();
        session.connected(new ApiClient(target, http, json));
        // Admin actions are disabled with a reason from the start, not after a 403 per button.
        new RoleProbe(ui, session).probe();
        live.connect(target);
        // Pages opened before the backend was known, or on the previous environment, reload against this one.
        window.reshow();
    }

    private void stopPolling() {
        if (poller != null) {
            poller.stop();
            poller = null;
        }
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
        live.retryNow();
    }

    /** Builds a screen's page on its first visit (the switch is exhaustive: a new screen must say what it shows). */
    private Page page(Screen screen) {
        return switch (screen) {
            case OVERVIEW -> overviewPage();
            case AUDIT -> auditPage();
            case SETTINGS -> Page.of(new SettingsView(settings, environments, resources).load());
            case ALERTS -> AlertsScreen.create(context, alerts());
            case JOBS -> new JobsPage(context);
            case CHAIN -> new ChainPage(context);
            case WORKERS -> WorkersPage.create(context);
            case METRICS -> metricsPage();
            case OPERATIONS -> new OperationsView(context);
        };
    }

    private Page overviewPage() {
        FleetOverviewViewModel fleet = new FleetOverviewViewModel(FleetApi.of(session), ui, live);
        Parent node = new OverviewView(overview, resources, new FleetOverviewView(fleet, resources, settings.temperatureUnitProperty()).load()).load();
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
                    fleet.activate();
                }
            }

            @Override
            public void hidden() {
                overview.deactivate();
                fleet.deactivate();
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

    private Page auditPage() {
        return new AuditView(new AuditViewModel(new HttpAuditSource(session, context.clock()), ui, session), session, resources).page();
    }

    /** Every environment the "Anywhere" view asks: the embedded demo (once started) and each saved profile. */
    private List<ConnectionTarget> allTargets() {
        List<ConnectionTarget> all = new ArrayList<>();
        if (embeddedTarget != null) {
            all.add(embeddedTarget);
        }
        if (commandLineTarget != null && environments.profile(commandLineTarget.environmentName()).isEmpty()) {
            all.add(commandLineTarget);
        }
        environments.profiles().forEach(p -> all.add(p.target()));
        return all;
    }

    private void showAnywhere() {
        if (anywhere == null) {
            anywhere = new AnywhereView(anywhereModel, resources, this::switchTo);
        }
        anywhere.show(stage);
    }

    /** Environment menu, command palette (Ctrl+K) in the View menu. */
    private void addMenus() {
        window.menuBar().getMenus().add(
                new EnvironmentMenu(environments, resources, this::showAnywhere, () -> main.select(Screen.SETTINGS)).menu());
        MenuItem paletteItem = new MenuItem(resources.text("menu.view.palette"));
        paletteItem.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        paletteItem.setOnAction(e -> openPalette());
        window.viewMenu().getItems().add(0, paletteItem);
    }

    private void openPalette() {
        palette.open();
        // Worker names come from the backend; the palette is usable at once and gains them when they arrive.
        ui.submit(() -> session.api().get("/api/network/workers?limit=500"), answer -> palette.offer(catalog.workers(answer)),
                error -> { });
    }

    private static void production(StackPane root, boolean on) {
        root.getStyleClass().remove("production");
        if (on) {
            root.getStyleClass().add("production");
        }
    }

    private AlertsFeed alertsFeed;

    /**
     * The window-wide alerts feed (nav badge, desktop notifications, the alerts page's list): it runs while connected,
     * whichever page is visible, and restarts on each (re)connect.
     */
    private AlertsFeed alerts() {
        if (alertsFeed == null) {
            alertsFeed = new AlertsFeed(ui, () -> AlertsFeed.read(session.api()), live, context.notifier(), new NotifySetting(settings.notifyAlertsProperty()));
            session.clientProperty().addListener((obs, old, now) -> {
                if (now != null && exitRequested == null) {
                    alertsFeed.start();
                }
            });
        }
        return alertsFeed;
    }

    /** The metrics browser: scrapes through the session (the backend) or directly (targets the user adds). */
    private Page metricsPage() {
        MetricsBrowserViewModel vm = new MetricsBrowserViewModel(new ScrapeClient(session, http), ui, Clock.systemDefaultZone());
        Parent node = new MetricsBrowserView(vm, resources).load();
        return new Page() {
            @Override
            public Parent node() {
                return node;
            }

            @Override
            public void shown() {
                vm.activate();
            }

            @Override
            public void hidden() {
                vm.deactivate();
            }
        };
    }
}
