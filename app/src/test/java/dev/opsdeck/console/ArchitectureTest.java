package dev.opsdeck.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The console's layering (DESIGN.md: app reaches the backend only through its embedding API). */
class ArchitectureTest {
    private static JavaClasses console;

    @BeforeAll
    static void importConsole() {
        console = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The console is in target/classes; scanning every jar for the package only costs time.
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.opsdeck.console");
    }

    @Test
    void consoleReachesTheBackendOnlyThroughItsApi() {
        noClasses().that().resideInAPackage("dev.opsdeck.console..")
                .should().dependOnClassesThat(and(
                        resideInAPackage("dev.opsdeck.backend.."),
                        resideOutsideOfPackage("dev.opsdeck.backend.api..")))
                .because("the console may use the embedding API and its records only, never backend internals")
                .check(console);
    }

    @Test
    void consoleNeverTouchesServerOrDatabaseLibraries() {
        noClasses().that().resideInAPackage("dev.opsdeck.console..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.javalin..", "org.eclipse.jetty..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.h2..",
                        "org.flywaydb..", "org.jdbi..", "org.postgresql..")
                .because("the console talks to the backend over HTTP like any other client")
                .check(console);
    }

    @Test
    void viewModelsHoldNoNodes() {
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..", "javafx.stage..", "javafx.fxml..")
                .because("view models are plain properties, testable without the toolkit")
                .check(console);
    }

    @Test
    void theConsoleIsPresent() {
        // Guards the rules above against passing on an empty import (e.g. a renamed package).
        classes().that().haveFullyQualifiedName("dev.opsdeck.console.Launcher").should().bePublic().check(console);
    }
}
