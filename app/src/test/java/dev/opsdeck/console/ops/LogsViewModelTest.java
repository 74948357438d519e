package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdeck.console.fx.ManualUiExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogsViewModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeOpsApi api = new FakeOpsApi();
    private final LogsViewModel vm = new LogsViewModel(api, new ManualUiExecutor());

    @Test
    void theTailAddsNewestFirstAndTheFiltersNarrowIt() {
        vm.onEvents(List.of(line("INFO", "backup started"), line("WARN", "slow probe of arkd"), line("ERROR", "backup failed: disk full")));
        assertThat(vm.visible()).extracting(LogLine::message).containsExactly("backup failed: disk full", "slow probe of arkd", "backup started");

        vm.levelProperty().set("WARN");
        assertThat(api.calls).contains("logs warn");
        vm.onEvents(List.of(line("WARN", "slow probe of tapd"), line("INFO", "backup started")));
        assertThat(vm.visible()).extracting(LogLine::level).containsOnly("WARN");

        vm.levelProperty().set("ALL");
        vm.onEvents(List.of(line("INFO", "Backup of tapd"), line("INFO", "other")));
        vm.searchProperty().set("TAPD");
        assertThat(vm.visible()).extracting(LogLine::message).containsExactly("Backup of tapd");
    }

    @Test
    void pausingTheTailFreezesTheListAndTheBufferIsBounded() {
        vm.tailProperty().set(false);
        vm.onEvents(List.of(line("INFO", "ignored")));
        assertThat(vm.visible()).isEmpty();
        vm.tailProperty().set(true);
        List<JsonNode> many = new ArrayList<>();
        for (int i = 0; i < LogsViewModel.CAPACITY + 50; i++) {
            many.add(line("INFO", "line " + i));
        }
        vm.onEvents(many);
        assertThat(vm.visible()).hasSize(LogsViewModel.CAPACITY);
        assertThat(vm.visible().get(0).message()).isEqualTo("line " + (LogsViewModel.CAPACITY + 49));
    }

    @Test
    void copiedLinesReadOldestFirstWithTheirStackTraces() {
        vm.onEvents(List.of(line("INFO", "first"), JSON.valueToTree(Map.of("type", "log", "data", Map.of("timestamp", "2026-11-23T10:00:01Z",
                "level", "ERROR", "logger", "dev.opsdeck.X", "thread", "main", "message", "second", "stack_trace", "java.lang.X: boom")))));
        String text = vm.copyText(List.copyOf(vm.visible()));
        assertThat(text).isEqualTo("2026-11-23T10:00:00Z INFO dev.opsdeck.Y - first\n"
                + "2026-11-23T10:00:01Z ERROR dev.opsdeck.X - second\njava.lang.X: boom");
    }

    private static JsonNode line(String level, String message) {
        return JSON.valueToTree(Map.of("type", "log", "topic", "logs", "data", Map.of("timestamp", "2026-11-23T10:00:00Z", "level", level,
                "logger", "dev.opsdeck.Y", "thread", "main", "message", message)));
    }
}
