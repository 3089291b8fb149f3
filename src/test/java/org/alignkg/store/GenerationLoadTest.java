package org.alignkg.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.alignkg.InvalidInputException;
import org.alignkg.Progress;
import org.alignkg.ShapeViolationException;
import org.alignkg.SourceLocation;
import org.alignkg.TestData;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.ontology.AKG;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path of a store on disk ({@link GenerationLoad}): a new TDB2 storage generation built
 * by TDB2's loader, validated, switched to by a rename; what a refusal, a parse error and a kill
 * leave behind.
 */
class GenerationLoadTest {
    private static final String FILE = "test/bulk.nq";
    private static final Node G = NodeFactory.createURI(AKG.GRAPH_BASE + "test/bulk");
    private static final Node OTHER = NodeFactory.createURI(AKG.GRAPH_BASE + "test/other");
    private static final Node S = NodeFactory.createURI("urn:x:s");
    private static final Node P = NodeFactory.createURI("urn:x:p");
    private static final Node BARE = NodeFactory.createURI(AKG.BASE + "limitation/99");

    @TempDir
    Path tmp;

    private KgStore open() {
        return KgStore.open(tmp.resolve("store")).validateWith(ShippedFiles.shapes(TestData.ONTOLOGY));
    }

    /** A bulk load of {@link #FILE}: {@code n} quads in G plus a label, or a bare limitation when not {@code ok}. */
    private static Change bulk(boolean ok, String label, int n) {
        return Change.bulk(FILE, sink -> {
            for (int i = 0; i < n; i++) sink.add(G, S, P, NodeFactory.createLiteralString("v" + i));
            sink.add(G, S, RDFS.Nodes.label, NodeFactory.createLiteralString(label));
            if (!ok) sink.add(G, BARE, RDF.Nodes.type, AKG.Limitation);
            return "ab";
        }, Progress.NONE);
    }

    private static void other(KgStore store) {
        Graph g = GraphFactory.createDefaultGraph();
        g.add(S, P, NodeFactory.createLiteralString("kept"));
        g.add(NodeFactory.createBlankNode(), P, NodeFactory.createLiteralString("blank"));
        g.add(OTHER, RDFS.Nodes.label, NodeFactory.createLiteralString("gamma"));
        store.apply(Change.files(List.of(new FileBatch("test/other.ttl", "00", Map.of(OTHER, g))), Set.of()));
    }

    private List<String> folders() throws IOException {
        try (Stream<Path> list = Files.list(tmp.resolve("store"))) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Data") || n.endsWith(".stale")).sorted().toList();
        }
    }

    @Test
    void a_bulk_load_switches_to_the_next_storage_generation_and_deletes_the_old_one() throws IOException {
        String before;
        try (KgStore store = open()) {
            other(store);
            before = store.contentHash();
            assertThat(folders()).containsExactly("Data-0001");
            List<Commit> heard = new java.util.ArrayList<>();
            store.addCommitListener(heard::add);
            long gen = store.generation();
            KgStore.Applied applied = store.apply(bulk(true, "alpha", 1000));
            assertThat(applied.quadsAdded()).isEqualTo(1001);
            assertThat(heard).containsExactly(applied.commit());
            assertThat(applied.commit().generation()).isEqualTo(gen + 1).isEqualTo(store.generation());
            assertThat(applied.commit().changedGraphs()).contains(G.getURI());
            assertThat(folders()).containsExactly("Data-0002");
            assertThat(store.graphSizes()).containsEntry(G.getURI(), 1001L).containsEntry(OTHER.getURI(), 3L);
            assertThat(store.loadedFiles()).containsEntry(FILE, "sha256:ab").containsEntry("test/other.ttl", "sha256:00");
            assertThat(store.searchText("alpha", 5)).extracting(FullTextIndex.Match::subject).containsExactly(S.getURI());
            assertThat(store.searchText("gamma", 5)).hasSize(1);
            // the running store writes on into the new generation
            store.write(d -> d.add(G, S, P, NodeFactory.createLiteralString("later")));
        }
        try (KgStore store = open()) {
            assertThat(store.graphSizes()).containsEntry(G.getURI(), 1002L).containsEntry(OTHER.getURI(), 3L);
            assertThat(store.textIndexSize()).isEqualTo(2);
            // the old data came over quad for quad, blank node labels included
            Graph g = store.copyOf(OTHER);
            assertThat(g.contains(Node.ANY, P, NodeFactory.createLiteralString("blank"))).isTrue();
            assertThat(store.contentHash()).isNotEqualTo(before);
        }
    }

    @Test
    void the_copied_part_is_the_same_data_with_the_same_blank_node_labels() {
        try (KgStore store = open()) {
            other(store);
            Graph before = store.copyOf(OTHER);
            store.apply(bulk(true, "alpha", 3));
            Graph after = store.copyOf(OTHER);
            assertThat(after.find().toSet()).isEqualTo(before.find().toSet());
        }
    }

    @Test
    void a_refused_bulk_load_deletes_its_generation_and_leaves_the_store_as_it_was() throws IOException {
        try (KgStore store = open()) {
            other(store);
            store.apply(bulk(true, "alpha", 10));
            String before = store.contentHash();
            long docs = store.textIndexSize();
            assertThatThrownBy(() -> store.apply(bulk(false, "beta", 10)))
                .isInstanceOf(ShapeViolationException.class)
                .hasMessageContaining("does not conform to the SHACL shapes")
                .hasMessageContaining("akgr:limitation/99");
            assertThat(store.contentHash()).isEqualTo(before);
            assertThat(store.textIndexSize()).isEqualTo(docs);
            assertThat(store.searchText("beta", 5)).isEmpty();
            assertThat(folders()).containsExactly("Data-0002");
            // and the store still loads
            store.apply(bulk(true, "beta", 10));
            assertThat(folders()).containsExactly("Data-0003");
        }
    }

    @Test
    void a_bulk_load_whose_parser_fails_leaves_the_store_as_it_was() throws IOException {
        try (KgStore store = open()) {
            other(store);
            String before = store.contentHash();
            assertThatThrownBy(() -> store.apply(Change.bulk(FILE, sink -> {
                for (int i = 0; i < 5000; i++) sink.add(G, S, P, NodeFactory.createLiteralString("v" + i));
                throw new InvalidInputException(SourceLocation.of(FILE, 5001), "bad line");
            }, Progress.NONE))).isInstanceOf(InvalidInputException.class).hasMessageContaining("5001");
            assertThat(store.contentHash()).isEqualTo(before);
            assertThat(folders()).containsExactly("Data-0001");
        }
    }

    @Test
    void reloading_a_file_replaces_its_graphs_and_its_text_entries() {
        try (KgStore store = open()) {
            other(store);
            store.apply(bulk(true, "alpha", 10));
            long docs = store.textIndexSize();
            store.apply(bulk(true, "beta", 4));
            assertThat(store.graphSizes()).containsEntry(G.getURI(), 5L);
            assertThat(store.searchText("alpha", 5)).isEmpty();
            assertThat(store.searchText("beta", 5)).hasSize(1);
            assertThat(store.textIndexSize()).isEqualTo(docs);
        }
    }

    @Test
    void a_graph_the_file_shares_with_another_file_is_replaced_not_merged() {
        try (KgStore store = open()) {
            other(store);
            Graph shared = GraphFactory.createDefaultGraph();
            shared.add(S, P, NodeFactory.createLiteralString("from the other file"));
            store.apply(Change.files(List.of(new FileBatch("test/shared.ttl", "11", Map.of(G, shared))), Set.of()));
            store.apply(bulk(true, "alpha", 3));
            assertThat(store.graphSizes()).containsEntry(G.getURI(), 4L).containsEntry(OTHER.getURI(), 3L);
            assertThat((boolean) store.read(d -> d.contains(G, S, P, NodeFactory.createLiteralString("from the other file")))).isFalse();
            assertThat(store.searchText("alpha", 5)).hasSize(1);
            assertThat(store.searchText("gamma", 5)).hasSize(1);
        }
    }

    @Test
    void leftovers_of_a_killed_bulk_load_are_removed_at_open_and_never_used() throws IOException {
        Path dir = tmp.resolve("store");
        try (KgStore store = open()) {
            other(store);
            store.apply(bulk(true, "alpha", 10));
        }
        String hash;
        try (KgStore store = open()) {
            hash = store.contentHash();
        }
        // killed during a build: a -tmp generation, higher-numbered and half written
        Files.createDirectories(dir.resolve("Data-0003-tmp"));
        Files.writeString(dir.resolve("Data-0003-tmp/nodes.dat"), "half");
        // killed after a switch, before the old generation was deleted
        Files.createDirectories(dir.resolve("Data-0001"));
        Files.writeString(dir.resolve("Data-0001/nodes.dat"), "old");
        // killed after a switch, before the text index had the load: the marker forces a rebuild
        Files.writeString(KgStore.staleTextIndexMarker(dir), "");
        try (KgStore store = open()) {
            assertThat(folders()).containsExactly("Data-0002");
            assertThat(store.contentHash()).isEqualTo(hash);
            assertThat(store.searchText("alpha", 5)).hasSize(1);
            assertThat(store.textIndexSize()).isEqualTo(2);
        }
    }
}
