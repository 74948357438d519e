package dev.opsdeck.console.jobs;

import dev.opsdeck.console.live.LiveEvents;
import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.ScreenContext;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The jobs screen: five tabs, each with its own view model. Only the visible tab polls, and only while the
 * page is shown, so a hidden screen costs the backend nothing.
 */
public final class JobsPage implements Page {
    /** Start and stop of one tab's refreshing. */
    private record Lifecycle(Runnable activate, Runnable deactivate) {
    }

    private final ScreenContext context;
    private final ActivityViewModel activity;
    private final Map<Tab, Lifecycle> lifecycles = new IdentityHashMap<>();
    private final Parent root;
    private LiveEvents.Subscription live;
    private Tab active;
    private boolean shown;

    @FXML private TabPane tabs;
    @FXML private Tab activityTab;
    @FXML private Tab recentTab;
    @FXML private Tab failuresTab;
    @FXML private Tab inventoryTab;
    @FXML private Tab automationTab;

    /** Builds the page and its view models over the session's API client. */
    public JobsPage(ScreenContext context) {
        this.context = context;
        JobsSource source = new HttpJobsSource(context.session());
        this.activity = new ActivityViewModel(source, context.ui(), context.clock());
        this.root = context.resources().loadView("Jobs.fxml", this);
        RecentJobsViewModel recent = new RecentJobsViewModel(source, context.ui());
        FailuresViewModel failures = new FailuresViewModel(source, context.ui());
        InventoryViewModel inventory = new InventoryViewModel(source, context.ui());
        AutomationViewModel automation = new AutomationViewModel(source, context.ui());
        var r = context.resources();
        var s = context.session();
        activityTab.setContent(new ActivityView(activity, r).load());
        recentTab.setContent(new RecentJobsView(recent, r, s).load());
        failuresTab.setContent(new FailuresView(failures, r, s).load());
        inventoryTab.setContent(new InventoryView(inventory, r, s).load());
        automationTab.setContent(new AutomationView(automation, r, s).load());
        lifecycles.put(activityTab, new Lifecycle(activity::activate, activity::deactivate));
        lifecycles.put(recentTab, new Lifecycle(recent::activate, recent::deactivate));
        lifecycles.put(failuresTab, new Lifecycle(failures::activate, failures::deactivate));
        lifecycles.put(inventoryTab, new Lifecycle(inventory::activate, inventory::deactivate));
        lifecycles.put(automationTab, new Lifecycle(automation::activate, automation::deactivate));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> switchTo(tab));
    }

    @Override
    public Parent node() {
        return root;
    }

    @Override
    public void shown() {
        shown = true;
        if (live == null) {
            live = context.live().subscribe("jobs", events -> activity.jobsChanged());
        }
        switchTo(tabs.getSelectionModel().getSelectedItem());
    }

    @Override
    public void hidden() {
        shown = false;
        if (live != null) {
            live.close();
            live = null;
        }
        if (active != null) {
            lifecycles.get(active).deactivate().run();
            active = null;
        }
    }

    private void switchTo(Tab tab) {
        if (active != null) {
            lifecycles.get(active).deactivate().run();
            active = null;
        }
        if (shown && tab != null) {
            active = tab;
            lifecycles.get(tab).activate().run();
        }
    }
}
