package dev.opsdeck.console.alerts;

import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.ScreenContext;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.control.Tab;

import java.time.Duration;

/**
 * The alerts page: wires the view models and views, and while shown keeps the visible tab fresh (a push on
 * {@code alerts} or every {@link #REFRESH}). The firing list itself comes from the window-wide {@link AlertsFeed}.
 */
public final class AlertsScreen implements Page {
    static final Duration REFRESH = Duration.ofSeconds(15);

    private final ScreenContext context;
    private final AlertsFeed feed;
    private final RulesViewModel rules;
    private final HistoryViewModel history;
    private final MutesViewModel mutes;
    private final FiringView firingView;
    private final AlertsView view;
    private final Parent node;
    private LiveEvents.Subscription subscription;
    private Cancellable tick = Cancellable.NONE;
    private boolean shown;

    private AlertsScreen(ScreenContext context, AlertsFeed feed) {
        this.context = context;
        this.feed = feed;
        AlertsApi api = AlertsApi.of(context.session());
        rules = new RulesViewModel(context.ui(), api);
        history = new HistoryViewModel(context.ui(), api);
        mutes = new MutesViewModel(context.ui(), api, feed::refresh);
        firingView = new FiringView(new AlertsViewModel(context.ui(), api, feed), context.session(), context.resources(), context.clock());
        HistoryView historyView = new HistoryView(history, context.resources());
        Parent firing = firingView.load();
        Parent historyNode = historyView.load();
        Parent rulesNode = new RulesView(rules, context.session(), context.resources()).load();
        Parent mutesNode = new MutesView(mutes, context.session(), context.resources()).load();
        view = new AlertsView(feed, context.resources(), firing, historyNode, rulesNode, mutesNode);
        node = view.load();
        rules.rules().addListener((ListChangeListener<RuleItem>) c ->
                historyView.rules(rules.rules().stream().map(RuleItem::name).sorted().toList()));
        feed.alerts().addListener((ListChangeListener<AlertItem>) c -> firingView.refresh());
        view.tabs().getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (shown) {
                reload(b);
            }
        });
    }

    /** The alerts page on {@code feed}, which the window runs whether or not the page is visible. */
    public static AlertsScreen create(ScreenContext context, AlertsFeed feed) {
        return new AlertsScreen(context, feed);
    }

    @Override
    public Parent node() {
        return node;
    }

    @Override
    public void shown() {
        if (context.session().clientProperty().get() == null) {
            return; // nothing to read yet; the window reshows the page once connected
        }
        shown = true;
        rules.load(); // the history filter offers the rule names, so rules load whatever the tab
        reload(view.selectedTab());
        feed.refresh();
        subscription = context.live().subscribe("alerts", events -> reload(view.selectedTab()));
        scheduleTick();
    }

    @Override
    public void hidden() {
        shown = false;
        tick.cancel();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    private void scheduleTick() {
        tick = context.ui().schedule(REFRESH, () -> {
            if (shown) {
                reload(view.selectedTab());
                firingView.refresh();
                scheduleTick();
            }
        });
    }

    private void reload(Tab tab) {
        if (view.isRules(tab)) {
            rules.load();
        } else if (view.isHistory(tab)) {
            history.load();
        } else if (view.isMutes(tab)) {
            mutes.load();
        }
    }
}
