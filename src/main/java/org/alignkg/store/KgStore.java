package org.alignkg.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import java.time.Instant;

import org.alignkg.StoreBusyException;
import org.alignkg.ontology.AKG;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.dboe.base.file.Location;

/**
 * The TDB2 dataset: lifecycle, the single write path, and read transactions. The only class that
 * knows TDB2. Every named graph holds one loaded file; queries see the union of all named graphs
 * as their default graph.
 */
public final class KgStore implements AutoCloseable {
    private static final Node SYSTEM = NodeFactory.createURI(AKG.SYSTEM_GRAPH);
    private static final Node DCTERMS_MODIFIED = NodeFactory.createURI("http://purl.org/dc/terms/modified");

    private final Path dir;
    /**
     * The TDB2 dataset as everyone uses it: wrapped by the full-text index (jena-text's
     * DatasetGraphText), so that every write path below, unchanged, also updates the index inside
     * the same transaction, and SPARQL sees {@code text:query}. {@link #base} is the bare TDB2
     * dataset, kept for the lifecycle (expel on close) and for rebuilding the index.
     */
    private final DatasetGraph dsg;
    private final DatasetGraph base;
    private final FullTextIndex text;
    /** Bumped after every committed write; lets caches and /health see that the data changed. */
    private final AtomicLong generation = new AtomicLong();

    private KgStore(Path dir, DatasetGraph base, FullTextIndex text) {
        this.dir = dir;
        this.base = base;
        this.text = text;
        this.dsg = text.wrap(base);
        this.dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
    }

    /** Folder of the Lucene index inside a store folder. */
    public static Path textIndexDir(Path storeDir) {
        return storeDir.resolve("text-index");
    }

    /** Opens (creating if needed) the TDB2 store in {@code dir}. */
    public static KgStore open(Path dir) {
        DatasetGraph dsg;
        try {
            dsg = DatabaseMgr.connectDatasetGraph(Location.create(dir.toString()));
        } catch (RuntimeException e) {
            if (isLockError(e))
                throw new StoreBusyException("store " + dir + " is locked by another process; is 'alignkg serve' running? ("
                    + rootMessage(e) + ")", e);
            throw e;
        }
        // Plain SPARQL sees every named graph; GRAPH ?g still picks one out.
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        FullTextIndex text = FullTextIndex.open(textIndexDir(dir));
        // The index is rebuilt from the store when it is missing or does not match (see FullTextIndex).
        text.ensureInStep(dsg);
        return new KgStore(dir, dsg, text);
    }

    /** Opens an in-memory TDB2 store (tests, dry runs). */
    public static KgStore inMemory() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new KgStore(Path.of("(memory)"), dsg, FullTextIndex.open(null));
    }

    private static boolean isLockError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Failed to get a lock") || m.contains("tdb.lock"))) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    public Path dir() {
        return dir;
    }

    public long generation() {
        return generation.get();
    }

    /**
     * Loads files in one write transaction: drops every graph that a listed file (or a file in
     * {@code removedPaths}) put in the store before, adds the new graphs, records each file's hash
     * in the system graph, then runs {@code check} on the resulting dataset before commit. If
     * anything throws, the transaction aborts and the store is exactly as before.
     */
    public void replaceFiles(List<FileBatch> files, Set<String> removedPaths, Consumer<DatasetGraph> check) {
        Txn.executeWrite(dsg, () -> {
            for (String path : removedPaths) dropFile(path);
            for (FileBatch f : files) dropFile(f.path());
            String now = Instant.now().toString();
            for (FileBatch f : files) {
                for (Map.Entry<Node, Graph> e : f.graphs().entrySet()) {
                    Node g = e.getKey();
                    dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
                    Iterator<Triple> it = e.getValue().find();
                    while (it.hasNext()) {
                        Triple t = it.next();
                        dsg.add(g, t.getSubject(), t.getPredicate(), t.getObject());
                    }
                    dsg.add(SYSTEM, g, AKG.sourceFile, NodeFactory.createLiteralString(f.path()));
                    dsg.add(SYSTEM, g, AKG.contentHash, NodeFactory.createLiteralString("sha256:" + f.sha256()));
                    dsg.add(SYSTEM, g, AKG.tripleCount, NodeFactory.createLiteralDT(
                        Long.toString(e.getValue().size()), XSDDatatype.XSDinteger));
                    dsg.add(SYSTEM, g, DCTERMS_MODIFIED, NodeFactory.createLiteralDT(now, XSDDatatype.XSDdateTime));
                }
            }
            check.accept(dsg);
        });
        generation.incrementAndGet();
    }

    private void dropFile(String path) {
        List<Node> graphs = new ArrayList<>();
        dsg.find(SYSTEM, Node.ANY, AKG.sourceFile, NodeFactory.createLiteralString(path))
            .forEachRemaining(q -> graphs.add(q.getSubject()));
        for (Node g : graphs) {
            dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
            dsg.deleteAny(SYSTEM, g, Node.ANY, Node.ANY);
        }
    }

    /** File path to "sha256:hex" for every file loaded so far. */
    public Map<String, String> loadedFiles() {
        return read(d -> {
            Map<String, String> out = new TreeMap<>();
            d.find(SYSTEM, Node.ANY, AKG.sourceFile, Node.ANY).forEachRemaining(q -> {
                String path = q.getObject().getLiteralLexicalForm();
                d.find(SYSTEM, q.getSubject(), AKG.contentHash, Node.ANY)
                    .forEachRemaining(h -> out.put(path, h.getObject().getLiteralLexicalForm()));
            });
            return out;
        });
    }

    /** Runs {@code action} inside a write transaction (SPARQL Update, tests). */
    public void write(Consumer<DatasetGraph> action) {
        Txn.executeWrite(dsg, () -> action.accept(dsg));
        generation.incrementAndGet();
    }

    /** Runs {@code action} inside a read transaction; results must be copied out before returning. */
    public <T> T read(Function<DatasetGraph, T> action) {
        return Txn.calculateRead(dsg, () -> action.apply(dsg));
    }

    /** The underlying dataset, for query execution inside {@link #read}. */
    public DatasetGraph datasetGraph() {
        return dsg;
    }

    /** Number of quads in all named graphs. */
    public long quadCount() {
        return read(d -> {
            long n = 0;
            Iterator<Quad> it = d.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) { it.next(); n++; }
            return n;
        });
    }

    /** Triples per named graph, sorted by graph IRI. */
    public Map<String, Long> graphSizes() {
        return read(d -> {
            Map<String, Long> sizes = new TreeMap<>();
            Iterator<Node> names = d.listGraphNodes();
            while (names.hasNext()) {
                Node g = names.next();
                sizes.put(g.getURI(), (long) d.getGraph(g).size());
            }
            return sizes;
        });
    }

    /** Named graphs present. */
    public Set<String> graphNames() {
        return graphSizes().keySet();
    }

    /**
     * A SHA-256 over the sorted N-Quads of the whole store. Used to prove that a failed command left
     * the store exactly as it was; blank node labels are stable within one TDB2 store.
     */
    public String contentHash() {
        return read(d -> {
            List<String> lines = new ArrayList<>();
            Iterator<Quad> it = d.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                lines.add(NodeFmtLib.strNT(q.getSubject()) + ' ' + NodeFmtLib.strNT(q.getPredicate()) + ' '
                    + NodeFmtLib.strNT(q.getObject()) + ' ' + NodeFmtLib.strNT(q.getGraph()));
            }
            lines.sort(null);
            MessageDigest md = sha256();
            for (String l : lines) md.update((l + '\n').getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        });
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-256", e);
        }
    }

    /** Copy of one graph (or of the union when {@code graph} is null). */
    public Graph copyOf(Node graph) {
        return read(d -> {
            Graph src = graph == null ? d.getUnionGraph() : d.getGraph(graph);
            Graph copy = org.apache.jena.sparql.graph.GraphFactory.createGraphMem();
            src.find().forEachRemaining(copy::add);
            return copy;
        });
    }

    /** Copies of all named graphs, in IRI order. */
    public Map<Node, Graph> copyAll() {
        return read(d -> {
            Map<Node, Graph> out = new LinkedHashMap<>();
            List<Node> names = new ArrayList<>();
            d.listGraphNodes().forEachRemaining(names::add);
            names.sort((a, b) -> a.getURI().compareTo(b.getURI()));
            for (Node g : names) {
                Graph copy = org.apache.jena.sparql.graph.GraphFactory.createGraphMem();
                d.getGraph(g).find().forEachRemaining(copy::add);
                out.put(g, copy);
            }
            return out;
        });
    }

    /**
     * Writes the whole store, bookkeeping graph included, as gzip N-Quads from one read
     * transaction: a consistent snapshot even while other requests write. Returns the number of
     * quads written.
     */
    public long backup(java.io.OutputStream out) {
        return read(d -> {
            try {
                return Backup.write(base, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write the backup", e);
            }
        });
    }

    /**
     * Replaces everything in the store with the content of a backup written by {@link #backup}:
     * the file is read and checked in memory first (a corrupt or truncated file is refused with the
     * store unchanged), then one write transaction deletes every quad and adds the backup's. The
     * full-text index follows inside the same transaction. Returns the number of quads restored.
     */
    public long restore(Path file) {
        List<Quad> quads = Backup.read(file);
        Txn.executeWrite(dsg, () -> {
            dsg.deleteAny(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            dsg.getDefaultGraph().clear();
            for (Quad q : quads) dsg.add(q);
        });
        generation.incrementAndGet();
        return quads.size();
    }

    @Override
    public void close() {
        // expel (not just close) so the lock file is released and the folder can be reopened,
        // by this JVM or another, straight away.
        TDBInternal.expel(base);
        text.close();
    }

    /**
     * Full-text search over labels, definitions, titles, abstracts, texts and rationales (Lucene
     * query syntax). Hits are per literal, best first; see {@link FullTextIndex.Match}.
     */
    public List<FullTextIndex.Match> searchText(String query, int limit) {
        try {
            return text.search(query, limit);
        } catch (org.apache.lucene.queryparser.classic.ParseException e) {
            throw new org.alignkg.InvalidInputException(org.alignkg.SourceLocation.of("search query"),
                "cannot parse '" + query + "': " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** Number of entries in the full-text index (one per indexed literal). */
    public long textIndexSize() {
        return text.documentCount();
    }
}
