package org.alignkg.viz;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/**
 * The views of the concept map: the whole map ({@code graph-view}) or the neighbourhood of one node
 * ({@code graph-neighbourhood}, expanded to a depth). The CONSTRUCT queries are run by the function
 * the caller passes in, so this class does no I/O.
 */
public final class GraphViews {
    public static final String VIEW = "graph-view";
    public static final String NEIGHBOURHOOD = "graph-neighbourhood";

    private final BiFunction<String, Map<String, Node>, Graph> construct;

    /** @param construct runs the named CONSTRUCT query with the bindings and returns its graph */
    public GraphViews(BiFunction<String, Map<String, Node>, Graph> construct) {
        this.construct = Objects.requireNonNull(construct, "construct");
    }

    public VizGraph whole() {
        return VizGraph.ofMap(construct.apply(VIEW, Map.of()));
    }

    public VizGraph around(Node focus, int depth) {
        return VizGraph.ofMap(Neighbourhood.expand(focus, depth, n -> construct.apply(NEIGHBOURHOOD, Map.of("focus", n))));
    }
}
