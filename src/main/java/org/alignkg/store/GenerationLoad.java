package org.alignkg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.alignkg.Progress;
import org.alignkg.ontology.AKG;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.store.DatasetGraphSwitchable;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.sys.StoreConnection;
import org.apache.jena.vocabulary.RDFS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk path on a store on disk: the store's next state is built in a new TDB2 storage
 * generation by TDB2's own parallel loader, validated there, and switched to the way TDB2's
 * compaction ({@code DatabaseOps.compact}) switches: atomically, by renaming a folder.
 *
 * <p>How TDB2 decides which generation is current: at open ({@code DatabaseOps.createSwitchable})
 * it first deletes every {@code Data-NNNN-tmp} folder, then uses the highest-numbered
 * {@code Data-NNNN} folder; nothing else (no {@code tdb.cfg}, no lock file) takes part. So the new
 * generation is built in {@code Data-(N+1)-tmp}, committed and closed there, and renamed to
 * {@code Data-(N+1)}: a SIGKILL before the rename leaves a {@code -tmp} folder that the next open
 * deletes (the old generation stays current); after it, the new generation is current and
 * complete. The rename is the switch. The older generation is deleted after the switch, and at
 * open by {@link #deleteOlderGenerations} if a kill came between the two.
 *
 * <p>What goes into the new generation: normally (measured faster, bench/README.md) a copy of the
 * old generation's files, from which the file's previous graphs and their system-graph records
 * are deleted in one transaction, and then the file's quads by one loader run on top. When the
 * file brings a graph another file put in the store (which must be replaced, not merged), the
 * generation is built afresh instead: one loader run over the file's quads and then the old
 * generation's quads less those graphs. Then the file's system-graph records. Blank nodes keep
 * their labels either way (a copy of the files; TDB2 stores blank nodes by label).
 */
final class GenerationLoad {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationLoad.class);
    private static final Pattern GENERATION = Pattern.compile("Data-(\\d+)");
    private static final Node SYSTEM = NodeFactory.createURI(AKG.SYSTEM_GRAPH);
    private static final Node DCTERMS_MODIFIED = org.apache.jena.vocabulary.DCTerms.modified.asNode();

    /** What the text index must learn after the switch: the indexed quads dropped and added. */
    record TextDelta(List<Quad> removed, List<Quad> added) { }

    private GenerationLoad() { }

    /** The TDB2 container of {@code base} when it is a database on disk (the bulk path's precondition), else null. */
    static DatasetGraphSwitchable containerOf(org.apache.jena.sparql.core.DatasetGraph base) {
        DatasetGraphSwitchable c = org.apache.jena.tdb2.sys.TDBInternal.getDatabaseContainer(base);
        return c != null && c.hasContainerPath() && c.get() instanceof DatasetGraphTDB ? c : null;
    }

    /**
     * Builds, validates and switches to the next generation. {@code beforeSwitch} runs after the
     * new generation is complete on disk and just before the rename (the store writes its
     * text-index marker there). Throws, with the store exactly as it was, when the file does not
     * parse or the check refuses; the half-built generation is deleted.
     */
    static TextDelta load(DatasetGraphSwitchable container, Change.Bulk change, ChangeCheck check,
                          DeltaRecorder delta, Runnable beforeSwitch) {
        // Writers on the container wait until the switch is over; readers go on with the old generation.
        TextDelta[] out = new TextDelta[1];
        DatasetGraphTDB[] oldDb = new DatasetGraphTDB[1];
        container.execReadOnlyDatabase(() -> {
            DatasetGraphTDB old = (DatasetGraphTDB) container.get();
            oldDb[0] = old;
            Path oldDir = Path.of(old.getLocation().getDirectoryPath());
            Path next = oldDir.resolveSibling(String.format("Data-%04d", number(oldDir) + 1));
            Path tmp = next.resolveSibling(next.getFileName() + "-tmp");
            if (Files.exists(next))
                throw new IllegalStateException("storage generation " + next + " exists already; reopen the store to clean up");
            Location tmpLoc = Location.create(tmp.toString());
            boolean switched = false;
            try {
                out[0] = null;
                try {
                    // Fast path: the old generation's files copied as they are, the file loaded on top.
                    deleteTree(tmp); // left by a failed build in this process
                    copyFiles(oldDir, tmp);
                    DatasetGraphTDB copy = StoreConnection.connectCreate(tmpLoc).getDatasetGraphTDB();
                    out[0] = KgStore.readTransaction(old, () -> build(old, copy, change, check, delta, true));
                } catch (SharedGraph e) {
                    // The file brings a graph another file put in the store: that graph must be
                    // replaced, not merged, so the generation is built afresh from quads instead.
                    LOG.info("{}; rebuilding the new storage generation from the store's quads", e.getMessage());
                    StoreConnection.internalExpel(tmpLoc, true);
                    deleteTree(tmp);
                    delta.clear();
                    createWithConfig(oldDir, tmp);
                    DatasetGraphTDB fresh = StoreConnection.connectCreate(tmpLoc).getDatasetGraphTDB();
                    out[0] = KgStore.readTransaction(old, () -> build(old, fresh, change, check, delta, false));
                }
                StoreConnection.internalExpel(tmpLoc, true); // files closed: the generation is complete on disk
                beforeSwitch.run();
                Files.move(tmp, next, StandardCopyOption.ATOMIC_MOVE);
                switched = true;
                syncDirectory(next.getParent());
                switchTo(container, old, next);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot switch to the new storage generation " + next, e);
            } finally {
                if (!switched) {
                    try {
                        StoreConnection.internalExpel(tmpLoc, true);
                    } catch (RuntimeException e) {
                        LOG.debug("expel of {} after a failed build", tmp, e);
                    }
                    deleteTree(tmp);
                }
            }
        });
        // As compaction does: wait for the old generation's last readers, then close and delete it.
        DatasetGraphTDB old = oldDb[0];
        old.getTxnSystem().getTxnMgr().startExclusiveMode();
        StoreConnection.release(old.getLocation());
        deleteTree(Path.of(old.getLocation().getDirectoryPath()));
        return out[0];
    }

    /** Thrown by the fast path when the file brings a graph that another file put in the store. */
    private static final class SharedGraph extends RuntimeException {
        SharedGraph(Node g) {
            super("the bulk-loaded file brings the graph <" + g.getURI() + ">, which another file put in the store");
        }
    }

    /**
     * The loader run, the bookkeeping and the check; inside a read transaction on {@code old}.
     * With {@code copied}, {@code fresh} holds a copy of the old generation's files: the file's
     * previous graphs are deleted from it and the file loaded on top (the store is not loaded
     * again, and node ids past the copy's node table are exactly the nodes new to the store);
     * otherwise {@code fresh} is empty and gets the old generation's quads after the file's.
     */
    private static TextDelta build(DatasetGraphTDB old, DatasetGraphTDB fresh, Change.Bulk change, ChangeCheck check,
                                   DeltaRecorder delta, boolean copied) {
        Progress progress = change.progress();
        String path = change.path();
        Set<Node> previous = new HashSet<>();
        old.getQuadTable().find(SYSTEM, Node.ANY, AKG.sourceFile, NodeFactory.createLiteralString(path))
            .forEachRemaining(q -> previous.add(q.getSubject()));
        Set<Node> fileGraphs = new LinkedHashSet<>();
        List<Quad> textAdded = new ArrayList<>();
        List<Quad> textRemoved = new ArrayList<>();
        NodeTable freshNodes = fresh.getQuadTable().getNodeTupleTable().getNodeTable();
        long firstNew = -1;
        if (copied) {
            Txn.executeWrite(fresh, () -> {
                for (Node g : previous) {
                    dropInCopy(fresh, delta, textRemoved, g, Node.ANY);
                    dropInCopy(fresh, delta, textRemoved, SYSTEM, g);
                }
            });
            firstNew = KgStore.readTransaction(fresh, () -> KgStore.nodeTableEnd(freshNodes));
        }

        DataLoader loader = LoaderFactory.parallelLoader(fresh, (fmt, args) -> LOG.debug(String.format(fmt, args)));
        loader.startBulk();
        StreamRDF dest = loader.stream();
        dest.start();
        String sha;
        boolean fed = false;
        try {
            sha = change.feed().feed((g, s, p, o) -> {
                if (fileGraphs.add(g)) {
                    if (g.equals(SYSTEM)) throw new IllegalArgumentException("the system graph cannot be bulk loaded");
                    if (copied && !previous.contains(g) && old.getQuadTable().find(g, Node.ANY, Node.ANY, Node.ANY).hasNext())
                        throw new SharedGraph(g);
                    delta.graphs.add(g.getURI());
                }
                if (o.isLiteral() && FullTextIndex.indexes(p)) textAdded.add(Quad.create(g, s, p, o));
                delta.subjects.add(s);
                if (RDFS.Nodes.subClassOf.equals(p)) delta.hierarchy = true;
                dest.quad(Quad.create(g, s, p, o));
            });
            if (!copied) copyQuads(old, dest, previous, fileGraphs, delta, textRemoved, progress);
            progress.begin("building the indexes of the new storage generation");
            dest.finish();
            fed = true;
            loader.finishBulk();
            progress.end();
        } catch (RuntimeException | Error e) {
            // The generation is thrown away: end the loader's run normally so its threads stop.
            try {
                if (!fed) dest.finish();
                loader.finishBulk();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        for (Node g : previous) delta.graphs.add(g.getURI());

        // The file's records in the system graph, with each graph's triple count as stored.
        String now = Instant.now().toString();
        long[] added = { 0 };
        Txn.executeWrite(fresh, () -> {
            var table = fresh.getQuadTable().getNodeTupleTable();
            for (Node g : fileGraphs) {
                NodeId gid = table.getNodeTable().getNodeIdForNode(g);
                long n = Iter.count(table.find(TupleFactory.create4(gid, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny)));
                added[0] += n;
                addRecord(fresh, delta, g, AKG.sourceFile, NodeFactory.createLiteralString(path));
                addRecord(fresh, delta, g, AKG.contentHash, NodeFactory.createLiteralString("sha256:" + sha));
                addRecord(fresh, delta, g, AKG.tripleCount, NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger));
                addRecord(fresh, delta, g, DCTERMS_MODIFIED, NodeFactory.createLiteralDT(now, XSDDatatype.XSDdateTime));
            }
        });
        delta.added = added[0];

        // The check sees the new generation as it will be after the switch. A node is new when
        // the old generation's node table does not know it: in a copy, when its id lies past the
        // copy's node table before the load (the table is append-only); otherwise by a lookup.
        // Inline values count as old (safe).
        NodeTable oldNodes = old.getQuadTable().getNodeTupleTable().getNodeTable();
        long end = firstNew;
        java.util.function.Predicate<Node> newNode = end >= 0
            ? n -> { NodeId id = freshNodes.getNodeIdForNode(n); return id.isPtr() && id.getPtrLocation() >= end; }
            : n -> NodeId.isDoesNotExist(oldNodes.getNodeIdForNode(n));
        // The new generation is committed on disk: the check may read it from several threads,
        // each in a read transaction of its own.
        Delta.ParallelReads reads = new Delta.ParallelReads() {
            @Override public <T> T inRead(java.util.function.Function<org.apache.jena.graph.Graph, T> body) {
                return KgStore.readTransaction(fresh, () -> body.apply(fresh.getUnionGraph()));
            }
        };
        KgStore.readTransaction(fresh, () -> {
            check.check(fresh.getUnionGraph(), new Delta(delta.subjects, delta.hierarchy, newNode, false, reads), change);
            return null;
        });
        return new TextDelta(textRemoved, textAdded);
    }

    /** The old generation's quads into the loader, less the file's previous graphs and the graphs it brings. */
    private static void copyQuads(DatasetGraphTDB old, StreamRDF dest, Set<Node> previous, Set<Node> fileGraphs,
                                  DeltaRecorder delta, List<Quad> textRemoved, Progress progress) {
            progress.begin("copying the store into the new storage generation", "quads");
            long copied = 0;
            Iterator<Quad> quads = old.getQuadTable().find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            while (quads.hasNext()) {
                Quad q = quads.next();
                Node g = q.getGraph();
                boolean dropped = previous.contains(g) || fileGraphs.contains(g)
                    || (g.equals(SYSTEM) && previous.contains(q.getSubject()));
                if (dropped) {
                    delta.record(g, q.getSubject(), q.getPredicate());
                    if (q.getObject().isLiteral() && FullTextIndex.indexes(q.getPredicate())) textRemoved.add(q);
                    continue;
                }
                dest.quad(q);
                if (++copied % 100_000 == 0) progress.advance(copied);
            }
            Iterator<Triple> triples = old.getTripleTable().find(Node.ANY, Node.ANY, Node.ANY);
            while (triples.hasNext()) dest.triple(triples.next());
            progress.end();
    }

    /** Deletes the quads of graph {@code g} (with subject {@code s}) from the copy, recording them. */
    private static void dropInCopy(DatasetGraphTDB copy, DeltaRecorder delta, List<Quad> textRemoved, Node g, Node s) {
        List<Quad> gone = new ArrayList<>();
        copy.getQuadTable().find(g, s, Node.ANY, Node.ANY).forEachRemaining(gone::add);
        for (Quad q : gone) {
            delta.record(g, q.getSubject(), q.getPredicate());
            if (q.getObject().isLiteral() && FullTextIndex.indexes(q.getPredicate())) textRemoved.add(q);
        }
        KgStore.deleteByIds(copy.getQuadTable().getNodeTupleTable(), g, s); // by ids: see KgStore.deleteByIds
    }

    private static void addRecord(DatasetGraphTDB dsg, DeltaRecorder delta, Node g, Node p, Node o) {
        dsg.add(SYSTEM, g, p, o);
        delta.record(SYSTEM, g, p);
    }

    /** The switch of the running container, as compaction makes it: transactions move over, then the dataset. */
    private static void switchTo(DatasetGraphSwitchable container, DatasetGraphTDB old, Path next) {
        DatasetGraphTDB fresh = StoreConnection.connectCreate(Location.create(next.toString())).getDatasetGraphTDB();
        fresh.getContext().set(TDB2.symUnionDefaultGraph, true);
        TransactionCoordinator txnMgr1 = old.getTxnSystem().getTxnMgr();
        TransactionCoordinator txnMgr2 = fresh.getTxnSystem().getTxnMgr();
        txnMgr2.execExclusive(() -> {
            txnMgr2.takeOverFrom(txnMgr1);
            txnMgr2.modifyConfigDirect(() -> txnMgr1.listExternals().forEach(txnMgr2::addExternal));
            if (!container.change(old, fresh)) container.set(fresh);
        });
    }

    /**
     * Deletes every {@code Data-NNNN} folder below the current one: generations a bulk load (or a
     * compaction) replaced, left behind when the process died before deleting them. Called after
     * the store is connected, so its lock is held and no other process uses them.
     */
    static void deleteOlderGenerations(DatasetGraphSwitchable container) {
        Path current = Path.of(((DatasetGraphTDB) container.get()).getLocation().getDirectoryPath());
        int n = number(current);
        try (Stream<Path> list = Files.list(container.getContainerPath())) {
            for (Path p : list.toList()) {
                Matcher m = GENERATION.matcher(p.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) < n && Files.isDirectory(p)) {
                    LOG.info("deleting the replaced storage generation {}", p);
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + container.getContainerPath(), e);
        }
    }

    private static int number(Path generation) {
        Matcher m = GENERATION.matcher(generation.getFileName().toString());
        if (!m.matches()) throw new IllegalStateException("not a TDB2 storage generation: " + generation);
        return Integer.parseInt(m.group(1));
    }

    /**
     * The old generation's files copied as they are into a new folder: a consistent database,
     * because no writer is active on the container (it is in read-only mode) and TDB2 writes
     * through memory-mapped files, which a read of the file sees. The lock file stays behind.
     */
    private static void copyFiles(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> list = Files.list(from)) {
                for (Path f : list.toList())
                    if (Files.isRegularFile(f) && !f.getFileName().toString().equals("tdb.lock"))
                        Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the storage generation " + from + " to " + to, e);
        }
    }

    /** The new folder with the old generation's settings files, as compaction copies them. */
    private static void createWithConfig(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> list = Files.list(from)) {
                for (Path f : list.toList()) {
                    String name = f.getFileName().toString();
                    if (name.equals("tdb.cfg") || name.endsWith(".opt")) Files.copy(f, to.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the storage generation " + to, e);
        }
    }

    /** Makes the rename durable (the directory entry), not only visible. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {}", dir, e); // some file systems refuse; the rename stands
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
