package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.live.LiveEvents;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The chain screen's parts, wired together: status feeds providers and checkpoint, contracts name the events,
 * live {@code chain} events move the height and record reorgs, and actions re-read what they changed.
 */
public final class ChainViewModel {
    private final LiveEvents live;
    private final ChainStatusViewModel status;
    private final ChainEventsViewModel events;
    private final ProvidersViewModel providers;
    private final CheckpointViewModel checkpoint;
    private final ReorgsViewModel reorgs;
    private final ChainInfoViewModel info;
    private final ChaosViewModel chaos;
    private LiveEvents.Subscription subscription;

    public ChainViewModel(ChainApi api, UiExecutor ui, Clock clock, LiveEvents live, UnaryOperator<String> text) {
        this.live = live;
        this.status = new ChainStatusViewModel(api, ui, clock);
        this.events = new ChainEventsViewModel(api, ui);
        this.providers = new ProvidersViewModel(api, ui, text);
        this.checkpoint = new CheckpointViewModel(api, ui, text);
        this.reorgs = new ReorgsViewModel(api, ui, clock);
        this.info = new ChainInfoViewModel(api, ui, text);
        this.chaos = new ChaosViewModel(api, ui, text);
        status.statusProperty().addListener((obs, old, now) -> {
            if (now != null) {
                providers.update(now.providers());
                checkpoint.status(now);
            }
        });
        info.onContracts(events::contracts);
        providers.afterReconnect(status::refresh);
        checkpoint.afterAction(status::refresh);
        chaos.afterAction(status::refresh);
    }

    /** The page is shown: poll, and follow the live {@code chain} topic. */
    public void shown() {
        status.start();
        events.start();
        info.start();
        chaos.probe();
        reorgs.load();
        if (subscription == null) {
            subscription = live.subscribe("chain", this::live);
        }
    }

    /** The page is hidden: stop everything so a hidden page costs nothing. */
    public void hidden() {
        status.stop();
        events.stop();
        info.stop();
        reorgs.stop();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Called once with each reorg, recorded or live, e.g. to mark the height chart. */
    public void onReorg(Consumer<Reorg> c) { reorgs.onNew(c); }

    void live(List<JsonNode> batch) {
        boolean reorged = false;
        for (JsonNode e : batch) {
            String type = e.path("type").asText();
            if ("indexer.progress".equals(type)) {
                status.progress(e);
            } else if ("chain.reorg".equals(type)) {
                reorgs.accept(e);
                reorged = true;
            }
        }
        if (reorged) {
            // Events of the orphaned branch are gone from the index: show the table as it is now.
            events.refresh();
            status.refresh();
        }
    }

    public ChainStatusViewModel status() { return status; }

    public ChainEventsViewModel events() { return events; }

    public ProvidersViewModel providers() { return providers; }

    public CheckpointViewModel checkpoint() { return checkpoint; }

    public ReorgsViewModel reorgs() { return reorgs; }

    public ChainInfoViewModel info() { return info; }

    public ChaosViewModel chaos() { return chaos; }
}
