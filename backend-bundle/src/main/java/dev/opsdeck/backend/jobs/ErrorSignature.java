package dev.opsdeck.backend.jobs;

import java.util.Locale;

/**
 * Reduces an error message to a signature that groups the same failure across jobs: first line, numbers,
 * hex ids and quoted values replaced, so "CUDA out of memory (tried 2048 MiB on GPU 3)" and "... 4096 MiB on
 * GPU 1" fall in one group.
 */
final class ErrorSignature {
    private ErrorSignature() {
    }

    static String of(String error) {
        if (error == null || error.isBlank()) {
            return "unknown";
        }
        String first = error.strip().lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        String s = first.replaceAll("'[^']*'|\"[^\"]*\"", "<v>")
                .replaceAll("\\b(0x)?[0-9a-f]{8,}\\b", "<id>")
                .replaceAll("\\d+(\\.\\d+)?", "#")
                .replaceAll("\\s+", " ").strip();
        return s.length() <= 160 ? s : s.substring(0, 160);
    }
}
