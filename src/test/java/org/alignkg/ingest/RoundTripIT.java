package org.alignkg.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.alignkg.Progress;
import org.alignkg.TestData;
import org.alignkg.ontology.AKG;
import org.alignkg.store.KgStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Export in every Rio format, read back: the same graphs, up to blank node renaming. */
class RoundTripIT {
    @TempDir
    static Path tmp;
    static KgStore store;
    static Map<Node, Graph> graphs;

    @BeforeAll
    static void load() {
        store = KgStore.open(tmp.resolve("tdb"));
        TestData.loadShipped(store);
        graphs = new LinkedHashMap<>(store.copyAll());
        graphs.remove(NodeFactory.createURI(AKG.SYSTEM_GRAPH));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static RdfDocument exportAndRead(String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdfFileWriter.write(out, format, graphs, AKG.prefixes());
        return new RdfFileReader(Progress.NONE).parse(out.toByteArray(), "export." + format,
            RdfFileReader.formatNamed(format), AKG.BASE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "trig", "nquads", "trix", "jsonld" })
    void quad_formats_give_back_every_named_graph(String format) {
        RdfDocument back = exportAndRead(format);
        assertThat(back.defaultGraph().isEmpty()).isTrue();
        assertThat(back.namedGraphs().keySet()).containsExactlyInAnyOrderElementsOf(graphs.keySet());
        for (Map.Entry<Node, Graph> e : graphs.entrySet())
            assertThat(back.namedGraphs().get(e.getKey()).isIsomorphicWith(e.getValue()))
                .as("graph %s in %s", e.getKey(), format).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "turtle", "ntriples", "rdfxml" })
    void triple_formats_give_back_the_union(String format) {
        Graph union = GraphFactory.createGraphMem();
        graphs.values().forEach(g -> g.find().forEachRemaining(union::add));
        RdfDocument back = exportAndRead(format);
        assertThat(back.namedGraphs()).isEmpty();
        assertThat(back.defaultGraph().size()).isEqualTo(union.size());
        assertThat(back.defaultGraph().isIsomorphicWith(union)).as(format).isTrue();
    }
}
