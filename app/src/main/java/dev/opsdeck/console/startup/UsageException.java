package dev.opsdeck.console.startup;

/** A command line the console cannot run with; the message is one line for the terminal. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
