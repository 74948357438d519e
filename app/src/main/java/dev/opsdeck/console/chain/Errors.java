package dev.opsdeck.console.chain;

import dev.opsdeck.console.connection.ApiException;

/** A failure in words for the page: the backend's sentence when there is one, never a stack trace. */
final class Errors {
    private Errors() {
    }

    static String words(Throwable e) {
        if (e instanceof ApiException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
