package dev.opsdeck.backend.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    private final JavaClasses backend = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.opsdeck.backend");

    @Test
    void theBackendNeverTouchesJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(backend);
    }

    @Test
    void theEmbeddingApiDoesNotLeakServerTypes() {
        // The console sees only dev.opsdeck.backend.api: its signatures must not drag Jetty or JDBC along.
        noClasses().that().resideInAPackage("dev.opsdeck.backend.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "java.sql..", "com.zaxxer..")
                .check(backend);
    }
}
