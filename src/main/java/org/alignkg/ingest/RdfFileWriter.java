package org.alignkg.ingest;

import java.io.OutputStream;
import java.util.Map;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shared.PrefixMapping;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.RDFWriter;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.helpers.BasicWriterSettings;

/** Writes Jena graphs with RDF4J Rio, in any Rio format. Quad formats keep graph names. */
public final class RdfFileWriter {
    private static final ValueFactory VF = SimpleValueFactory.getInstance();

    private RdfFileWriter() { }

    /**
     * Writes {@code graphs} (graph name to content) to {@code out}. In a triple-only format the
     * graphs are merged, since the format has no way to name them.
     */
    public static void write(OutputStream out, String formatName, Map<Node, Graph> graphs, PrefixMapping prefixes) {
        RDFFormat format = RdfFileReader.formatNamed(formatName);
        RDFWriter w = Rio.createWriter(format, out);
        w.set(BasicWriterSettings.PRETTY_PRINT, true);
        w.startRDF();
        prefixes.getNsPrefixMap().forEach(w::handleNamespace);
        boolean quads = format.supportsContexts();
        for (Map.Entry<Node, Graph> e : graphs.entrySet()) {
            Resource ctx = quads && e.getKey() != null ? (Resource) value(e.getKey()) : null;
            e.getValue().find().forEachRemaining(t -> w.handleStatement(statement(t, ctx)));
        }
        w.endRDF();
    }

    private static org.eclipse.rdf4j.model.Statement statement(Triple t, Resource ctx) {
        Value s = value(t.getSubject());
        Value p = value(t.getPredicate());
        Value o = value(t.getObject());
        return ctx == null ? VF.createStatement((Resource) s, (IRI) p, o) : VF.createStatement((Resource) s, (IRI) p, o, ctx);
    }

    private static Value value(Node n) {
        if (n.isURI()) return VF.createIRI(n.getURI());
        if (n.isBlank()) return VF.createBNode(n.getBlankNodeLabel().replaceAll("[^A-Za-z0-9]", "x"));
        if (n.isLiteral()) {
            String lang = n.getLiteralLanguage();
            if (lang != null && !lang.isEmpty()) return VF.createLiteral(n.getLiteralLexicalForm(), lang);
            return VF.createLiteral(n.getLiteralLexicalForm(), VF.createIRI(n.getLiteralDatatypeURI()));
        }
        if (n.isTripleTerm()) {
            Triple t = n.getTriple();
            return VF.createTriple((Resource) value(t.getSubject()), (IRI) value(t.getPredicate()), value(t.getObject()));
        }
        throw new InvalidInputException(SourceLocation.of("export"), "cannot write node " + n);
    }
}
