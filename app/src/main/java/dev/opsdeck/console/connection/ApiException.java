package dev.opsdeck.console.connection;

/**
 * The backend answered a request with an error status. The message is a sentence for the user (the backend's
 * own reason where it gave one, and what 401 / 403 / 429 mean for this environment); {@link #status()} lets a
 * screen react to a specific code, e.g. disable an action after a 403.
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field == null ? "" : field;
    }

    /** HTTP status code; 0 when the backend could not be reached at all. */
    public int status() {
        return status;
    }

    /** Field the backend named as invalid (e.g. {@code threshold}), or empty. */
    public String field() {
        return field;
    }

    /** True for 401 and 403: the credentials of this environment do not allow the request. */
    public boolean isPermission() {
        return status == 401 || status == 403;
    }
}
