package dev.opsdeck.console.settings;

import java.util.Locale;

/** How screens show GPU temperatures; the backend always reports degrees Celsius. */
public enum TemperatureUnit {
    CELSIUS("\u00b0C"), FAHRENHEIT("\u00b0F");

    private final String symbol;

    TemperatureUnit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** {@code celsius} in this unit. */
    public double convert(double celsius) {
        return this == CELSIUS ? celsius : celsius * 9 / 5 + 32;
    }

    /** e.g. "71 °C" or "160 °F", rounded to whole degrees as a dashboard shows them. */
    public String format(double celsius) {
        return String.format(Locale.ROOT, "%.0f %s", convert(celsius), symbol);
    }
}
