package dev.opsdeck.console.ops;

import dev.opsdeck.console.fx.Resources;

/** The real strings, so the tests read what the operator reads. */
final class OpsTestText {
    private static final Resources RESOURCES = new Resources();

    private OpsTestText() {
    }

    static OpsText text() {
        return new OpsText(RESOURCES::text);
    }
}
