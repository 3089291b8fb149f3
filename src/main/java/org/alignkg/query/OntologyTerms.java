package org.alignkg.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.alignkg.ontology.AKG;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;

/** The classes and properties declared in {@code ontology/alignkg.ttl}, as loaded in the store. */
public final class OntologyTerms {
    /** The named graph that holds {@code ontology/alignkg.ttl}. */
    public static final String GRAPH = AKG.GRAPH_BASE + "ontology/alignkg.ttl";

    /**
     * One class or property: its kind ({@code Class}, {@code ObjectProperty}, {@code DatatypeProperty},
     * {@code AnnotationProperty}), label and comment, and the IRIs of its super terms, domains and ranges.
     */
    public record Term(String iri, String kind, String label, String comment, List<String> supers, List<String> domains,
                       List<String> ranges) {
        public Term {
            supers = List.copyOf(supers);
            domains = List.copyOf(domains);
            ranges = List.copyOf(ranges);
        }

        public boolean own() {
            return iri.startsWith(AKG.NS);
        }
    }

    private static final Query TERMS = Sparql.parseQuery("""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?term ?kind ?label ?comment ?super ?domain ?range
        WHERE {
          GRAPH <%s> {
            VALUES ?type { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
            ?term a ?type . FILTER(isIRI(?term))
            BIND(STRAFTER(STR(?type), "#") AS ?kind)
            OPTIONAL { ?term rdfs:label ?label FILTER(LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")) }
            OPTIONAL { ?term rdfs:comment ?comment FILTER(LANG(?comment) = "" || LANGMATCHES(LANG(?comment), "en")) }
            OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?super FILTER(isIRI(?super)) }
            OPTIONAL { ?term rdfs:domain ?domain FILTER(isIRI(?domain)) }
            OPTIONAL { ?term rdfs:range ?range FILTER(isIRI(?range)) }
          }
        }
        ORDER BY ?term""".formatted(GRAPH), "ontology-terms");

    private OntologyTerms() { }

    /** Every declared term: own terms first, then reused ones, each group by kind and label. */
    public static List<Term> of(TripleStore store) {
        ResultTable t = new QueryRunner(store, 30_000).select(TERMS, Map.of());
        Map<String, String[]> facts = new LinkedHashMap<>();
        Map<String, TreeSet<String>[]> links = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            String iri = t.get(i, "term").getURI();
            String[] f = facts.computeIfAbsent(iri, k -> new String[3]);
            f[0] = text(t.get(i, "kind"), f[0]);
            f[1] = text(t.get(i, "label"), f[1]);
            f[2] = text(t.get(i, "comment"), f[2]);
            @SuppressWarnings("unchecked")
            TreeSet<String>[] l = links.computeIfAbsent(iri, k -> new TreeSet[] { new TreeSet<>(), new TreeSet<>(), new TreeSet<>() });
            add(l[0], t.get(i, "super"));
            add(l[1], t.get(i, "domain"));
            add(l[2], t.get(i, "range"));
        }
        List<Term> out = new ArrayList<>();
        facts.forEach((iri, f) -> {
            // A term declared twice (say as owl:ObjectProperty and by kind of the object) keeps the first kind.
            TreeSet<String>[] l = links.get(iri);
            out.add(new Term(iri, f[0], f[1] == null ? AKG.prefixes().shortForm(iri) : f[1], f[2],
                new ArrayList<>(l[0]), new ArrayList<>(l[1]), new ArrayList<>(l[2])));
        });
        List<String> kinds = List.of("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty");
        out.sort(java.util.Comparator.comparing((Term x) -> !x.own()).thenComparing(x -> kinds.indexOf(x.kind()))
            .thenComparing(x -> x.label().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    private static String text(Node n, String old) {
        if (old != null || n == null) return old;
        return n.getLiteralLexicalForm();
    }

    private static void add(TreeSet<String> set, Node n) {
        if (n != null && n.isURI()) set.add(n.getURI());
    }
}
