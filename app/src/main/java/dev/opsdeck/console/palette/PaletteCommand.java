package dev.opsdeck.console.palette;

import java.util.Objects;

/**
 * One entry of the command palette.
 *
 * @param kind  what it is, shown beside the title ("Screen", "Worker", "Action", "Environment")
 * @param title what the user types to find it
 * @param run   what happens on Enter (UI thread)
 */
public record PaletteCommand(String kind, String title, Runnable run) {
    public PaletteCommand {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(title);
        Objects.requireNonNull(run);
    }
}
