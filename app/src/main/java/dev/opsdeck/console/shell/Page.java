package dev.opsdeck.console.shell;

import javafx.scene.Parent;

/**
 * A screen's page: its node, and hooks for when it is shown and hidden, so hidden pages stop polling and cost
 * nothing. Both hooks run on the UI thread.
 */
public interface Page {
    Parent node();

    /** The page became visible (also after a reconnect or an environment switch while visible). */
    default void shown() { }

    /** The page was hidden or the window is closing. */
    default void hidden() { }

    /** A page without lifecycle, e.g. a static one. */
    static Page of(Parent node) {
        return () -> node;
    }
}
