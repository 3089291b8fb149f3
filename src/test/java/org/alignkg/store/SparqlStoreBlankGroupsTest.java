package org.alignkg.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;

/** How {@link SparqlStore} cuts blank-node quads into INSERT {..} WHERE {} templates. */
class SparqlStoreBlankGroupsTest {
    private static final Node P = NodeFactory.createURI("urn:p");

    private static Quad q(String g, Node s, Node o) {
        return Quad.create(NodeFactory.createURI(g), s, P, o);
    }

    @Test
    void a_template_never_holds_two_graphs() {
        // Virtuoso 7.2 refuses a template with blank nodes in two GRAPH blocks (SR002 ... INTEGER).
        Node a = NodeFactory.createBlankNode(), b = NodeFactory.createBlankNode();
        List<Quad> quads = List.of(q("urn:g1", a, NodeFactory.createLiteralString("x")),
            q("urn:g2", b, NodeFactory.createLiteralString("y")));
        List<List<Quad>> groups = SparqlStore.blankGroups(quads);
        assertThat(groups).hasSize(2);
        assertThat(groups).allSatisfy(g -> assertThat(g.stream().map(Quad::getGraph).distinct()).hasSize(1));
    }

    @Test
    void quads_sharing_a_blank_node_stay_together_within_a_graph() {
        Node a = NodeFactory.createBlankNode(), b = NodeFactory.createBlankNode(), c = NodeFactory.createBlankNode();
        List<Quad> quads = List.of(q("urn:g1", a, b), q("urn:g1", b, NodeFactory.createLiteralString("x")),
            q("urn:g1", c, NodeFactory.createLiteralString("y")));
        assertThat(SparqlStore.blankGroups(quads)).containsExactly(quads);
    }

    @Test
    void one_blank_node_in_two_graphs_is_not_split() {
        // Splitting it would make two nodes of one; such data is left as it is (alignkg's never has it).
        Node a = NodeFactory.createBlankNode();
        List<Quad> quads = List.of(q("urn:g1", a, NodeFactory.createLiteralString("x")), q("urn:g2", a, NodeFactory.createLiteralString("y")));
        assertThat(SparqlStore.blankGroups(quads)).containsExactly(quads);
    }
}
