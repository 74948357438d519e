package dev.opsdeck.console.theme;

/** The console's colour themes; each is one stylesheet of semantic colours in the styles module. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    /** Component rules shared by every theme; they use only the semantic colours. */
    public static final String COMPONENTS = "console.css";

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** File name under {@code dev/opsdeck/styles/}. */
    public String stylesheet() {
        return stylesheet;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
