package dev.opsdeck.console.chain;

import dev.opsdeck.console.fx.Resources;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

import java.text.MessageFormat;
import java.util.Locale;

/** Controller of ChainEvents.fxml: the filter bar, the latest events and the counts per contract and type. */
public final class ChainEventsView {
    private final ChainEventsViewModel viewModel;
    private final Resources resources;

    @FXML private TextField contractFilter;
    @FXML private TextField typeFilter;
    @FXML private TextField subjectFilter;
    @FXML private Label error;
    @FXML private Label countsTitle;
    @FXML private TableView<ChainEvent> events;
    @FXML private TableColumn<ChainEvent, Long> blockColumn;
    @FXML private TableColumn<ChainEvent, String> timeColumn;
    @FXML private TableColumn<ChainEvent, String> contractColumn;
    @FXML private TableColumn<ChainEvent, String> typeColumn;
    @FXML private TableColumn<ChainEvent, String> subjectColumn;
    @FXML private TableColumn<ChainEvent, String> amountColumn;
    @FXML private TableColumn<ChainEvent, String> txColumn;
    @FXML private TableView<EventCount> counts;
    @FXML private TableColumn<EventCount, String> countContractColumn;
    @FXML private TableColumn<EventCount, String> countTypeColumn;
    @FXML private TableColumn<EventCount, Long> countColumn;

    public ChainEventsView(ChainEventsViewModel viewModel, Resources resources) {
        this.viewModel = viewModel;
        this.resources = resources;
    }

    public Parent load() {
        return resources.loadView("ChainEvents.fxml", this);
    }

    @FXML
    private void initialize() {
        contractFilter.textProperty().bindBidirectional(viewModel.contractProperty());
        typeFilter.textProperty().bindBidirectional(viewModel.typeProperty());
        subjectFilter.textProperty().bindBidirectional(viewModel.subjectProperty());
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        countsTitle.setText(MessageFormat.format(resources.text("chain.events.counts"), ChainEventsViewModel.COUNT_WINDOW));

        events.setItems(viewModel.events());
        events.setPlaceholder(new Label(resources.text("chain.events.empty")));
        events.setRowFactory(t -> Cells.rowWithTooltip(e -> e.contract() + "\n" + e.tx()
                + (e.subject() == null ? "" : "\n" + e.subject())));
        Cells.value(blockColumn, ChainEvent::block);
        Cells.value(timeColumn, e -> Cells.time(e.time()));
        Cells.value(contractColumn, e -> viewModel.contractName(e.contract()));
        Cells.value(typeColumn, ChainEvent::type);
        Cells.value(subjectColumn, e -> Cells.shortHash(e.subject()));
        Cells.value(amountColumn, e -> e.amount() == null ? "" : String.format(Locale.ROOT, "%,.2f", e.amount()));
        Cells.value(txColumn, e -> Cells.shortHash(e.tx()));

        counts.setItems(viewModel.counts());
        Cells.value(countContractColumn, EventCount::contract);
        Cells.value(countTypeColumn, EventCount::type);
        Cells.value(countColumn, EventCount::count);
        // Double-click a count: filter the table to that contract and type.
        counts.setOnMouseClicked(e -> {
            EventCount c = counts.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && c != null) {
                viewModel.contractProperty().set(c.contract());
                viewModel.typeProperty().set(c.type());
                viewModel.apply();
            }
        });
        counts.setPlaceholder(new Label(resources.text("chain.events.empty")));
    }

    @FXML
    private void apply() {
        viewModel.apply();
    }

    @FXML
    private void clear() {
        viewModel.clearFilter();
    }
}
