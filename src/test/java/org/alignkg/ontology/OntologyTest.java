package org.alignkg.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.alignkg.TestData;
import org.alignkg.ingest.ShippedFiles;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

class OntologyTest {
    private final Graph onto = ShippedFiles.ontology(TestData.ONTOLOGY);

    private Set<Node> ownTerms() {
        Set<Node> terms = new TreeSet<>((a, b) -> a.getURI().compareTo(b.getURI()));
        for (Node type : List.of(OWL2.Class.asNode(), RDFS.Class.asNode(), OWL2.ObjectProperty.asNode(),
                OWL2.DatatypeProperty.asNode(), OWL2.AnnotationProperty.asNode(), RDF.Property.asNode()))
            onto.find(Node.ANY, RDF.type.asNode(), type).forEachRemaining(t -> {
                if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(AKG.NS)) terms.add(t.getSubject());
            });
        return terms;
    }

    @Test
    void the_ontology_has_its_iri_and_a_version() {
        Node o = NodeFactory.createURI(AKG.ONTOLOGY);
        assertThat(onto.contains(o, RDF.type.asNode(), OWL2.Ontology.asNode())).isTrue();
        assertThat(onto.contains(o, OWL2.versionInfo.asNode(), Node.ANY)).isTrue();
    }

    @Test
    void every_own_class_and_property_has_an_english_label_and_comment() {
        Set<Node> terms = ownTerms();
        assertThat(terms).extracting(Node::getLocalName)
            .contains("Limitation", "Statement", "concerns", "qualifiesPillar", "anchor", "hedge", "undercuts");
        for (Node t : terms) {
            assertThat(onto.find(t, RDFS.label.asNode(), Node.ANY).toList()).as("rdfs:label of %s", t)
                .anySatisfy(x -> assertThat(x.getObject().getLiteralLanguage()).isEqualTo("en"));
            assertThat(onto.find(t, RDFS.comment.asNode(), Node.ANY).toList()).as("rdfs:comment of %s", t)
                .anySatisfy(x -> assertThat(x.getObject().getLiteralLanguage()).isEqualTo("en"));
        }
    }

    @Test
    void every_own_term_used_in_code_is_declared() {
        Set<String> declared = new TreeSet<>();
        ownTerms().forEach(n -> declared.add(n.getLocalName()));
        assertThat(declared).contains(AKG.Limitation.getLocalName(), AKG.Statement.getLocalName(),
            AKG.sourceFile.getLocalName(), AKG.contentHash.getLocalName(), AKG.tripleCount.getLocalName(),
            AKG.number.getLocalName(), AKG.concerns.getLocalName());
    }
}
