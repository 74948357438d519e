package dev.opsdeck.console.audit;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Controller of Audit.fxml: binds {@link AuditViewModel} to the filters, the table, the details and the verdict. */
public final class AuditView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AuditViewModel viewModel;
    private final Session session;
    private final Resources resources;

    @FXML private VBox permissionNotice;
    @FXML private Label permissionText;
    @FXML private ComboBox<AuditRange> range;
    @FXML private TextField actor;
    @FXML private TextField action;
    @FXML private TextField result;
    @FXML private Button verifyButton;
    @FXML private Label verdict;
    @FXML private Label error;
    @FXML private SplitPane split;
    @FXML private TableView<AuditEntry> table;
    @FXML private TableColumn<AuditEntry, Long> idColumn;
    @FXML private TableColumn<AuditEntry, String> timeColumn;
    @FXML private TableColumn<AuditEntry, String> actorColumn;
    @FXML private TableColumn<AuditEntry, String> actionColumn;
    @FXML private TableColumn<AuditEntry, String> resultColumn;
    @FXML private TableColumn<AuditEntry, String> sourceColumn;
    @FXML private TableColumn<AuditEntry, String> parametersColumn;
    @FXML private TextArea detail;
    @FXML private Label count;
    @FXML private Button olderButton;

    public AuditView(AuditViewModel viewModel, Session session, Resources resources) {
        this.viewModel = viewModel;
        this.session = session;
        this.resources = resources;
    }

    /** The screen's page: polls while shown, silent while hidden. */
    public Page page() {
        Parent node = resources.loadView("Audit.fxml", this);
        return new Page() {
            @Override
            public Parent node() {
                return node;
            }

            @Override
            public void shown() {
                viewModel.activate();
            }

            @Override
            public void hidden() {
                viewModel.deactivate();
            }
        };
    }

    @FXML
    private void initialize() {
        permissionText.textProperty().bind(viewModel.permissionProblemProperty());
        permissionNotice.visibleProperty().bind(viewModel.permissionProblemProperty().isNotEmpty());
        permissionNotice.managedProperty().bind(permissionNotice.visibleProperty());
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        range.getItems().setAll(AuditRange.values());
        range.setConverter(new StringConverter<>() {
            @Override
            public String toString(AuditRange r) {
                return r == null ? "" : resources.text(r.key());
            }

            @Override
            public AuditRange fromString(String s) {
                return null; // not editable
            }
        });
        range.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(AuditRange r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? "" : resources.text(r.key()));
            }
        });
        range.valueProperty().bindBidirectional(viewModel.rangeProperty());
        range.setOnAction(e -> viewModel.applyFilters());
        actor.textProperty().bindBidirectional(viewModel.actorProperty());
        action.textProperty().bindBidirectional(viewModel.actionProperty());
        result.textProperty().bindBidirectional(viewModel.resultProperty());

        // Verifying walks the whole chain on the backend: admin only, and once at a time.
        verifyButton.disableProperty().bind(session.adminProperty().not().or(viewModel.verifyingProperty()));
        Tooltip reason = new Tooltip();
        reason.textProperty().bind(session.adminOnlyReason());
        verifyButton.tooltipProperty().bind(Bindings.when(session.adminProperty()).then((Tooltip) null).otherwise(reason));
        verdict.textProperty().bind(Bindings.createStringBinding(this::verdictText,
                viewModel.chainProperty(), viewModel.verdictProperty(), viewModel.verifyingProperty()));
        verdict.visibleProperty().bind(verdict.textProperty().isNotEmpty());
        verdict.managedProperty().bind(verdict.visibleProperty());
        viewModel.chainProperty().addListener((obs, old, now) -> {
            verdict.getStyleClass().removeAll("intact", "broken");
            verdict.getStyleClass().add(now == AuditViewModel.Chain.BROKEN ? "broken" : "intact");
            selectBroken();
        });

        table.setItems(viewModel.entries());
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(viewModel.loadedProperty())
                .then(resources.text("audit.empty")).otherwise(resources.text("audit.loading")));
        table.setPlaceholder(placeholder);
        idColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(TIME.format(c.getValue().occurredAt())));
        actorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().actor()));
        actionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        resultColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().result()));
        sourceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sourceIp()));
        parametersColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().parametersLine()));
        detail.textProperty().bind(Bindings.createStringBinding(() -> describe(table.getSelectionModel().getSelectedItem()),
                table.getSelectionModel().selectedItemProperty()));
        split.setDividerPositions(0.64);

        count.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(
                resources.text(viewModel.hasOlderProperty().get() ? "audit.count.more" : "audit.count"), viewModel.entries().size()),
                viewModel.entries(), viewModel.hasOlderProperty()));
        olderButton.disableProperty().bind(viewModel.hasOlderProperty().not());
    }

    @FXML
    private void apply() {
        viewModel.applyFilters();
    }

    @FXML
    private void clear() {
        viewModel.actorProperty().set("");
        viewModel.actionProperty().set("");
        viewModel.resultProperty().set("");
        viewModel.rangeProperty().set(AuditRange.ALL); // applies through the combo box's action
        viewModel.applyFilters();
    }

    @FXML
    private void verify() {
        viewModel.verify();
    }

    @FXML
    private void older() {
        viewModel.loadOlder();
    }

    private String verdictText() {
        if (viewModel.verifyingProperty().get()) {
            return resources.text("audit.verifying");
        }
        AuditSource.Verdict v = viewModel.verdictProperty().get();
        if (v == null) {
            return "";
        }
        return v.intact() ? MessageFormat.format(resources.text("audit.intact"), v.checked())
                : MessageFormat.format(resources.text("audit.broken"), Long.toString(v.firstBrokenId()), v.reason(),
                v.checked());
    }

    /** A broken chain names a row: show it if it is loaded, so its details are one glance away. */
    private void selectBroken() {
        AuditSource.Verdict v = viewModel.verdictProperty().get();
        if (v == null || v.firstBrokenId() == null) {
            return;
        }
        viewModel.entries().stream().filter(e -> e.id() == v.firstBrokenId()).findFirst().ifPresent(e -> {
            table.getSelectionModel().select(e);
            table.scrollTo(e);
        });
    }

    private String describe(AuditEntry e) {
        if (e == null) {
            return resources.text("audit.detail.none");
        }
        return MessageFormat.format(resources.text("audit.detail"), "#" + e.id() + "  " + e.action(),
                TIME.format(e.occurredAt()), e.actor(), e.result(), e.sourceIp(), e.entryHash(), e.prettyParameters());
    }
}
