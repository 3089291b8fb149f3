package org.alignkg.viz;

import java.util.Optional;

/** The relations drawn as edges on the concept map, with how every view draws them. */
public enum Relation {
    CONCERNS("https://w3id.org/alignkg/ontology#concerns", "concerns", "#d1495b", "solid"),
    QUALIFIES_PILLAR("https://w3id.org/alignkg/ontology#qualifiesPillar", "qualifies pillar", "#edae49", "solid"),
    BROADER("http://www.w3.org/2004/02/skos/core#broader", "broader", "#2e86ab", "solid"),
    RELATED("http://www.w3.org/2004/02/skos/core#related", "related", "#7fb7d6", "dashed"),
    SUPPORTS("http://purl.org/spar/cito/supports", "supports", "#2a9d55", "solid"),
    DISPUTES("http://purl.org/spar/cito/disputes", "disputes", "#b5179e", "solid"),
    EXTENDS("http://purl.org/spar/cito/extends", "extends", "#6a4c93", "solid"),
    DISCUSSES("http://purl.org/spar/cito/discusses", "discusses", "#9aa5b1", "dotted"),
    CITES_AS_POTENTIAL_SOLUTION("http://purl.org/spar/cito/citesAsPotentialSolution", "cites as potential solution", "#f3722c", "dashed"),
    /** Any other predicate of a free CONSTRUCT query (editor graph view). */
    OTHER(null, "other", "#8d8d8d", "solid");

    private final String predicate;
    private final String label;
    private final String color;
    private final String lineStyle;

    Relation(String predicate, String label, String color, String lineStyle) {
        this.predicate = predicate;
        this.label = label;
        this.color = color;
        this.lineStyle = lineStyle;
    }

    /** The name used in JSON and URLs: the predicate's local name ({@code concerns}, {@code citesAsPotentialSolution}). */
    public String id() {
        if (predicate == null) return "other";
        int cut = Math.max(predicate.lastIndexOf('#'), predicate.lastIndexOf('/'));
        return predicate.substring(cut + 1);
    }

    public String predicate() {
        return predicate;
    }

    public String label() {
        return label;
    }

    public String color() {
        return color;
    }

    /** {@code solid}, {@code dashed} or {@code dotted} (Cytoscape.js and Graphviz use the same words). */
    public String lineStyle() {
        return lineStyle;
    }

    public static Optional<Relation> ofPredicate(String iri) {
        for (Relation r : values()) if (iri.equals(r.predicate)) return Optional.of(r);
        return Optional.empty();
    }

    public static Optional<Relation> ofId(String id) {
        for (Relation r : values()) if (r.id().equals(id)) return Optional.of(r);
        return Optional.empty();
    }
}
