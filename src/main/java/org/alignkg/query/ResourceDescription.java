package org.alignkg.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.alignkg.ontology.AKG;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * What the linked-data view shows about one IRI: its concise bounded description (outgoing
 * triples, following blank nodes), the triples pointing at it, and the few values a page puts at
 * the top (label, verbatim quote and its source, concepts). Copied out of one read transaction.
 */
public record ResourceDescription(String iri, Model cbd, List<Triple> outgoing, List<Triple> incoming,
                                  Optional<String> label, Optional<String> quote, List<Node> sources,
                                  List<Link> concepts, boolean incomingTruncated) {

    /** An IRI with the label to show for it. */
    public record Link(String iri, String label) { }

    /** At most this many incoming triples are shown; a hub like a scheme has many. */
    public static final int MAX_INCOMING = 500;

    private static final String RDFS = org.apache.jena.vocabulary.RDFS.uri;
    private static final String SKOS = org.apache.jena.vocabulary.SKOS.uri;
    private static final String SCHEMA = AKG.SCHEMA_NS;
    private static final String DCT = org.apache.jena.vocabulary.DCTerms.NS;
    private static final String PROV = AKG.PROV_NS;
    private static final String OA = AKG.OA_NS;
    private static final List<Node> LABELS = List.of(uri(SKOS + "prefLabel"), uri(RDFS + "label"),
        uri(DCT + "title"), uri(AKG.FOAF_NS + "name"), uri(SCHEMA + "name"));

    /** The description of {@code iri}, or empty when the store has no triple with it as subject or object. */
    public static Optional<ResourceDescription> of(TripleStore store, String iri) {
        Node r = NodeFactory.createURI(iri);
        return store.read(dsg -> {
            Graph g = dsg.getUnionGraph();
            List<Triple> out = g.find(r, Node.ANY, Node.ANY).toList();
            List<Triple> in = new ArrayList<>();
            boolean truncated = false;
            Iterator<Triple> it = g.find(Node.ANY, Node.ANY, r);
            while (it.hasNext()) {
                Triple t = it.next();
                if (in.size() == MAX_INCOMING) { truncated = true; break; }
                in.add(t);
            }
            if (out.isEmpty() && in.isEmpty()) return Optional.empty();
            Comparator<Triple> order = Comparator.comparing((Triple t) -> t.getPredicate().getURI())
                .thenComparing(t -> t.getObject().toString()).thenComparing(t -> t.getSubject().toString());
            out = out.stream().sorted(order).toList();
            in = in.stream().sorted(order).toList();

            Graph cbd = GraphFactory.createGraphMem();
            closure(g, r, cbd, new HashSet<>());
            Model model = ModelFactory.createModelForGraph(cbd);
            model.setNsPrefixes(AKG.prefixes());

            Optional<String> quote = literal(g, r, uri(SCHEMA + "text"));
            List<Node> sources = new ArrayList<>();
            // a statement's anchor names the excerpt it quotes; otherwise what it was derived from
            g.find(r, AKG.term("anchor"), Node.ANY).forEach(a ->
                g.find(a.getObject(), uri(OA + "hasSource"), Node.ANY).forEach(s -> sources.add(s.getObject())));
            g.find(r, uri(PROV + "wasDerivedFrom"), Node.ANY).forEach(s -> { if (!sources.contains(s.getObject())) sources.add(s.getObject()); });
            g.find(r, uri(DCT + "source"), Node.ANY).forEach(s -> { if (!sources.contains(s.getObject())) sources.add(s.getObject()); });
            List<Link> concepts = g.find(r, AKG.concerns, Node.ANY).toList().stream().map(Triple::getObject).filter(Node::isURI)
                .map(c -> new Link(c.getURI(), labelOf(g, c).orElse(c.getURI()))).sorted(Comparator.comparing(Link::label)).toList();
            return Optional.of(new ResourceDescription(iri, model, out, in, labelOf(g, r), quote, List.copyOf(sources),
                concepts, truncated));
        });
    }

    /** The label to show for a node: skos:prefLabel, rdfs:label, dcterms:title, names; English first. */
    public static Optional<String> labelOf(Graph g, Node n) {
        for (Node p : LABELS) {
            Optional<String> l = literal(g, n, p);
            if (l.isPresent()) return l;
        }
        return Optional.empty();
    }

    private static Optional<String> literal(Graph g, Node s, Node p) {
        List<Node> values = g.find(s, p, Node.ANY).toList().stream().map(Triple::getObject).filter(Node::isLiteral).toList();
        return values.stream().filter(v -> v.getLiteralLanguage().startsWith("en")).findFirst()
            .or(() -> values.stream().findFirst()).map(Node::getLiteralLexicalForm);
    }

    /** Concise bounded description: outgoing triples, recursing into blank-node objects. */
    private static void closure(Graph g, Node s, Graph into, Set<Node> seen) {
        if (!seen.add(s)) return;
        g.find(s, Node.ANY, Node.ANY).forEach(t -> {
            into.add(t);
            if (t.getObject().isBlank()) closure(g, t.getObject(), into, seen);
        });
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }
}
