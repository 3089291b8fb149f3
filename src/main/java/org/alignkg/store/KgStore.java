package org.alignkg.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import java.time.Instant;

import org.alignkg.StoreBusyException;
import org.alignkg.ontology.AKG;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetable.NodeTableTRDF;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.dboe.base.file.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TDB2 dataset: lifecycle, the single write path, and read transactions. The only class that
 * knows TDB2. Every named graph holds one loaded file; queries see the union of all named graphs
 * as their default graph.
 */
public final class KgStore implements TripleStore {
    private static final Logger LOG = LoggerFactory.getLogger(KgStore.class);
    private static final Node SYSTEM = NodeFactory.createURI(AKG.SYSTEM_GRAPH);
    private static final Node DCTERMS_MODIFIED = org.apache.jena.vocabulary.DCTerms.modified.asNode();

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
    /**
     * Bumped after every write transaction ends (committed or not; an abort bumps it needlessly but
     * harmlessly); lets caches and /health see that the data may have changed. The one write path,
     * {@link #apply}, bumps it in a finally. A reader
     * that reads the generation before it starts a read transaction can file what it computes
     * under that generation: the data it saw is at least as new as the generation says.
     */
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

    /**
     * Present while the text index may lag the TDB2 data: written before a bulk load's switch of
     * storage generations, deleted once the index has the load's entries.
     */
    static Path staleTextIndexMarker(Path storeDir) {
        return storeDir.resolve("text-index.stale");
    }

    private static void deleteIfExists(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + f, e);
        }
    }

    /** Opens (creating if needed) the TDB2 store in {@code dir}. */
    public static KgStore open(Path dir) {
        DatasetGraph dsg;
        try {
            dsg = DatabaseMgr.connectDatasetGraph(Location.create(dir.toString()));
        } catch (RuntimeException e) {
            if (isLockError(e))
                throw new StoreBusyException("store " + dir + " is locked by another process; is 'alignkg serve' running?"
                    + " (the read commands can ask it with --server URL) (" + rootMessage(e) + ")", e);
            throw e;
        }
        // Plain SPARQL sees every named graph; GRAPH ?g still picks one out.
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        var container = GenerationLoad.containerOf(dsg);
        // A bulk load killed after its switch but before deleting the generation it replaced.
        if (container != null) GenerationLoad.deleteOlderGenerations(container);
        FullTextIndex text = FullTextIndex.open(textIndexDir(dir));
        Path stale = staleTextIndexMarker(dir);
        if (Files.exists(stale)) {
            // A bulk load switched generations (or was about to) and did not finish updating the
            // text index: the counts may agree by chance, so rebuild without asking.
            LOG.info("rebuilding the text index after an interrupted bulk load");
            text.rebuild(dsg);
            deleteIfExists(stale);
        } else {
            // The index is rebuilt from the store when it is missing or does not match (see FullTextIndex).
            text.ensureInStep(dsg);
        }
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

    @Override public String location() {
        return dir.toString();
    }

    /** The store folder: derived indexes live beside the TDB2 files. */
    @Override public Path cacheDir() {
        return dir;
    }

    public long generation() {
        return generation.get();
    }

    /** The check every write passes before commit; {@link ChangeCheck#NONE} until one is set. */
    private volatile ChangeCheck check = ChangeCheck.NONE;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Sets the check every write must pass before it commits (normally a {@link ShapeValidator});
     * returns this store. The commands, the server and the loader set the shipped shapes.
     */
    @Override public KgStore checkWith(ChangeCheck c) {
        this.check = Objects.requireNonNull(c, "check");
        return this;
    }

    /** {@link #checkWith} the SHACL shapes of {@code shapesGraph}. */
    @Override public KgStore validateWith(Graph shapesGraph) {
        return checkWith(new ShapeValidator(shapesGraph));
    }

    /**
     * Adds a listener that hears every committed write, after the commit and outside the write
     * transaction (see {@link CommitListener}); what it throws is logged, not passed on.
     */
    public void addCommitListener(CommitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }


    /**
     * The single write path. Carries out {@code change} in one write transaction, recording the
     * delta (subjects, graphs, class hierarchy) as it writes; runs the store's {@link ChangeCheck}
     * over the delta with the union graph as it will be after commit; commits. Anything thrown,
     * by the change or by the check, aborts the transaction and leaves the store as it was. The
     * generation is bumped whether or not the write committed (in a finally: caches that saw an
     * aborted write drop an answer needlessly, never keep a stale one); listeners hear only
     * committed writes.
     *
     * <p>Quads the full-text index can hold (a mapped predicate with a literal object) are
     * written through jena-text's wrapper; the others go straight to TDB2, skipping the wrapper's
     * per-quad existence check and change notification, which could not reach the index anyway.
     * Edits ({@link Change.Edit}) see the wrapper itself, through a change monitor.
     *
     * <p>A bulk load ({@link Change.Bulk}) of a store on disk is the exception to the one write
     * transaction: {@link GenerationLoad} builds the new state in a new TDB2 storage generation
     * with TDB2's parallel loader, runs the same check there and switches to it by a folder
     * rename, as TDB2's compaction does; the text index learns the load's entries after the
     * switch. Same contract: a refusal or a failure leaves the store as it was, the generation is
     * bumped in the finally, listeners hear it once.
     */
    public Applied apply(Change change) {
        Objects.requireNonNull(change, "change");
        ChangeCheck checkNow = check;
        DeltaRecorder delta = new DeltaRecorder();
        long gen;
        var container = change instanceof Change.Bulk ? GenerationLoad.containerOf(base) : null;
        try {
            if (container != null) {
                // On disk, a bulk load builds and validates a new storage generation and switches to it.
                GenerationLoad.TextDelta t = GenerationLoad.load(container, (Change.Bulk) change, checkNow, delta,
                    () -> touch(staleTextIndexMarker(dir)));
                text.update(t.removed(), t.added());
                deleteIfExists(staleTextIndexMarker(dir));
            } else Txn.executeWrite(dsg, () -> {
                NodeTable nodes = quadTable().getNodeTable();
                long firstNew = nodeTableEnd(nodes);
                if (change instanceof Change.Files f) writeFiles(f, delta);
                else if (change instanceof Change.Bulk b) writeBulk(b, delta);
                else if (change instanceof Change.Graphs g) writeGraphs(g, delta);
                else if (change instanceof Change.Edit e) e.action().accept(delta.monitored(dsg));
                else if (change instanceof Change.Restore r) writeRestore(r, delta);
                else throw new IllegalArgumentException("unknown change " + change.getClass());
                checkNow.check(dsg.getUnionGraph(), new Delta(delta.subjects, delta.hierarchy, n -> {
                    if (firstNew < 0) return false; // unknown layout: every node counts as old (safe)
                    NodeId id = nodes.getNodeIdForNode(n);
                    return id.isPtr() && id.getPtrLocation() >= firstNew;
                }, delta.everything), change);
            });
        } finally {
            gen = generation.incrementAndGet();
        }
        Commit commit = new Commit(gen, delta.graphs);
        for (CommitListener l : listeners) {
            try {
                l.committed(commit);
            } catch (RuntimeException e) {
                LOG.warn("commit listener {} failed on generation {}", l, gen, e);
            }
        }
        return new Applied(commit, delta.added);
    }

    private static void touch(Path f) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + f, e);
        }
    }

    /** Runs {@code action} on the dataset as one validated write ({@link Change#edit}). */
    public void write(Consumer<DatasetGraph> action) {
        apply(Change.edit("write", action));
    }

    private NodeTupleTable quadTable() {
        return TDBInternal.getDatasetGraphTDB(base).getQuadTable().getNodeTupleTable();
    }

    /** Adds one quad, through the text index's wrapper only when the index can hold it. */
    private void add(Node g, Node s, Node p, Node o, DeltaRecorder delta) {
        DatasetGraph target = o.isLiteral() && FullTextIndex.indexes(p) ? dsg : base;
        target.add(g, s, p, o);
        delta.added(g, s, p);
    }

    /**
     * Empties a graph: the quads the text index holds are deleted through its wrapper (so their
     * index entries go too), the rest in one TDB2 range delete.
     */
    private void clearGraph(Node g, DeltaRecorder delta) {
        List<Quad> indexed = new ArrayList<>();
        dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            delta.record(g, q.getSubject(), q.getPredicate());
            if (q.getObject().isLiteral() && FullTextIndex.indexes(q.getPredicate())) indexed.add(q);
        });
        for (Quad q : indexed) dsg.delete(q);
        deleteByIds(quadTable(), g, Node.ANY);
    }

    /**
     * Deletes the quads matching a pattern by their stored node ids. Not {@code deleteAny}: TDB2
     * finds by node and deletes by re-encoding each node, and an inline xsd:decimal stored with
     * trailing zeros ("0.950") decodes to "0.95", whose encoding is another id, so such quads were
     * left behind (a re-import then kept old scores beside new ones). {@code Node.ANY} matches all.
     */
    static void deleteByIds(NodeTupleTable quads, Node g, Node s) {
        List<org.apache.jena.atlas.lib.tuple.Tuple<NodeId>> rows =
            org.apache.jena.atlas.iterator.Iter.toList(quads.findAsNodeIds(g, s, Node.ANY, Node.ANY));
        quads.getTupleTable().deleteAll(rows);
    }

    /** Drops the graphs a file put in the store, with their bookkeeping. */
    private void dropFile(String path, DeltaRecorder delta) {
        for (Node g : graphsOf(path)) {
            clearGraph(g, delta);
            dsg.find(SYSTEM, g, Node.ANY, Node.ANY).forEachRemaining(q -> delta.record(SYSTEM, g, q.getPredicate()));
            base.deleteAny(SYSTEM, g, Node.ANY, Node.ANY);
        }
    }

    private void writeFiles(Change.Files change, DeltaRecorder delta) {
        for (String path : change.removedPaths()) dropFile(path, delta);
        for (FileBatch f : change.batches()) dropFile(f.path(), delta);
        String now = Instant.now().toString();
        for (FileBatch f : change.batches()) {
            for (Map.Entry<Node, Graph> e : f.graphs().entrySet()) {
                Node g = e.getKey();
                clearGraph(g, delta); // a graph this file shares with another file is replaced
                Iterator<Triple> it = e.getValue().find();
                while (it.hasNext()) {
                    Triple t = it.next();
                    add(g, t.getSubject(), t.getPredicate(), t.getObject(), delta);
                }
                recordLoad(g, f.path(), f.sha256(), e.getValue().size(), now, delta);
            }
        }
    }

    private void writeGraphs(Change.Graphs change, DeltaRecorder delta) {
        long n = 0;
        for (Map.Entry<String, Graph> e : change.graphs().entrySet()) {
            Node g = NodeFactory.createURI(e.getKey());
            if (g.equals(SYSTEM)) throw new IllegalArgumentException("the system graph is the store's own");
            clearGraph(g, delta);
            Iterator<Triple> it = e.getValue().find();
            while (it.hasNext()) {
                Triple t = it.next();
                add(g, t.getSubject(), t.getPredicate(), t.getObject(), delta);
            }
            change.progress().accept(++n);
        }
    }

    private void writeRestore(Change.Restore change, DeltaRecorder delta) {
        delta.everything = true;
        dsg.listGraphNodes().forEachRemaining(g -> { if (g.isURI()) delta.graphs.add(g.getURI()); });
        dsg.deleteAny(Node.ANY, Node.ANY, Node.ANY, Node.ANY); // the text index's entries go with it
        deleteByIds(quadTable(), Node.ANY, Node.ANY);          // and what deleteAny cannot find again
        dsg.getDefaultGraph().clear();
        for (Quad q : change.quads()) add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject(), delta);
    }

    /**
     * The bookkeeping of one loaded graph in the system graph: which file it came from, the
     * file's hash, its triple count and when it was loaded. Inside a write transaction.
     */
    private void recordLoad(Node graph, String path, String sha256, long triples, String loadedAt, DeltaRecorder delta) {
        add(SYSTEM, graph, AKG.sourceFile, NodeFactory.createLiteralString(path), delta);
        add(SYSTEM, graph, AKG.contentHash, NodeFactory.createLiteralString("sha256:" + sha256), delta);
        add(SYSTEM, graph, AKG.tripleCount, NodeFactory.createLiteralDT(Long.toString(triples), XSDDatatype.XSDinteger), delta);
        add(SYSTEM, graph, DCTERMS_MODIFIED, NodeFactory.createLiteralDT(loadedAt, XSDDatatype.XSDdateTime), delta);
    }

    /**
     * The bulk path of a store in memory (tests, dry runs): same contract as {@link Change.Files}
     * (the file's old graphs are dropped, the new quads added, the hash recorded in the system
     * graph), streamed from the parser into the write transaction. A store on disk takes
     * {@link GenerationLoad} instead: TDB2's parallel loader into a new storage generation.
     */
    private void writeBulk(Change.Bulk change, DeltaRecorder delta) {
        String path = change.path();
        dropFile(path, delta);
        Map<Node, long[]> sizes = new LinkedHashMap<>();
        String sha = change.feed().feed((g, s, p, o) -> {
            long[] n = sizes.get(g);
            if (n == null) {
                if (g.equals(SYSTEM)) throw new IllegalArgumentException("the system graph cannot be bulk loaded");
                clearGraph(g, delta); // a graph this file shares with another file is replaced
                sizes.put(g, n = new long[1]);
            }
            if (!base.contains(g, s, p, o)) n[0]++;
            add(g, s, p, o, delta);
        });
        String now = Instant.now().toString();
        long added = 0;
        for (Map.Entry<Node, long[]> e : sizes.entrySet()) {
            recordLoad(e.getKey(), path, sha, e.getValue()[0], now, delta);
            added += e.getValue()[0];
        }
        delta.added = added; // the quads of the file, not its bookkeeping
    }

    /**
     * Where the node table's data file ends before this transaction adds to it, or -1 when the
     * table is not laid out as expected. TDB2 never rewrites or removes node table entries and
     * gives a stored node the id of its position in that append-only file, so a node whose id
     * points at or past this offset was allocated by the running transaction.
     */
    static long nodeTableEnd(NodeTable nodes) {
        NodeTable t = nodes;
        for (int depth = 0; depth < 8 && t != null; depth++) {
            if (t instanceof NodeTableTRDF trdf) return trdf.getData().length();
            NodeTable inner = t.wrapped();
            if (inner == t) break;
            t = inner;
        }
        return -1;
    }

    private List<Node> graphsOf(String path) {
        List<Node> graphs = new ArrayList<>();
        dsg.find(SYSTEM, Node.ANY, AKG.sourceFile, NodeFactory.createLiteralString(path))
            .forEachRemaining(q -> graphs.add(q.getSubject()));
        return graphs;
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

    /** Runs {@code action} inside a read transaction; results must be copied out before returning. */
    public <T> T read(Function<DatasetGraph, T> action) {
        return readTransaction(dsg, () -> action.apply(dsg));
    }

    /**
     * Runs {@code action} in a read transaction on {@code d} (or in the one the thread is in) and
     * ends it, also when {@code action} throws: never an abort, as {@code Txn.calculateRead} does.
     * Aborting a TDB2 transaction aborts every component, and jena-text's (TextIndexDB) rolls back
     * and reopens the one shared Lucene IndexWriter, read transaction or not: a failed query (a
     * time-out, a client gone mid-stream) discarded a concurrent write's pending index entries,
     * and reads failing together raced in that rollback; the abort threw, jena-text's wrapper
     * kept the thread marked as in a read transaction, and every later read on that pool thread
     * ran outside any TDB2 transaction ("Not in a transaction"). A read has nothing to undo.
     */
    static <T> T readTransaction(DatasetGraph d, Supplier<T> action) {
        if (d.isInTransaction()) return action.get();
        d.begin(TxnType.READ);
        T out;
        try {
            out = action.get();
        } catch (Throwable t) {
            try {
                d.end();
            } catch (Throwable e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        d.end();
        return out;
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
            MessageDigest md = DigestUtils.getSha256Digest();
            for (String l : lines) md.update((l + '\n').getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        });
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
     * store unchanged), then one write ({@link Change#restore}) deletes every quad, adds the
     * backup's and validates the whole result against the shapes. The full-text index follows
     * inside the same transaction. Returns the number of quads restored.
     */
    public long restore(Path file) {
        List<Quad> quads = Backup.read(file);
        apply(Change.restore(file.toString(), quads));
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
