package org.alignkg.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.alignkg.ShapeViolationException;
import org.alignkg.TestData;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.ontology.AKG;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

/** The parallel check of a bulk load's new generation gives the serial check's answer. */
class ShapeValidatorTest {
    static final Node G = NodeFactory.createURI("https://w3id.org/alignkg/graph/test");

    /** 300 limitations, every third without the properties its shape requires. */
    private static DatasetGraph data(Set<Node> subjects) {
        DatasetGraph ds = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(ds, () -> {
            for (int i = 0; i < 300; i++) {
                Node s = NodeFactory.createURI("https://w3id.org/alignkg/limitation/t" + i);
                subjects.add(s);
                ds.add(G, s, RDF.Nodes.type, AKG.Limitation);
                if (i % 3 != 0) ds.add(G, s, NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label"),
                    NodeFactory.createLiteralString("limitation " + i));
            }
        });
        return ds;
    }

    private static String refusal(ShapeValidator v, DatasetGraph ds, Delta delta) {
        try {
            Txn.executeRead(ds, () -> v.check(ds.getUnionGraph(), delta, Change.edit("test.trig", d -> { })));
        } catch (ShapeViolationException e) {
            return e.getMessage() + "\n" + String.join("\n", e.violations());
        }
        throw new AssertionError("the check accepted data that violates the shapes");
    }

    @Test
    void the_parallel_check_finds_exactly_the_serial_checks_violations_on_several_threads() {
        Graph shapes = ShippedFiles.shapes(TestData.ONTOLOGY);
        Set<Node> subjects = new HashSet<>();
        DatasetGraph ds = data(subjects);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Delta.ParallelReads reads = new Delta.ParallelReads() {
            @Override public <T> T inRead(java.util.function.Function<Graph, T> body) {
                threads.add(Thread.currentThread().getName() + "#" + Thread.currentThread().getId());
                return Txn.calculateRead(ds, () -> body.apply(ds.getUnionGraph()));
            }
        };
        Delta delta = new Delta(subjects, false, n -> true, false, reads);
        String serial = refusal(new ShapeValidator(shapes, Integer.MAX_VALUE), ds, delta);
        assertThat(threads).as("the serial check uses no other thread").isEmpty();
        String parallel = refusal(new ShapeValidator(shapes, 1), ds, delta);
        assertThat(parallel).isEqualTo(serial);
        assertThat(serial).contains("limitation/t0").contains("violations)");
        assertThat(threads).hasSize(ShapeValidator.THREADS);
    }

    @Test
    void without_parallel_reads_the_check_stays_on_the_calling_thread_and_accepts_conforming_data() {
        Graph shapes = ShippedFiles.shapes(TestData.ONTOLOGY);
        DatasetGraph ds = DatasetGraphFactory.createTxnMem();
        Set<Node> none = Set.of(NodeFactory.createURI("https://w3id.org/alignkg/nothing"));
        // nothing there to violate: no exception, on either path
        Txn.executeRead(ds, () -> new ShapeValidator(shapes, 1).check(ds.getUnionGraph(),
            new Delta(none, false, n -> true, false), Change.edit("test", d -> { })));
        Set<Node> subjects = new HashSet<>();
        DatasetGraph bad = data(subjects);
        assertThatThrownBy(() -> Txn.executeRead(bad, () -> new ShapeValidator(shapes, 1).check(bad.getUnionGraph(),
            new Delta(subjects, false, n -> true, false), Change.edit("test", d -> { }))))
            .isInstanceOf(ShapeViolationException.class);
    }
}
