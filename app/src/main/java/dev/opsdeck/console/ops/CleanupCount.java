package dev.opsdeck.console.ops;

/** Rows of one table a cleanup would delete (dry run) or deleted, and by which retention rule. */
public record CleanupCount(String table, String rule, long rows) {
}
