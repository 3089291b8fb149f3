package org.alignkg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The README's layout, enforced at class level: which classes may touch TDB2, RDF4J, Javalin,
 * Lucene, picocli and Jackson, and that packages depend on each other in one direction.
 * Nested classes count as their outer class.
 */
@AnalyzeClasses(packages = "org.alignkg", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String STORE = "org.alignkg.store.";
    private static final String INGEST = "org.alignkg.ingest.";

    private static String[] orNested(String... classes) {
        String[] out = new String[classes.length * 2];
        for (int i = 0; i < classes.length; i++) {
            out[2 * i] = classes[i].replace(".", "\\.");
            out[2 * i + 1] = classes[i].replace(".", "\\.") + "\\$.*";
        }
        return out;
    }

    private static String anyOf(String... classes) {
        return String.join("|", orNested(classes));
    }

    @ArchTest
    static final ArchRule only_the_store_classes_use_tdb2 = noClasses()
        .that().haveNameNotMatching(anyOf(STORE + "KgStore", STORE + "FullTextIndex", STORE + "GenerationLoad"))
        .should().dependOnClassesThat().resideInAPackage("org.apache.jena.tdb2..")
        .because("KgStore owns the TDB2 lifecycle and the single write path; the text index sits on its tables, the bulk path builds its storage generations");

    @ArchTest
    static final ArchRule only_the_rio_boundary_uses_rdf4j = noClasses()
        .that().haveNameNotMatching(anyOf(INGEST + "RdfFileReader", INGEST + "RdfFileWriter", INGEST + "RioToJena",
            INGEST + "Loader", INGEST + "ShippedFiles"))
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.rdf4j..")
        .because("Rio's model types clash with Jena's; they are converted at the ingest boundary");

    @ArchTest
    static final ArchRule only_server_classes_use_javalin = noClasses()
        .that().resideOutsideOfPackage("org.alignkg.server..")
        .should().dependOnClassesThat().resideInAPackage("io.javalin..");

    @ArchTest
    static final ArchRule only_cli_classes_use_picocli = noClasses()
        .that().resideOutsideOfPackage("org.alignkg.cli..")
        .should().dependOnClassesThat().resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule only_the_text_index_and_the_tagger_use_lucene = noClasses()
        .that().haveNameNotMatching(anyOf(STORE + "FullTextIndex", STORE + "KgStore", STORE + "PassageIndex",
            "org.alignkg.link.Tagger", "org.alignkg.link.TermAnalyzer"))
        .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
        .because("full-text search lives in the store's jena-text index, vector search in its passage index; the tagger and the words head analyse text with Lucene's analyzers, through TermAnalyzer");

    @ArchTest
    static final ArchRule only_the_sentence_encoder_uses_the_embedding_model = noClasses()
        .that().haveNameNotMatching(anyOf("org.alignkg.embed.SentenceEncoder"))
        .should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j..", "ai.onnxruntime..", "ai.djl..")
        .because("the model is a boundary: the rest of alignkg sees float[] vectors");

    @ArchTest
    static final ArchRule only_the_json_boundaries_use_jackson = noClasses()
        .that().haveNameNotMatching(anyOf("org.alignkg.server.JsonBody", "org.alignkg.server.ServerApp",
            "org.alignkg.server.OntologyPage", "org.alignkg.cli.StatsCommand", "org.alignkg.link.DocumentReader",
            "org.alignkg.viz.GraphExport", "org.alignkg.viz.VizNode", "org.alignkg.link.ConceptClassifier",
            "org.alignkg.link.Newsletter", "org.alignkg.cli.EvaluateCommand", "org.alignkg.cli.SimilarCommand",
            "org.alignkg.cli.ServerClient",
            "org.alignkg.cli.LinkCommand"))
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .because("JSON is read and written at the HTTP boundary, the JSON Lines import, the graph exports, the classifier's weights, the newsletter data and the commands' --json output and the --server client's reading of the server's JSON");

    @ArchTest
    static final ArchRule lower_layers_never_reach_up_to_the_entry_points = noClasses()
        .that().resideInAnyPackage("org.alignkg.store..", "org.alignkg.ingest..", "org.alignkg.query..", "org.alignkg.ontology..",
            "org.alignkg.update..", "org.alignkg.link..", "org.alignkg.embed..")
        .should().dependOnClassesThat().resideInAnyPackage("org.alignkg.cli..", "org.alignkg.server..");

    @ArchTest
    static final ArchRule the_store_never_parses_files_or_runs_queries = noClasses()
        .that().resideInAPackage("org.alignkg.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.alignkg.ingest..", "org.alignkg.query..", "org.alignkg.update..",
            "org.alignkg.link..", "org.alignkg.viz..", "org.eclipse.rdf4j..")
        .because("the store takes described changes (Change) and validates them; callers parse and query");

    @ArchTest
    static final ArchRule viz_is_pure_no_store_no_query_runner_no_http = noClasses()
        .that().resideInAPackage("org.alignkg.viz..")
        .should().dependOnClassesThat().resideInAnyPackage("org.alignkg.store..", "org.alignkg.query..", "org.alignkg.server..",
            "org.alignkg.cli..", "io.javalin..", "java.io..", "java.nio.file..")
        .because("viz holds pure functions from query results to view elements; callers run the queries");

    @ArchTest
    static final ArchRule packages_have_no_cycles = slices().matching("org.alignkg.(*)..").should().beFreeOfCycles();
}
