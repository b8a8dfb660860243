package org.ctys.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture rules of docs/DESIGN.md that the compiler does not check. */
class ArchitectureTest {

    private static JavaClasses ctys;

    @BeforeAll
    static void importClasses() {
        // test classes live in test-classes directories and in ctys-api's testkit test-jar
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.contains("-tests.jar");
        ctys = new ClassFileImporter().withImportOption(productionOnly).importPackages("org.ctys");
        for (String name : new String[] {"org.ctys.core.cli.Main", "org.ctys.plugin.vde.VdePlugin",
            "org.ctys.plugin.kvm.KvmPlugin", "org.ctys.addressing.ActionSpec", "org.ctys.spi.CtysPlugin"}) {
            assertTrue(ctys.contain(name), "the rules must see " + name);
        }
        assertFalse(ctys.contain("org.ctys.testkit.RecordingCommandRunner"), "test code is not checked");
    }

    @Test
    void onlyTheLaunchersEntryPointsPrintToTheProcessStreamsOrExit() {
        noClasses().that().doNotHaveFullyQualifiedName("org.ctys.core.cli.Main")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .check(ctys);
    }

    @Test
    void theApiDependsOnTheJdkAndSlf4jOnly() {
        classes().that().resideInAnyPackage("org.ctys.api..", "org.ctys.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", "org.ctys.api..",
                        "org.ctys.spi..")
                .check(ctys);
    }

    @Test
    void addressingIsPureAndDependsOnTheApiOnly() {
        classes().that().resideInAPackage("org.ctys.addressing..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.util..",
                        "org.ctys.api..", "org.ctys.addressing..")
                .check(ctys);
    }

    @Test
    void pluginsDependOnTheApiOnlyAndNeverOnCoreOrFrameworks() {
        classes().that().resideInAPackage("org.ctys.plugin..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", "org.ctys.api..",
                        "org.ctys.spi..", "org.ctys.plugin..")
                .check(ctys);
    }

    @Test
    void corePackagesDependOneWayTowardsTheCommandLine() {
        noClasses().that().resideInAnyPackage("org.ctys.core.dispatch..", "org.ctys.core.exec..",
                        "org.ctys.core.plugin..", "org.ctys.core.output..", "org.ctys.core.prereq..",
                        "org.ctys.core.config..")
                .should().dependOnClassesThat().resideInAPackage("org.ctys.core.cli..")
                .check(ctys);
        noClasses().that().resideInAnyPackage("org.ctys.core.exec..", "org.ctys.core.plugin..",
                        "org.ctys.core.output..", "org.ctys.core.config..")
                .should().dependOnClassesThat().resideInAPackage("org.ctys.core.dispatch..")
                .check(ctys);
    }
}
