package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Session;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleBooleanProperty;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Controller of OpsServices.fxml: binds {@link ServicesViewModel}; each row carries its action buttons. */
final class ServicesView {
    private static final List<String> CHAOS_MODES = List.of("down", "fail", "lag", "ok");

    private final ServicesViewModel vm;
    private final Session session;
    private final Resources resources;
    private final Clock clock;

    @FXML private Label message;
    @FXML private Label error;
    @FXML private MenuButton chaosMenu;
    @FXML private TableView<ServiceInfo> table;
    @FXML private TableColumn<ServiceInfo, String> nameColumn;
    @FXML private TableColumn<ServiceInfo, String> kindColumn;
    @FXML private TableColumn<ServiceInfo, String> stateColumn;
    @FXML private TableColumn<ServiceInfo, String> latencyColumn;
    @FXML private TableColumn<ServiceInfo, String> sinceColumn;
    @FXML private TableColumn<ServiceInfo, ServiceInfo> actionsColumn;
    @FXML private TableColumn<ServiceInfo, String> errorColumn;

    ServicesView(OperationsViewModel ops, Session session, Resources resources, Clock clock) {
        this.vm = ops.services();
        this.session = session;
        this.resources = resources;
        this.clock = clock;
    }

    Parent load() {
        return resources.loadView("OpsServices.fxml", this);
    }

    @FXML
    private void initialize() {
        OperationsView.message(message, vm.messageProperty());
        OperationsView.message(error, vm.errorProperty());
        table.setItems(vm.services());
        table.setPlaceholder(new Label(resources.text("ops.service.empty")));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        kindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind()));
        stateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().state()));
        latencyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().latencyMs() == null ? "\u2014"
                : String.format(Locale.ROOT, "%.0f ms", c.getValue().latencyMs())));
        sinceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(OpsText.age(c.getValue().since(), clock.instant())));
        errorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lastError() == null ? "" : c.getValue().lastError()));
        actionsColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        actionsColumn.setCellFactory(col -> new ActionsCell());
        table.setRowFactory(t -> new StateRow());
        // A spinner appears or goes when an action starts or answers: redraw the action cells.
        vm.working().addListener((MapChangeListener<String, String>) change -> table.refresh());

        chaosMenu.visibleProperty().bind(Bindings.isNotEmpty(vm.chaosServices()));
        chaosMenu.disableProperty().bind(session.adminProperty().not());
        vm.chaosServices().addListener((ListChangeListener<String>) c -> buildChaosMenu());
    }

    private void buildChaosMenu() {
        chaosMenu.getItems().clear();
        for (String s : vm.chaosServices()) {
            Menu m = new Menu(s);
            for (String mode : CHAOS_MODES) {
                MenuItem item = new MenuItem(mode);
                item.setId("chaos-" + s + "-" + mode);
                item.setOnAction(e -> vm.chaos(s, mode));
                m.getItems().add(item);
            }
            chaosMenu.getItems().add(m);
        }
    }

    /** Colours the state through a style class (up / degraded / down), not an inline colour. */
    private static final class StateRow extends TableRow<ServiceInfo> {
        @Override
        protected void updateItem(ServiceInfo item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("state-up", "state-degraded", "state-down");
            if (!empty && item != null) {
                String s = item.state();
                getStyleClass().add(s.equals("up") ? "state-up" : s.equals("degraded") ? "state-degraded" : "state-down");
            }
        }
    }

    /**
     * The row's buttons (only the actions the backend offers for it), or a spinner while one runs. The buttons are
     * rebuilt only when what they offer changes, not on every refresh of the row (latency changes each poll): a
     * rebuilt button would drop the keyboard focus and swallow a click that lands during the refresh.
     */
    private final class ActionsCell extends TableCell<ServiceInfo, ServiceInfo> {
        private String shownKey = "";

        @Override
        protected void updateItem(ServiceInfo item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                shownKey = "";
                setGraphic(null);
                return;
            }
            String running = vm.working().get(item.name());
            boolean stopped = item.state().equals("stopped");
            String key = item.name() + "|" + item.actions() + "|" + stopped + "|" + running;
            if (key.equals(shownKey)) {
                return;
            }
            shownKey = key;
            HBox box = new HBox(4);
            if (running != null) {
                ProgressIndicator p = new ProgressIndicator();
                p.setPrefSize(16, 16);
                box.getChildren().addAll(p, new Label(running + "\u2026"));
            } else {
                for (String action : item.actions()) {
                    box.getChildren().add(button(item.name(), action,
                            // Start on a running service or stop on a stopped one would do nothing: not offered.
                            action.equals("start") && !stopped || action.equals("stop") && stopped));
                }
            }
            setGraphic(box);
        }

        private Button button(String name, String action, boolean pointless) {
            Button b = new Button(resources.text("ops.service.action." + action));
            b.setId("service-" + name + "-" + action);
            b.getStyleClass().add("small");
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(session.adminProperty().not().or(new SimpleBooleanProperty(pointless)));
            Tooltip t = new Tooltip();
            t.textProperty().bind(session.adminOnlyReason());
            b.tooltipProperty().bind(Bindings.when(session.adminProperty()).then((Tooltip) null).otherwise(t));
            b.setOnAction(e -> vm.act(name, action));
            return b;
        }
    }
}
