package org.alignkg.viz;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One node of a view, as the {@code data} of a Cytoscape.js element: {@code id} is the IRI (or a
 * generated id for literals and blank nodes); the other fields are what the side panel shows and
 * are null when unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VizNode(String id, String label, String type, String iri, Integer number, String definition, String quote,
                      String source, String sourceLabel, String sourceUrl, String url, String issued) {
    public VizNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
    }
}
