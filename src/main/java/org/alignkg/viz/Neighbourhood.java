package org.alignkg.viz;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * Breadth-first expansion around a focus node. The one-hop step is a function the caller gives
 * (it runs {@code queries/graph-neighbourhood.rq}), so this stays free of stores and I/O.
 */
public final class Neighbourhood {
    /** Deepest expansion the API and CLI accept. */
    public static final int MAX_DEPTH = 4;

    private Neighbourhood() { }

    /**
     * The union of the one-hop graphs of every map node within {@code depth} links of {@code focus}.
     * Depth 0 is the focus alone (its own one-hop result, keeping only the focus node's facts is
     * left to {@link VizGraph#ofMap}, which drops edges to nodes that are not on the map).
     */
    public static Graph expand(Node focus, int depth, Function<Node, Graph> oneHop) {
        if (depth < 0 || depth > MAX_DEPTH) throw new IllegalArgumentException("depth must be 0 to " + MAX_DEPTH + ", not " + depth);
        Graph out = GraphFactory.createDefaultGraph();
        Set<Node> seen = new HashSet<>();
        Set<Node> frontier = new LinkedHashSet<>(Set.of(focus));
        if (depth == 0) {
            Graph g = oneHop.apply(focus);
            // keep only the focus node's own facts
            g.find(focus, Node.ANY, Node.ANY).forEachRemaining(t -> {
                if (!t.getObject().isURI() || t.getPredicate().equals(RDF.type.asNode()) || Relation.ofPredicate(t.getPredicate().getURI()).isEmpty())
                    out.add(t);
            });
            g.find().forEachRemaining(t -> {
                if (!t.getSubject().equals(focus) && !g.contains(t.getSubject(), RDF.type.asNode(), Node.ANY)
                    && g.contains(focus, Node.ANY, t.getSubject())) out.add(t);
            });
            return out;
        }
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            Set<Node> next = new LinkedHashSet<>();
            for (Node n : frontier) {
                if (!seen.add(n)) continue;
                Graph g = oneHop.apply(n);
                g.find().forEachRemaining(out::add);
                g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
                    if (t.getObject().isURI() && NodeType.ofClass(t.getObject().getURI()).isPresent() && !seen.contains(t.getSubject()))
                        next.add(t.getSubject());
                });
            }
            frontier = next;
        }
        return out;
    }
}
