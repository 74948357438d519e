package dev.opsdeck.console.chain;

import dev.opsdeck.console.shell.Page;
import dev.opsdeck.console.shell.ScreenContext;
import javafx.scene.Parent;

/** The chain screen as the window sees it: polls and follows live events only while shown. */
public final class ChainPage implements Page {
    private final ChainViewModel viewModel;
    private final Parent node;

    public ChainPage(ScreenContext context) {
        this.viewModel = new ChainViewModel(new HttpChainApi(context.session()), context.ui(), context.clock(), context.live(),
                context.resources()::text);
        this.node = new ChainView(viewModel, context).load();
    }

    @Override
    public Parent node() {
        return node;
    }

    @Override
    public void shown() {
        viewModel.shown();
    }

    @Override
    public void hidden() {
        viewModel.hidden();
    }
}
