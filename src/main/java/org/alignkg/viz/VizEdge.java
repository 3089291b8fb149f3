package org.alignkg.viz;

import java.util.Objects;

/** One edge of a view, as the {@code data} of a Cytoscape.js element. */
public record VizEdge(String id, String source, String target, String relation, String predicate, String label) {
    public VizEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(relation, "relation");
        if (id == null) id = source + " " + predicate + " " + target;
    }
}
