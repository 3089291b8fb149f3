package org.alignkg.ingest;

import java.util.Map;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/**
 * One parsed RDF file, held in memory before anything is written.
 *
 * @param source      how the file is named in messages (a path relative to the working directory)
 * @param defaultGraph triples outside any named graph (all triples, for triple formats)
 * @param namedGraphs graphs named inside the file (TriG, N-Quads, TriX, JSON-LD)
 * @param firstLines  for each subject, the line where the parser first met it (for messages)
 * @param tripleCount number of triples and quads read
 */
public record RdfDocument(String source, Graph defaultGraph, Map<Node, Graph> namedGraphs,
                          Map<Node, Long> firstLines, long tripleCount) {
    public RdfDocument {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(defaultGraph, "defaultGraph");
        namedGraphs = Map.copyOf(namedGraphs);
        firstLines = Map.copyOf(firstLines);
    }

    /** The line where {@code subject} first appears, or -1. */
    public long lineOf(Node subject) {
        return firstLines.getOrDefault(subject, -1L);
    }
}
