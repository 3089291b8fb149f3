package org.alignkg.query;

import java.util.List;

/**
 * The RDF dataset a request names through the SPARQL protocol ({@code default-graph-uri},
 * {@code named-graph-uri}). When not empty it replaces the query's own FROM / FROM NAMED.
 * The store's default graph is the union of its named graphs; a protocol default graph is the
 * merge of the graphs listed, and named graphs are limited to those listed.
 */
public record DatasetSpec(List<String> defaultGraphs, List<String> namedGraphs) {
    public static final DatasetSpec NONE = new DatasetSpec(List.of(), List.of());

    public DatasetSpec {
        defaultGraphs = List.copyOf(defaultGraphs);
        namedGraphs = List.copyOf(namedGraphs);
    }

    public boolean isEmpty() {
        return defaultGraphs.isEmpty() && namedGraphs.isEmpty();
    }
}
