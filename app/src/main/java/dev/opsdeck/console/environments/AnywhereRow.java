package dev.opsdeck.console.environments;

/**
 * One line of the "Anywhere" view.
 *
 * @param environment the environment it belongs to (opening the row switches there)
 * @param kind        "firing alert", "worker offline" or "unreachable"
 * @param subject     the alert's rule, the worker's id, or the environment's URL
 * @param detail      severity and since when, the last heartbeat, or why it cannot be reached
 */
public record AnywhereRow(String environment, String kind, String subject, String detail) {
}
