package org.alignkg.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Function;

import java.time.Instant;

import org.alignkg.Progress;
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
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetable.NodeTableTRDF;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDFS;
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
    /**
     * Bumped after every write transaction ends (committed or not; an abort bumps it needlessly but
     * harmlessly); lets caches and /health see that the data may have changed. Every write path of
     * the store (replaceFiles, bulkReplaceFile, replaceGraphs, write) ends with a bump. A reader
     * that reads the generation before it starts a read transaction can file what it computes
     * under that generation: the data it saw is at least as new as the generation says.
     */
    private final AtomicLong generation = new AtomicLong();

    private KgStore(Path dir, boolean persistent, DatasetGraph base, FullTextIndex text) {
        this.dir = dir;
        this.persistent = persistent;
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
        return new KgStore(dir, true, dsg, text);
    }

    /** Opens an in-memory TDB2 store (tests, dry runs). */
    public static KgStore inMemory() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new KgStore(Path.of("(memory)"), false, dsg, FullTextIndex.open(null));
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
     * anything throws, the transaction aborts and the store is exactly as before. {@code check}
     * must validate the whole store (the loader's does): after commit the unvalidated-writes
     * mark is cleared.
     */
    public void replaceFiles(List<FileBatch> files, Set<String> removedPaths, Consumer<DatasetGraph> check) {
        try {
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
                    recordLoad(g, f.path(), f.sha256(), e.getValue().size(), now);
                }
            }
            check.accept(dsg);
        });
        clearUnvalidatedWrites();
        } finally {
            generation.incrementAndGet();
        }
    }

    /**
     * The bookkeeping of one loaded graph in the system graph: which file it came from, the
     * file's hash, its triple count and when it was loaded. Inside a write transaction.
     */
    private void recordLoad(Node graph, String path, String sha256, long triples, String loadedAt) {
        dsg.add(SYSTEM, graph, AKG.sourceFile, NodeFactory.createLiteralString(path));
        dsg.add(SYSTEM, graph, AKG.contentHash, NodeFactory.createLiteralString("sha256:" + sha256));
        dsg.add(SYSTEM, graph, AKG.tripleCount, NodeFactory.createLiteralDT(Long.toString(triples), XSDDatatype.XSDinteger));
        dsg.add(SYSTEM, graph, DCTERMS_MODIFIED, NodeFactory.createLiteralDT(loadedAt, XSDDatatype.XSDdateTime));
    }

    /** Receives the quads of a bulk load, one at a time, inside the store's write transaction. */
    @FunctionalInterface
    public interface QuadSink {
        void add(Node graph, Node subject, Node predicate, Node object);
    }

    /** Streams one file into a {@link QuadSink} and returns the SHA-256 (hex) of its bytes. */
    @FunctionalInterface
    public interface BulkSource {
        String feed(QuadSink sink);
    }

    /**
     * What a bulk load changed, for the check before commit. {@code changedSubjects} are the
     * subjects of every quad added or removed; {@code classHierarchyChanged} tells that an
     * {@code rdfs:subClassOf} triple was added or removed (so class targets may have moved).
     * {@code newNode} tells whether a node was unknown to the store before this load: no quad
     * that was already stored can mention it, so every quad that has it as object came with the
     * file, and that quad's subject is among {@code changedSubjects}. {@code conformedBefore} is
     * false when a write since the last whole-store validation was not checked against the
     * store as a whole (see {@link #hasUnvalidatedWrites()}): then only a whole-store check is sound.
     */
    public record BulkChange(Set<Node> changedSubjects, boolean classHierarchyChanged, Predicate<Node> newNode,
                             boolean conformedBefore) { }

    /**
     * Checks the dataset before a bulk load commits; throws to abort. When it returns, the store
     * as a whole is taken to conform (the unvalidated-writes mark is cleared after commit).
     */
    @FunctionalInterface
    public interface BulkCheck {
        void check(DatasetGraph dsg, BulkChange change);
    }

    /**
     * Bulk path for one large file: same contract as {@link #replaceFiles} (one write transaction;
     * the file's old graphs are dropped, the new quads added, the hash recorded in the system
     * graph, {@code check} run before commit; anything thrown aborts and leaves the store as it
     * was), but the quads are streamed straight from the parser into TDB2's node and tuple tables
     * instead of being collected in in-memory graphs first. Memory grows with the number of
     * distinct subjects (kept for validation), not with the number of triples.
     *
     * <p>Why not TDB2's parallel or phased loader ({@code LoaderFactory}, {@code tdb2.tdbloader}):
     * they switch the database to exclusive mode and commit each index in its own component
     * transaction from their own threads, so they cannot run inside, or be rolled back with,
     * alignkg's single write transaction; a rejected file would leave half-built indexes. Nor
     * {@code LoaderSequential}: it detaches the secondary indexes of an empty table and does not
     * reattach them when the load fails. What is left of the loader machinery, and what this
     * method does, is the loaders' two steps on the transaction's own thread: node ids from the
     * node table while parsing, then the tuple indexes, each written in its own sorted key order
     * ({@link QuadIdBuffer}), as the phased loader does from its primary index. On this project's
     * 2-core benchmark machine that is faster than the multi-threaded loaders (bench/README.md).
     *
     * @param progress hears the index-writing phase (parsing reports through the source's reader)
     * @return number of distinct quads added
     */
    public long bulkReplaceFile(String path, BulkSource source, BulkCheck check, Progress progress) {
        long[] added = new long[1];
        try {
        Txn.executeWrite(dsg, () -> {
            // Read inside the transaction: writers mark before they begin, and run one at a time.
            boolean conformedBefore = !hasUnvalidatedWrites();
            Set<Node> changed = new HashSet<>();
            boolean[] hierarchy = new boolean[1];
            // Old content of this file counts as changed: removing it can break other nodes' shapes.
            for (Node g : graphsOf(path)) {
                dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    changed.add(q.getSubject());
                    if (RDFS.Nodes.subClassOf.equals(q.getPredicate())) hierarchy[0] = true;
                });
            }
            dropFile(path);
            // The tuple tables of the bare TDB2 dataset: quads written here bypass the text index, so the
            // few quads the index holds (labels, titles, abstracts) are kept aside and added through dsg.
            NodeTupleTable quads = TDBInternal.getDatasetGraphTDB(base).getQuadTable().getNodeTupleTable();
            List<Node[]> textQuads = new ArrayList<>();
            NodeTable nodes = quads.getNodeTable();
            long firstNew = nodeTableEnd(nodes);
            QuadIdBuffer buffer = new QuadIdBuffer();
            Map<Node, NodeId> graphIds = new LinkedHashMap<>();
            String sha = pipelined(source, (g, s, p, o) -> {
                NodeId gid = graphIds.get(g);
                if (gid == null) {
                    if (g.equals(SYSTEM))
                        throw new IllegalArgumentException("the system graph cannot be bulk loaded");
                    // A graph this file shares with another file is replaced, as in replaceFiles.
                    dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                        changed.add(q.getSubject());
                        if (RDFS.Nodes.subClassOf.equals(q.getPredicate())) hierarchy[0] = true;
                    });
                    dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
                    gid = nodes.getAllocateNodeId(g);
                    graphIds.put(g, gid);
                }
                if (o.isLiteral() && FullTextIndex.indexes(p)) {
                    textQuads.add(new Node[] { g, s, p, o });
                } else {
                    // Node ids are allocated now (the node table is shared by all indexes); the
                    // index entries are written after the last quad, sorted, index by index.
                    buffer.add(gid, nodes.getAllocateNodeId(s), nodes.getAllocateNodeId(p), nodes.getAllocateNodeId(o));
                }
                changed.add(s);
                if (RDFS.Nodes.subClassOf.equals(p)) hierarchy[0] = true;
            });
            Map<Long, Long> perGraph = null;
            TupleIndex[] indexes = quads.getTupleTable().getIndexes();
            for (int i = 0; i < indexes.length; i++) {
                progress.begin("writing index " + indexes[i].getName() + " (" + (i + 1) + " of " + indexes.length + ")", "quads");
                Map<Long, Long> counts = buffer.writeTo(indexes[i], perGraph == null, progress::advance);
                if (perGraph == null) perGraph = counts;
                progress.end();
            }
            Map<Node, Long> textPerGraph = new HashMap<>();
            for (Node[] q : textQuads) {
                if (!dsg.contains(q[0], q[1], q[2], q[3])) textPerGraph.merge(q[0], 1L, Long::sum);
                dsg.add(q[0], q[1], q[2], q[3]); // through the text wrapper: stored and indexed
            }
            String now = Instant.now().toString();
            for (Map.Entry<Node, NodeId> e : graphIds.entrySet()) {
                Node g = e.getKey();
                long size = (perGraph == null ? 0 : perGraph.getOrDefault(buffer.encode(e.getValue()), 0L))
                    + textPerGraph.getOrDefault(g, 0L);
                recordLoad(g, path, sha, size, now);
                added[0] += size;
            }
            check.check(dsg, new BulkChange(changed, hierarchy[0], n -> {
                if (firstNew < 0) return false; // unknown layout: every node counts as old (safe)
                NodeId id = nodes.getNodeIdForNode(n);
                return id.isPtr() && id.getPtrLocation() >= firstNew;
            }, conformedBefore));
        });
        clearUnvalidatedWrites();
        } finally {
            generation.incrementAndGet();
        }
        return added[0];
    }

    /**
     * Where the node table's data file ends before this transaction adds to it, or -1 when the
     * table is not laid out as expected. TDB2 never rewrites or removes node table entries and
     * gives a stored node the id of its position in that append-only file, so a node whose id
     * points at or past this offset was allocated by the running transaction.
     */
    private static long nodeTableEnd(NodeTable nodes) {
        NodeTable t = nodes;
        for (int depth = 0; depth < 8 && t != null; depth++) {
            if (t instanceof NodeTableTRDF trdf) return trdf.getData().length();
            NodeTable inner = t.wrapped();
            if (inner == t) break;
            t = inner;
        }
        return -1;
    }

    /**
     * Runs {@code source} (parsing) on a second thread and hands its quads, in batches, to
     * {@code sink} on this thread, which holds the write transaction: TDB2 binds a transaction to
     * its thread, so node-id allocation and index writes must stay here, but parsing need not.
     * On the 2-core benchmark machine this overlaps the parser with the node table. Errors from
     * either side stop both; the parser's error (e.g. a syntax error with its line) is rethrown as is.
     */
    private static String pipelined(BulkSource source, QuadSink sink) {
        final int batchQuads = 2048;
        final Node[] end = new Node[0];
        BlockingQueue<Node[]> queue = new ArrayBlockingQueue<>(64);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> sha = new AtomicReference<>();
        Thread parser = new Thread(() -> {
            Node[][] batch = { new Node[4 * batchQuads] };
            int[] n = { 0 };
            try {
                sha.set(source.feed((g, s, p, o) -> {
                    Node[] b = batch[0];
                    int at = 4 * n[0];
                    b[at] = g; b[at + 1] = s; b[at + 2] = p; b[at + 3] = o;
                    if (++n[0] == batchQuads) {
                        put(queue, b, cancelled);
                        batch[0] = new Node[4 * batchQuads];
                        n[0] = 0;
                    }
                }));
                if (n[0] > 0) put(queue, java.util.Arrays.copyOf(batch[0], 4 * n[0]), cancelled);
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                try { put(queue, end, cancelled); } catch (RuntimeException ignored) { /* cancelled: nobody reads */ }
            }
        }, "alignkg-bulk-parser");
        parser.setDaemon(true);
        parser.start();
        try {
            while (true) {
                Node[] b = queue.take();
                if (b == end) break;
                for (int i = 0; i < b.length; i += 4) sink.add(b[i], b[i + 1], b[i + 2], b[i + 3]);
            }
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during bulk load", e);
        } catch (RuntimeException | Error e) {
            cancelled.set(true);
            queue.clear();
            throw e;
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        if (t != null) throw new IllegalStateException(t);
        return sha.get();
    }

    private static void put(BlockingQueue<Node[]> queue, Node[] batch, AtomicBoolean cancelled) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS))
                if (cancelled.get()) throw new CancellationException("bulk load aborted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("bulk load interrupted");
        }
    }

    private List<Node> graphsOf(String path) {
        List<Node> graphs = new ArrayList<>();
        dsg.find(SYSTEM, Node.ANY, AKG.sourceFile, NodeFactory.createLiteralString(path))
            .forEachRemaining(q -> graphs.add(q.getSubject()));
        return graphs;
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

    /**
     * Replaces named graphs (graph IRI to triples) in one write transaction: each graph is
     * emptied, then filled. Only triples the full-text index can hold (a mapped predicate with a
     * literal object) go through jena-text's wrapper; the others go straight to TDB2, skipping the
     * wrapper's per-quad existence check and change notification, which could not reach the
     * index anyway. {@code progress} gets the number of graphs written so far.
     */
    public void replaceGraphs(Map<String, Graph> graphs, java.util.function.LongConsumer progress) {
        markUnvalidatedWrites(); // the caller checked its graphs on their own, not with the rest
        try {
        Txn.executeWrite(dsg, () -> {
            long n = 0;
            for (Map.Entry<String, Graph> e : graphs.entrySet()) {
                Node g = NodeFactory.createURI(e.getKey());
                dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
                Iterator<Triple> it = e.getValue().find();
                while (it.hasNext()) {
                    Triple t = it.next();
                    DatasetGraph target = t.getObject().isLiteral() && FullTextIndex.indexes(t.getPredicate()) ? dsg : base;
                    target.add(g, t.getSubject(), t.getPredicate(), t.getObject());
                }
                progress.accept(++n);
            }
        });
        } finally {
            generation.incrementAndGet();
        }
    }

    /** Runs {@code action} inside a write transaction (SPARQL Update, tests). */
    public void write(Consumer<DatasetGraph> action) {
        markUnvalidatedWrites(); // SPARQL Update, Graph Store Protocol, accepted suggestions
        try {
            Txn.executeWrite(dsg, () -> action.accept(dsg));
        } finally {
            generation.incrementAndGet();
        }
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
        markUnvalidatedWrites(); // a backup is taken as it was, not validated again
        Txn.executeWrite(dsg, () -> {
            dsg.deleteAny(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            dsg.getDefaultGraph().clear();
            for (Quad q : quads) dsg.add(q);
        });
        generation.incrementAndGet();
        return quads.size();
    }

    /** Name of the file in the store folder that marks writes not validated with the whole store. */
    public static final String UNVALIDATED_MARK = "unvalidated-writes";

    /**
     * Whether a write since the last whole-store SHACL validation was committed without one:
     * SPARQL Update and Graph Store writes are not shape-checked, link and import check their own
     * graphs only, a restore takes a backup as it is. The mark is a file in the store folder,
     * written before such a write begins and deleted after a validated load commits, so a crash
     * between the two can only leave it set: the next bulk load then validates the whole store,
     * which is slower but never wrong.
     */
    public boolean hasUnvalidatedWrites() {
        return markFile() == null ? unvalidatedInMemory : Files.exists(markFile());
    }

    private volatile boolean unvalidatedInMemory;
    private final boolean persistent;

    private Path markFile() {
        return persistent ? dir.resolve(UNVALIDATED_MARK) : null;
    }

    private void markUnvalidatedWrites() {
        Path f = markFile();
        if (f == null) {
            unvalidatedInMemory = true;
            return;
        }
        if (Files.exists(f)) return;
        try {
            Files.writeString(f, "Writes since " + Instant.now() + " were not validated against the whole store;"
                + " the next bulk load validates everything.\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + f, e);
        }
    }

    private void clearUnvalidatedWrites() {
        Path f = markFile();
        if (f == null) {
            unvalidatedInMemory = false;
            return;
        }
        try {
            Files.deleteIfExists(f);
        } catch (java.io.IOException e) {
            // left set: the next bulk load validates the whole store, as it would anyway
        }
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
