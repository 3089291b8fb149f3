package org.alignkg.update;

import java.io.OutputStream;
import java.util.Iterator;

import org.alignkg.InvalidInputException;
import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.alignkg.ingest.RdfDocument;
import org.alignkg.ingest.RdfFileReader;
import org.alignkg.ontology.AKG;
import org.alignkg.store.Change;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;

/**
 * SPARQL 1.1 Graph Store Protocol operations on named graphs. The store's default graph is the
 * union of all named graphs, so it can be read but not written: writes name a graph. Every write
 * is one validated write of the store ({@link Change#edit}): a body that would leave the store
 * not conforming to the shapes is refused.
 */
public final class GraphStore {
    private static final String BODY = "request body";
    private final TripleStore store;

    public GraphStore(TripleStore store) {
        this.store = store;
    }

    /** Whether the named graph exists (has at least one triple). */
    public boolean exists(String graphIri) {
        Node g = NodeFactory.createURI(graphIri);
        return store.read(d -> d.containsGraph(g) && !d.getGraph(g).isEmpty());
    }

    /** A copy of a named graph, or of the union when {@code graphIri} is null. */
    public Graph get(String graphIri) {
        return store.copyOf(graphIri == null ? null : NodeFactory.createURI(graphIri));
    }

    /**
     * Writes every quad of the store (all named graphs, bookkeeping included) from one read
     * transaction, streamed as N-Quads or as TriG blocks: the Graph Store Protocol's dataset GET
     * (as Fuseki answers {@code GET /data} with neither {@code graph} nor {@code default}).
     */
    public void writeDataset(OutputStream out, boolean trig) {
        store.read(d -> {
            StreamRDF w = StreamRDFWriter.getWriterStream(out, trig ? RDFFormat.TRIG_BLOCKS : RDFFormat.NQUADS);
            w.start();
            if (trig) AKG.prefixes().getNsPrefixMap().forEach(w::prefix);
            d.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(w::quad);
            w.finish();
            return null;
        });
    }

    /** Replaces a named graph with the body; true when the graph did not exist before. */
    public boolean put(String graphIri, byte[] body, String mediaType) {
        Graph content = parse(graphIri, body, mediaType);
        Node g = writable(graphIri);
        boolean existed = exists(graphIri);
        store.apply(Change.edit(BODY, d -> {
            d.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
            addAll(d, g, content);
        }));
        return !existed;
    }

    /** Adds the body's triples to a named graph; true when the graph did not exist before. */
    public boolean post(String graphIri, byte[] body, String mediaType) {
        Graph content = parse(graphIri, body, mediaType);
        Node g = writable(graphIri);
        boolean existed = exists(graphIri);
        store.apply(Change.edit(BODY, d -> addAll(d, g, content)));
        return !existed;
    }

    /** Drops a named graph; false when there was nothing to drop. */
    public boolean delete(String graphIri) {
        Node g = writable(graphIri);
        if (!exists(graphIri)) return false;
        store.apply(Change.edit("graph", d -> d.deleteAny(g, Node.ANY, Node.ANY, Node.ANY)));
        return true;
    }

    private static Node writable(String graphIri) {
        if (graphIri.equals(AKG.SYSTEM_GRAPH))
            throw new InvalidInputException(SourceLocation.of("graph"), "the graph <" + AKG.SYSTEM_GRAPH + "> is the store's bookkeeping and read-only");
        return NodeFactory.createURI(graphIri);
    }

    private static Graph parse(String graphIri, byte[] body, String mediaType) {
        RdfDocument doc = new RdfFileReader(Progress.NONE).parseMediaType(body, "request body", mediaType, graphIri);
        if (!doc.namedGraphs().isEmpty())
            throw new InvalidInputException(SourceLocation.of("request body"), "the body names graphs of its own; send triples (Turtle, N-Triples, RDF/XML, JSON-LD)");
        return doc.defaultGraph();
    }

    private static void addAll(org.apache.jena.sparql.core.DatasetGraph d, Node g, Graph content) {
        Iterator<Triple> it = content.find();
        while (it.hasNext()) {
            Triple t = it.next();
            d.add(g, t.getSubject(), t.getPredicate(), t.getObject());
        }
    }
}
