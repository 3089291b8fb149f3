package org.alignkg.ingest;

import java.util.HashMap;
import java.util.Map;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.vocabulary.RDF;

/**
 * Converts RDF4J values to Jena nodes. Blank node labels are mapped to fresh Jena blank nodes
 * per instance (per file), so that {@code _:b1} in two files stays two different nodes.
 */
final class RioToJena {
    private final Map<String, Node> blankNodes = new HashMap<>();

    Node node(Value v) {
        if (v instanceof IRI iri) return NodeFactory.createURI(iri.stringValue());
        if (v instanceof BNode b) return blankNodes.computeIfAbsent(b.getID(), id -> NodeFactory.createBlankNode());
        if (v instanceof Literal lit) return literal(lit);
        if (v instanceof org.eclipse.rdf4j.model.Triple t)
            return NodeFactory.createTripleNode(Triple.create(node(t.getSubject()), node(t.getPredicate()), node(t.getObject())));
        throw new IllegalArgumentException("unsupported RDF value: " + v);
    }

    private static Node literal(Literal lit) {
        if (lit.getLanguage().isPresent())
            return NodeFactory.createLiteralLang(lit.getLabel(), lit.getLanguage().get());
        IRI dt = lit.getDatatype();
        if (dt == null || RDF.LANGSTRING.equals(dt))
            return NodeFactory.createLiteralString(lit.getLabel());
        return NodeFactory.createLiteralDT(lit.getLabel(), TypeMapper.getInstance().getSafeTypeByName(dt.stringValue()));
    }
}
