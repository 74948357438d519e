package dev.opsdeck.console.chain;

import dev.opsdeck.console.charts.TimeChart;
import dev.opsdeck.console.shell.ScreenContext;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;

/** Controller of Chain.fxml: the summary figures, the height and lag charts, and the tabs' own views. */
public final class ChainView {
    static final Duration WINDOW = Duration.ofMinutes(6);
    private static final int CAPACITY = 1800;

    private final ChainViewModel viewModel;
    private final ScreenContext context;
    private final TimeChart heights;
    private final TimeChart lags;

    @FXML private Label indexedHeight;
    @FXML private Label chainHead;
    @FXML private Label lag;
    @FXML private Circle indexerDot;
    @FXML private Label indexerState;
    @FXML private Label reorgCount;
    @FXML private Label error;
    @FXML private StackPane heightChart;
    @FXML private StackPane lagChart;
    @FXML private Tab eventsTab;
    @FXML private Tab providersTab;
    @FXML private Tab reorgsTab;
    @FXML private Tab checkpointTab;
    @FXML private Tab infoTab;

    public ChainView(ChainViewModel viewModel, ScreenContext context) {
        this.viewModel = viewModel;
        this.context = context;
        this.heights = new TimeChart(text("chain.chart.height"), text("chain.chart.height.unit"), CAPACITY);
        this.lags = new TimeChart(text("chain.chart.lag"), text("chain.chart.lag.unit"), CAPACITY);
    }

    public Parent load() {
        return context.resources().loadView("Chain.fxml", this);
    }

    @FXML
    private void initialize() {
        ChainStatusViewModel s = viewModel.status();
        indexedHeight.textProperty().bind(Bindings.createStringBinding(() -> block(s.getIndexedBlock()), s.indexedBlockProperty()));
        chainHead.textProperty().bind(Bindings.createStringBinding(() -> block(s.chainHeadProperty().get()), s.chainHeadProperty()));
        lag.textProperty().bind(Bindings.createStringBinding(this::lagText, s.lagSecondsProperty(), s.indexedBlockProperty(), s.chainHeadProperty()));
        indexerState.textProperty().bind(Bindings.createStringBinding(() -> s.statusProperty().get() == null ? text("chain.none")
                : String.valueOf(s.statusProperty().get().indexerState()), s.statusProperty()));
        s.statusProperty().addListener((obs, old, now) -> dot(now));
        reorgCount.textProperty().bind(viewModel.reorgs().totalProperty().asString());
        error.textProperty().bind(s.errorProperty());
        error.visibleProperty().bind(s.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        heights.window(WINDOW);
        lags.window(WINDOW);
        // Block heights are in the hundreds or millions: an axis from zero would draw them as one flat line.
        heights.zeroBased(false);
        heightChart.getChildren().add(heights.node());
        lagChart.getChildren().add(lags.node());
        String indexed = text("chain.series.indexed");
        String head = text("chain.series.head");
        String lagSeries = text("chain.series.lag");
        String behindSeries = text("chain.series.behind");
        s.onHeight((t, i, h, l) -> {
            heights.add(indexed, t, i);
            if (h != null) {
                heights.add(head, t, h);
            }
            lags.add(lagSeries, t, l);
            lags.add(behindSeries, t, h == null ? 0 : Math.max(0, h - i));
        });
        viewModel.onReorg(r -> heights.mark(r.at().toEpochMilli(), MessageFormat.format(text("chain.marker"), r.depth(),
                Long.toString(r.forkBlock()))));

        eventsTab.setContent(new ChainEventsView(viewModel.events(), context.resources()).load());
        providersTab.setContent(new ChainProvidersView(viewModel.providers(), context).load());
        reorgsTab.setContent(new ChainReorgsView(viewModel.reorgs(), viewModel.chaos(), context).load());
        checkpointTab.setContent(new ChainCheckpointView(viewModel.checkpoint(), context).load());
        infoTab.setContent(new ChainInfoView(viewModel.info(), context).load());
    }

    private String lagText() {
        Long i = viewModel.status().getIndexedBlock();
        Long h = viewModel.status().chainHeadProperty().get();
        if (i == null) {
            return text("chain.none");
        }
        long behind = h == null ? 0 : Math.max(0, h - i);
        return MessageFormat.format(text("chain.lag.value"), String.format(Locale.ROOT, "%.1f", viewModel.status().lagSecondsProperty().get()), behind);
    }

    private String block(Long n) {
        return n == null ? text("chain.none") : Long.toString(n);
    }

    private void dot(ChainStatus st) {
        indexerDot.getStyleClass().removeAll("up", "down", "unknown");
        String state = st == null ? null : st.indexerState();
        indexerDot.getStyleClass().add("up".equals(state) ? "up" : "down".equals(state) ? "down" : "unknown");
    }

    private String text(String key) {
        return context.resources().text(key);
    }
}
