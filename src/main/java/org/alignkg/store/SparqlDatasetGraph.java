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

    @Override protected Iterator<Quad> findAny(Node s, Node p, Node o) {
        // The default graph is the union of the named graphs: asking both would ask twice.
        return run(Node.ANY, s, p, o, false);
    }

    /**
     * The quads of {@code g} (null: the union, as distinct triples; ANY: every named graph)
     * matching the pattern. A pattern with a subject is answered from all of that subject's quads,
     * fetched once per view: code that reads a resource property by property (a concept's labels,
     * definition, broader) then costs one request per resource, not one per property.
     */
    private Iterator<Quad> run(Node g, Node s, Node p, Node o, boolean union) {
        if (blank(g) || blank(s) || blank(p) || blank(o)) return List.<Quad>of().iterator();
        List<Quad> candidates;
        if (concrete(s)) {
            candidates = bySubject.computeIfAbsent(s, this::quadsOf).stream()
                .filter(q -> (g == null || !concrete(g) || q.getGraph().equals(g))
                    && (!concrete(p) || q.getPredicate().equals(p)) && (!concrete(o) || q.getObject().equals(o)))
                .toList();
        } else {
            String pattern = "?s " + term(p, "?p") + ' ' + term(o, "?o");
            String graph = g == null || !concrete(g) ? "?g" : term(g, "?g");
            candidates = new ArrayList<>();
            for (Binding b : select.apply("SELECT ?g ?s ?p ?o WHERE { GRAPH " + graph + " { " + pattern + " } }"))
                candidates.add(Quad.create(pick(b, G, g), b.get(S), pick(b, P, p), pick(b, O, o)));
            prefetch(candidates);
        }
        if (!union) return candidates.iterator();
        java.util.Set<Triple> seen = new java.util.LinkedHashSet<>();
        for (Quad q : candidates) seen.add(q.asTriple());
        return seen.stream().map(t -> Quad.create(Quad.unionGraph, t)).iterator();
    }

    private final java.util.Map<Node, List<Quad>> bySubject = new java.util.HashMap<>();

    /** Subjects fetched together per request when a pattern without a subject finds many. */
    private static final int PREFETCH_BATCH = 200, PREFETCH_MAX = 5000;

    /**
     * The subjects a pattern found (all concepts of a scheme, all limitations) are usually read
     * next, property by property: fetch all their quads now, a batch of subjects per request.
     */
    private void prefetch(List<Quad> found) {
        java.util.Set<Node> todo = new java.util.LinkedHashSet<>();
        for (Quad q : found) if (q.getSubject().isURI() && !bySubject.containsKey(q.getSubject())) todo.add(q.getSubject());
        if (todo.size() < 2 || todo.size() > PREFETCH_MAX) return;
        List<Node> all = new ArrayList<>(todo);
        for (int i = 0; i < all.size(); i += PREFETCH_BATCH) {
            List<Node> batch = all.subList(i, Math.min(all.size(), i + PREFETCH_BATCH));
            StringBuilder values = new StringBuilder();
            for (Node n : batch) {
                values.append(NodeFmtLib.strNT(n)).append(' ');
                bySubject.put(n, new ArrayList<>());
            }
            for (Binding b : select.apply("SELECT ?s ?g ?p ?o WHERE { VALUES ?s { " + values + "} GRAPH ?g { ?s ?p ?o } }"))
                bySubject.get(b.get(S)).add(Quad.create(b.get(G), b.get(S), b.get(P), b.get(O)));
        }
    }

    private List<Quad> quadsOf(Node s) {
        List<Quad> out = new ArrayList<>();
        for (Binding b : select.apply("SELECT ?g ?p ?o WHERE { GRAPH ?g { " + NodeFmtLib.strNT(s) + " ?p ?o } }"))
            out.add(Quad.create(b.get(G), s, b.get(P), b.get(O)));
        return out;
    }

    private static boolean concrete(Node n) {
        return n != null && n != Node.ANY && !n.isVariable();
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
