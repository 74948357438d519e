package dev.opsdeck.backend.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** External programs some tests drive for real (promtool, pg_dump). */
public final class Tools {
    private Tools() {
    }

    /**
     * The path of {@code program} on PATH. A missing tool fails the test with the package to install:
     * these checks are part of the suite, and .ci/run installs them on a fresh machine.
     */
    public static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(program + " is not on PATH; install the Debian package '" + debianPackage
                + "' (bash .ci/run does this on a fresh machine)");
    }
}
