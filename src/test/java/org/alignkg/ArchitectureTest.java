package org.alignkg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Library types stay at their boundary, and packages depend on each other in one direction. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.alignkg");

    @Test
    void only_ingest_uses_rdf4j() {
        assertThat(noClasses().that().resideOutsideOfPackage("org.alignkg.ingest..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.rdf4j..")
            .because("Rio's model types clash with Jena's; they are converted at the ingest boundary")
            .evaluate(MAIN).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void only_store_uses_tdb2() {
        assertThat(noClasses().that().resideOutsideOfPackage("org.alignkg.store..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.jena.tdb2..")
            .because("the store owns the TDB2 lifecycle and the single write path")
            .evaluate(MAIN).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void only_cli_uses_picocli() {
        assertThat(noClasses().that().resideOutsideOfPackage("org.alignkg.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .evaluate(MAIN).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void only_server_uses_javalin() {
        assertThat(noClasses().that().resideOutsideOfPackage("org.alignkg.server..")
            .should().dependOnClassesThat().resideInAPackage("io.javalin..")
            .evaluate(MAIN).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void lower_layers_never_reach_up_to_the_entry_points() {
        assertThat(noClasses().that().resideInAnyPackage("org.alignkg.store..", "org.alignkg.ingest..", "org.alignkg.query..",
                "org.alignkg.ontology..")
            .should().dependOnClassesThat().resideInAnyPackage("org.alignkg.cli..", "org.alignkg.server..")
            .evaluate(MAIN).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void viz_is_pure_no_store_no_query_runner_no_http() {
        assertThat(noClasses().that().resideInAPackage("org.alignkg.viz..")
            .should().dependOnClassesThat().resideInAnyPackage("org.alignkg.store..", "org.alignkg.query..", "org.alignkg.server..",
                "org.alignkg.cli..", "io.javalin..", "java.io..", "java.nio.file..")
            .because("viz holds pure functions from query results to view elements; callers run the queries")
            .evaluate(MAIN).getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void packages_have_no_cycles() {
        assertThat(slices().matching("org.alignkg.(*)..").should().beFreeOfCycles().evaluate(MAIN).getFailureReport().getDetails()).isEmpty();
    }
}
