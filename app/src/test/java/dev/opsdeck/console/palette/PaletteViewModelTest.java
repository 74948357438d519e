package dev.opsdeck.console.palette;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PaletteViewModelTest {
    private final List<String> ran = new ArrayList<>();

    private PaletteCommand command(String kind, String title) {
        return new PaletteCommand(kind, title, () -> ran.add(title));
    }

    private PaletteViewModel palette() {
        return new PaletteViewModel(() -> List.of(command("Screen", "Overview"), command("Screen", "Workers"),
                command("Screen", "Settings"), command("Action", "Create backup"), command("Action", "Toggle theme"),
                command("Environment", "Switch environment: staging")));
    }

    @Test
    void fuzzyQueryFindsTheScreenAndEnterRunsIt() {
        PaletteViewModel p = palette();
        p.open();
        p.queryProperty().set("sett");
        assertThat(p.matches()).extracting(PaletteCommand::title).first().isEqualTo("Settings");
        p.runSelected();
        assertThat(ran).containsExactly("Settings");
        assertThat(p.isOpen()).isFalse();
    }

    @Test
    void lettersInOrderMatchWordStarts() {
        assertThat(Fuzzy.score("cb", "Create backup")).isGreaterThan(Fuzzy.score("cb", "Switch environment: cbx"));
        assertThat(Fuzzy.score("wk", "Workers")).isPositive();
        assertThat(Fuzzy.score("xq", "Workers")).isNegative();
    }

    @Test
    void arrowsMoveWithinTheMatches() {
        PaletteViewModel p = palette();
        p.open();
        p.queryProperty().set("e");
        int n = p.matches().size();
        p.move(-1);
        assertThat(p.selectedProperty().get()).isZero();
        p.move(100);
        assertThat(p.selectedProperty().get()).isEqualTo(n - 1);
        p.runSelected();
        assertThat(ran).containsExactly(p.matches().get(n - 1).title());
    }

    @Test
    void nothingMatchingRunsNothing() {
        PaletteViewModel p = palette();
        p.open();
        p.queryProperty().set("zzzz");
        assertThat(p.matches()).isEmpty();
        p.runSelected();
        assertThat(ran).isEmpty();
        assertThat(p.isOpen()).isTrue();
    }

    @Test
    void workersOfferedLaterAreFound() {
        PaletteViewModel p = palette();
        p.open();
        p.queryProperty().set("gpu-07");
        assertThat(p.matches()).isEmpty();
        p.offer(List.of(command("Worker", "gpu-07 \u2014 online")));
        assertThat(p.matches()).extracting(PaletteCommand::title).containsExactly("gpu-07 \u2014 online");
    }
}
