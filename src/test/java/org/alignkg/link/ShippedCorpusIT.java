package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.alignkg.TestData;
import org.alignkg.cli.CliRun;
import org.alignkg.embed.SentenceEncoder;
import org.alignkg.query.QueryRunner;
import org.alignkg.store.KgStore;
import org.alignkg.store.PassageIndex;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.DatasetFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped store as a fresh {@code sync} builds it, with the real corpus: built once per build
 * in {@code target/shipped-store} (a second sync finds it current and does nothing), shared
 * read-only by these tests.
 */
class ShippedCorpusIT {
    static final Path STORE = TestData.SHIPPED_STORE;
    static CliRun sync;
    static KgStore store;

    @BeforeAll
    static void build() {
        sync = CliRun.of("sync", "--store", STORE.toString());
        store = KgStore.open(STORE);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    long count(String select) {
        return store.read(d -> {
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(d)).query(
                    "PREFIX akg: <https://w3id.org/alignkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
                    + "PREFIX cito: <http://purl.org/spar/cito/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> " + select).build()) {
                return qe.execSelect().next().getLiteral("n").getLong();
            }
        });
    }

    @Test
    void sync_imports_the_corpus_and_a_second_sync_finds_it_current() {
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(Files.isDirectory(STORE.resolve("vector-index"))).isTrue();
        store.close();
        try {
            // the corpus' fingerprint (file, scheme, limitations, weights) is the same from one JVM to the next
            CliRun again = CliRun.of("sync", "--store", STORE.toString());
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).startsWith("store is up to date");
            assertThat(again.err()).doesNotContain("linking");
        } finally {
            store = KgStore.open(STORE);
        }
    }

    @Test
    void the_corpus_is_in_the_graph_marked_as_imported() {
        assertThat(count("SELECT (COUNT(DISTINCT ?d) AS ?n) { ?d a akg:ImportedDocument ; dcterms:title ?t ; akg:sourceRecord ?r }"))
            .isEqualTo(1494);
        // imported documents never carry a curated (plain CiTO) link
        assertThat(count("SELECT (COUNT(*) AS ?n) { ?d a akg:ImportedDocument ; cito:supports|cito:disputes|cito:extends|cito:discusses ?x }"))
            .isZero();
        assertThat(count("SELECT (COUNT(*) AS ?n) { ?d a akg:ImportedDocument . ?c a akg:CuratedLink ; cito:hasCitingEntity ?d }")).isZero();
        // and are never confused with the curated corpus
        assertThat(count("SELECT (COUNT(*) AS ?n) { ?d a akg:ImportedDocument ; akg:verifiedVia ?v }")).isZero();
    }

    @Test
    void most_documents_get_suggested_concepts_with_methods_and_evidence() {
        long withConcepts = count("SELECT (COUNT(DISTINCT ?d) AS ?n) { ?s a akg:SuggestedLink ; cito:hasCitingEntity ?d ; "
            + "cito:hasCitedEntity ?c ; akg:proposedBy ?m . ?c a <http://www.w3.org/2004/02/skos/core#Concept> . ?d a akg:ImportedDocument }");
        assertThat(withConcepts).isGreaterThan(1200);
        assertThat(count("SELECT (COUNT(*) AS ?n) { ?s a akg:SuggestedLink ; akg:proposedBy ?m FILTER NOT EXISTS { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?e } }"))
            .as("every suggestion names its evidence").isZero();
    }

    @Test
    void authors_are_shared_nodes() {
        // one person, many papers
        assertThat(count("SELECT (MAX(?k) AS ?n) { SELECT ?p (COUNT(DISTINCT ?d) AS ?k) { ?d a akg:ImportedDocument ; dcterms:creator ?p } GROUP BY ?p }"))
            .isGreaterThanOrEqualTo(20);
    }

    @Test
    void duplicates_of_the_file_are_one_document() {
        assertThat(count("SELECT (COUNT(*) AS ?n) { { SELECT ?doi (COUNT(DISTINCT ?d) AS ?k) { ?d a akg:ImportedDocument ; "
            + "<http://prismstandard.org/namespaces/basic/2.0/doi> ?doi } GROUP BY ?doi } FILTER(?k > 1) }")).isZero();
    }

    @Test
    void the_nearest_corpus_documents_of_a_limitation_come_with_their_passage() {
        try (PassageIndex index = PassageIndex.open(PassageIndex.dirOf(STORE))) {
            SimilarService s = new SimilarService(store, index, SentenceEncoder.shared());
            assertThat(index.size()).isGreaterThan(5000);
            List<SimilarService.Hit> hits = s.similarTo("https://w3id.org/alignkg/limitation/2", 10, "document");
            assertThat(hits).hasSize(10);
            assertThat(hits).allSatisfy(h -> assertThat(h.passage()).isNotBlank());
            assertThat(hits.stream().filter(h -> h.iri().startsWith("https://w3id.org/alignkg/document/"))).isNotEmpty();
        }
    }
}
