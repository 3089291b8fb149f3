package org.alignkg.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.alignkg.Progress;
import org.alignkg.ingest.Loader;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.query.QueryRunner;
import org.alignkg.query.ResultTable;
import org.alignkg.query.Sparql;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullTextIndexIT {
    static final Path ROOT = Path.of("").toAbsolutePath();

    static void loadShipped(KgStore store) {
        new Loader(store, ShippedFiles.shapes(ROOT.resolve("ontology")), Progress.NONE, ROOT)
            .load(List.of(ROOT.resolve("ontology"), ROOT.resolve("data")), null);
    }

    static final String TEXT_QUERY = """
        PREFIX text: <http://jena.apache.org/text#>
        PREFIX schema: <http://schema.org/>
        SELECT ?s ?score WHERE { (?s ?score) text:query (schema:text "InstructGPT") } ORDER BY DESC(?score) ?s
        """;

    @Test
    void text_query_in_sparql_finds_instructgpt_in_limitation_3(@TempDir Path tmp) {
        try (KgStore store = KgStore.open(tmp.resolve("tdb"))) {
            loadShipped(store);
            ResultTable t = new QueryRunner(store, 10_000).select(Sparql.parseQuery(TEXT_QUERY, "test"), Map.of());
            assertThat(t.rows()).extracting(r -> r.get(0).getURI()).contains("https://w3id.org/alignkg/limitation/3");
        }
    }

    @Test
    void union_default_graph_still_sees_every_named_graph(@TempDir Path tmp) {
        try (KgStore store = KgStore.open(tmp.resolve("tdb"))) {
            loadShipped(store);
            ResultTable t = new QueryRunner(store, 10_000).select(Sparql.parseQuery(
                "SELECT (COUNT(*) AS ?n) { ?l a <https://w3id.org/alignkg/ontology#Limitation> }", "test"), Map.of());
            assertThat(t.get(0, "n").getLiteralLexicalForm()).isEqualTo("5");
        }
    }

    @Test
    void search_returns_highlighted_snippets(@TempDir Path tmp) {
        try (KgStore store = KgStore.open(tmp.resolve("tdb"))) {
            loadShipped(store);
            List<FullTextIndex.Match> hits = store.searchText("InstructGPT", 10);
            assertThat(hits).isNotEmpty();
            assertThat(hits).anySatisfy(h -> assertThat(h.snippet()).contains("<b>InstructGPT</b>"));
        }
    }

    @Test
    void index_survives_reopen_and_is_rebuilt_when_deleted(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("tdb");
        long size;
        try (KgStore store = KgStore.open(dir)) {
            loadShipped(store);
            size = store.textIndexSize();
            assertThat(size).isPositive();
        }
        try (KgStore store = KgStore.open(dir)) {
            assertThat(store.textIndexSize()).isEqualTo(size);
            assertThat(store.searchText("InstructGPT", 5)).isNotEmpty();
        }
        FileUtils.deleteDirectory(KgStore.textIndexDir(dir).toFile());
        assertThat(Files.exists(KgStore.textIndexDir(dir))).isFalse();
        try (KgStore store = KgStore.open(dir)) {
            assertThat(store.textIndexSize()).isEqualTo(size);
            assertThat(store.searchText("InstructGPT", 5)).isNotEmpty();
        }
    }

    @Test
    void reloading_a_file_replaces_its_index_entries(@TempDir Path tmp) {
        try (KgStore store = KgStore.open(tmp.resolve("tdb"))) {
            loadShipped(store);
            long size = store.textIndexSize();
            loadShipped(store);
            assertThat(store.textIndexSize()).isEqualTo(size);
        }
    }

    @Test
    void opening_counts_entries_from_node_ids_and_checks_exactly_only_when_they_differ(@TempDir Path tmp) {
        Path dir = tmp.resolve("tdb");
        org.apache.jena.graph.Node label = org.apache.jena.vocabulary.RDFS.label.asNode();
        long size;
        try (KgStore store = KgStore.open(dir)) {
            loadShipped(store);
            size = store.textIndexSize();
            org.apache.jena.sparql.core.DatasetGraph first = org.apache.jena.tdb2.DatabaseMgr.connectDatasetGraph(dir.toString());
            // the fast count matches the index on the shipped data (no non-literal labels)
            assertThat(FullTextIndex.quadsWithIndexedPredicates(first)).isEqualTo(size);
            // an IRI as a label: counted by the fast count, not indexed
            store.write(d -> d.add(org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/alignkg/graph/test"),
                org.apache.jena.graph.NodeFactory.createURI("https://example.org/s"), label,
                org.apache.jena.graph.NodeFactory.createURI("https://example.org/not-a-literal")));
            assertThat(store.textIndexSize()).isEqualTo(size);
        }
        org.apache.jena.sparql.core.DatasetGraph base = org.apache.jena.tdb2.DatabaseMgr.connectDatasetGraph(dir.toString());
        FullTextIndex index = FullTextIndex.open(KgStore.textIndexDir(dir));
        try {
            assertThat(FullTextIndex.quadsWithIndexedPredicates(base)).isEqualTo(size + 1);
            assertThat(index.ensureInStep(base)).as("the exact count agrees, so no rebuild").isFalse();
        } finally {
            index.close();
            org.apache.jena.tdb2.sys.TDBInternal.expel(base);
        }
    }
}
