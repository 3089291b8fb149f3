package org.alignkg.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.compose.Delta;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.junit.jupiter.api.Test;

/** The caching view answers every find exactly as the graph under it, reading a subject once. */
class SubjectCachedGraphTest {
    private static Node iri(String s) {
        return NodeFactory.createURI("https://example.org/" + s);
    }

    /** Counts finds that reach the graph underneath. */
    private static final class Counting extends Delta {
        final AtomicInteger finds = new AtomicInteger();

        Counting(Graph base) {
            super(base);
        }

        @Override
        protected ExtendedIterator<Triple> graphBaseFind(Triple t) {
            finds.incrementAndGet();
            return super.graphBaseFind(t);
        }
    }

    @Test
    void every_pattern_gives_the_same_triples_as_the_base_graph() {
        Graph base = GraphFactory.createDefaultGraph();
        for (int s = 0; s < 5; s++)
            for (int p = 0; p < 3; p++)
                for (int o = 0; o < 4; o++) base.add(Triple.create(iri("s" + s), iri("p" + p), o == 3 ? NodeFactory.createLiteralString("v" + s) : iri("o" + o)));
        SubjectCachedGraph cached = new SubjectCachedGraph(base);
        List<Node> subjects = List.of(Node.ANY, iri("s0"), iri("s4"), iri("nobody"));
        List<Node> predicates = List.of(Node.ANY, iri("p1"), iri("none"));
        List<Node> objects = List.of(Node.ANY, iri("o2"), NodeFactory.createLiteralString("v4"), iri("none"));
        for (Node s : subjects)
            for (Node p : predicates)
                for (Node o : objects)
                    assertThat(cached.find(s, p, o).toSet()).as(s + " " + p + " " + o).isEqualTo(base.find(s, p, o).toSet());
    }

    @Test
    void a_subject_is_read_from_the_base_graph_once() {
        Graph base = GraphFactory.createDefaultGraph();
        for (int p = 0; p < 10; p++) base.add(Triple.create(iri("s"), iri("p" + p), iri("o")));
        Counting counting = new Counting(base);
        SubjectCachedGraph cached = new SubjectCachedGraph(counting);
        for (int p = 0; p < 10; p++) assertThat(cached.find(iri("s"), iri("p" + p), Node.ANY).toList()).hasSize(1);
        assertThat(counting.finds.get()).isEqualTo(1);
    }

    @Test
    void a_subject_with_too_many_triples_is_not_kept_and_still_answered_in_full() {
        Graph base = GraphFactory.createDefaultGraph();
        int n = SubjectCachedGraph.MAX_TRIPLES_PER_SUBJECT + 5;
        List<Triple> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(Triple.create(iri("hub"), iri("p"), iri("o" + i)));
        all.forEach(base::add);
        Counting counting = new Counting(base);
        SubjectCachedGraph cached = new SubjectCachedGraph(counting);
        assertThat(cached.find(iri("hub"), Node.ANY, Node.ANY).toSet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(cached.find(iri("hub"), iri("p"), iri("o7")).toList()).containsExactly(Triple.create(iri("hub"), iri("p"), iri("o7")));
        // first find: the bounded read plus the fallback; second: the fallback only (nothing was kept)
        assertThat(counting.finds.get()).isEqualTo(3);
    }

    @Test
    void a_size_of_zero_keeps_no_subject_and_every_find_reaches_the_base_graph() {
        Graph base = GraphFactory.createDefaultGraph();
        for (int p = 0; p < 3; p++) base.add(Triple.create(iri("s"), iri("p" + p), iri("o")));
        Counting counting = new Counting(base);
        SubjectCachedGraph cached = new SubjectCachedGraph(counting, 0);
        for (int p = 0; p < 3; p++) assertThat(cached.find(iri("s"), iri("p" + p), Node.ANY).toList()).hasSize(1);
        assertThat(counting.finds.get()).isEqualTo(3);
    }

    @Test
    void the_size_comes_from_the_system_property_and_a_bad_value_is_refused_with_its_name() {
        String old = System.getProperty(SubjectCachedGraph.SUBJECTS_PROPERTY);
        try {
            System.clearProperty(SubjectCachedGraph.SUBJECTS_PROPERTY);
            assertThat(SubjectCachedGraph.configuredSubjects()).isEqualTo(SubjectCachedGraph.MAX_SUBJECTS);
            System.setProperty(SubjectCachedGraph.SUBJECTS_PROPERTY, "7");
            assertThat(SubjectCachedGraph.configuredSubjects()).isEqualTo(7);
            System.setProperty(SubjectCachedGraph.SUBJECTS_PROPERTY, "0");
            Counting counting = new Counting(GraphFactory.createDefaultGraph());
            SubjectCachedGraph cached = new SubjectCachedGraph(counting);
            cached.find(iri("s"), iri("p"), Node.ANY).toList();
            cached.find(iri("s"), iri("q"), Node.ANY).toList();
            assertThat(counting.finds.get()).isEqualTo(2);
            System.setProperty(SubjectCachedGraph.SUBJECTS_PROPERTY, "many");
            org.assertj.core.api.Assertions.assertThatThrownBy(SubjectCachedGraph::configuredSubjects)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dalignkg.cache.shacl-subjects must be a number of subjects (0 or more), not 'many'");
        } finally {
            if (old == null) System.clearProperty(SubjectCachedGraph.SUBJECTS_PROPERTY);
            else System.setProperty(SubjectCachedGraph.SUBJECTS_PROPERTY, old);
        }
    }
}
