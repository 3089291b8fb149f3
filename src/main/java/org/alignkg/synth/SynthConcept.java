package org.alignkg.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;

/**
 * A concept the synthetic corpus mentions: its real IRI and English preferred label.
 *
 * @param iri   e.g. {@code https://w3id.org/alignkg/concept/interpretability}
 * @param label the {@code skos:prefLabel}, used verbatim in generated abstracts
 */
public record SynthConcept(String iri, String label) {
    public SynthConcept {
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(label, "label");
    }

    /**
     * The {@code skos:Concept}s of a graph (normally {@code data/concepts.ttl}) that have an English
     * {@code skos:prefLabel}, sorted by IRI so that generation does not depend on parse order.
     */
    public static List<SynthConcept> of(Graph g) {
        List<SynthConcept> out = new ArrayList<>();
        Node concept = NodeFactory.createURI(SKOS.Concept.getURI());
        Node prefLabel = NodeFactory.createURI(SKOS.prefLabel.getURI());
        for (Triple t : g.find(Node.ANY, RDF.Nodes.type, concept).toList()) {
            Node c = t.getSubject();
            if (!c.isURI()) continue;
            g.find(c, prefLabel, Node.ANY).toList().stream()
                .map(Triple::getObject)
                .filter(o -> o.isLiteral() && "en".equalsIgnoreCase(o.getLiteralLanguage()))
                .map(Node::getLiteralLexicalForm)
                .sorted()
                .findFirst()
                .ifPresent(label -> out.add(new SynthConcept(c.getURI(), label)));
        }
        out.sort(Comparator.comparing(SynthConcept::iri));
        return out;
    }
}
