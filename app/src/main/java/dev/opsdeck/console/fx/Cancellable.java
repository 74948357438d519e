package dev.opsdeck.console.fx;

/** Handle of submitted or scheduled work; cancelling guarantees its UI callback will not run. */
@FunctionalInterface
public interface Cancellable {
    void cancel();

    /** A handle for work that is already over. */
    Cancellable NONE = () -> { };
}
