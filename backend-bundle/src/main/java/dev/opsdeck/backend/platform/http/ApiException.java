package dev.opsdeck.backend.platform.http;

/**
 * A failure with an HTTP status and a stable error code, rendered as
 * {@code {"error": code, "message": text, "details": ...}}.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient Object details;

    public ApiException(int status, String code, String message, Object details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    /** A 400 that names the offending field in {@code details.field}. */
    public static ApiException invalidField(String field, String problem) {
        return new ApiException(400, "invalid_field", field + ": " + problem, java.util.Map.of("field", field));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object details() {
        return details;
    }
}
