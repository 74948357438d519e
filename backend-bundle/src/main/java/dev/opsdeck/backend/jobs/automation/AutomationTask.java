package dev.opsdeck.backend.jobs.automation;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One recurring automation: a name, its default interval (operators may change it), and the work, which returns
 * a one-line summary of what it did.
 */
public record AutomationTask(String name, String description, Duration defaultInterval, Supplier<String> work) {
}
