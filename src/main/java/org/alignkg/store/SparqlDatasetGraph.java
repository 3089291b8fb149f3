package org.alignkg.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.core.DatasetGraphBaseFind;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Transactional;
import org.apache.jena.sparql.core.TransactionalNull;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * A read-only {@link org.apache.jena.sparql.core.DatasetGraph} over a SPARQL endpoint, for code
 * that walks a few triples with the graph API: each {@code find} is one SELECT, its rows copied.
 * The default graph is the union of the named graphs, as in the embedded store. A blank node
 * cannot be named in a query to another server, so a pattern that holds one finds nothing.
 * Writes go through {@link SparqlStore#apply}, never through this view.
 */
final class SparqlDatasetGraph extends DatasetGraphBaseFind {
    private static final Var G = Var.alloc("g"), S = Var.alloc("s"), P = Var.alloc("p"), O = Var.alloc("o");

    private final Function<String, List<Binding>> select;
    private final Transactional txn = TransactionalNull.create();
    private final PrefixMap prefixes = PrefixMapFactory.create();

    SparqlDatasetGraph(Function<String, List<Binding>> select) {
        this.select = select;
    }

    @Override protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
        return findQuadsInUnionGraph(s, p, o);
    }

    @Override public Iterator<Quad> findQuadsInUnionGraph(Node s, Node p, Node o) {
        return run(null, s, p, o, true);
    }

    @Override public Iterator<Triple> findInUnionGraph(Node s, Node p, Node o) {
        List<Triple> out = new ArrayList<>();
        run(null, s, p, o, true).forEachRemaining(q -> out.add(q.asTriple()));
        return out.iterator();
    }

    @Override protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
        return run(g, s, p, o, false);
    }

    @Override protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
        return run(Node.ANY, s, p, o, false);
    }

    /**
     * One SELECT for the pattern: {@code g} null for the union (distinct triples), ANY for every
     * named graph, else that graph.
     */
    private Iterator<Quad> run(Node g, Node s, Node p, Node o, boolean union) {
        if (blank(g) || blank(s) || blank(p) || blank(o)) return List.<Quad>of().iterator();
        String pattern = term(s, "?s") + ' ' + term(p, "?p") + ' ' + term(o, "?o");
        String graph = g == null || g == Node.ANY ? "?g" : term(g, "?g");
        String q = union
            ? "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { " + pattern + " } }"
            : "SELECT ?g ?s ?p ?o WHERE { GRAPH " + graph + " { " + pattern + " } }";
        List<Quad> out = new ArrayList<>();
        for (Binding b : select.apply(q)) {
            Node gg = union ? Quad.unionGraph : pick(b, G, g);
            out.add(Quad.create(gg, pick(b, S, s), pick(b, P, p), pick(b, O, o)));
        }
        return out.iterator();
    }

    private static boolean blank(Node n) {
        return n != null && n.isBlank();
    }

    private static String term(Node n, String var) {
        return n == null || n == Node.ANY || n.isVariable() ? var : NodeFmtLib.strNT(n);
    }

    private static Node pick(Binding b, Var v, Node given) {
        return given == null || given == Node.ANY || given.isVariable() ? b.get(v) : given;
    }

    @Override public Iterator<Node> listGraphNodes() {
        List<Node> out = new ArrayList<>();
        for (Binding b : select.apply("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")) out.add(b.get(G));
        return out.iterator();
    }

    @Override public boolean containsGraph(Node graphNode) {
        if (blank(graphNode)) return false;
        return !select.apply("SELECT ?s WHERE { GRAPH " + NodeFmtLib.strNT(graphNode) + " { ?s ?p ?o } } LIMIT 1").isEmpty();
    }

    @Override public Graph getDefaultGraph() {
        return GraphView.createDefaultGraph(this);
    }

    @Override public Graph getGraph(Node graphNode) {
        return GraphView.createNamedGraph(this, graphNode);
    }

    @Override public void addGraph(Node graphName, Graph graph) {
        throw readOnly();
    }

    @Override public void removeGraph(Node graphName) {
        throw readOnly();
    }

    @Override public void add(Quad quad) {
        throw readOnly();
    }

    @Override public void delete(Quad quad) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a remote store's read view is read-only; writes go through apply(Change)");
    }

    @Override public PrefixMap prefixes() {
        return prefixes;
    }

    @Override public boolean supportsTransactions() {
        return false;
    }

    @Override public void begin(TxnType type) { txn.begin(type); }
    @Override public void begin(ReadWrite readWrite) { txn.begin(readWrite); }
    @Override public boolean promote(Promote mode) { return txn.promote(mode); }
    @Override public void commit() { txn.commit(); }
    @Override public void abort() { txn.abort(); }
    @Override public void end() { txn.end(); }
    @Override public ReadWrite transactionMode() { return txn.transactionMode(); }
    @Override public TxnType transactionType() { return txn.transactionType(); }
    @Override public boolean isInTransaction() { return txn.isInTransaction(); }
}
