package dev.opsdeck.backend.platform.http;

/** The one JSON error shape of every non-2xx response. */
public record ErrorBody(String error, String message, Object details) {
}
