package org.alignkg.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.alignkg.Progress;
import org.alignkg.ShapeViolationException;
import org.alignkg.SourceLocation;
import org.alignkg.ontology.AKG;
import org.alignkg.ontology.ShapeCheck;
import org.alignkg.ontology.ShapeCheck.Violation;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/**
 * The one SHACL check of every write: the nodes whose result can have changed are validated
 * against the shapes with the store's union graph (old data plus the write) as data, inside the
 * write transaction; any violation refuses the write.
 *
 * <p>Which nodes: the subjects of every quad added or removed, plus every node with a forward
 * path of at most {@link ShapeCheck#reach()} steps to one of them (found through the store's
 * object indexes). For SHACL Core shapes with forward paths this is exactly the set of nodes
 * whose validation result can differ from before, and the store conformed before (every commit
 * is checked), so the store conforms after commit iff these nodes do. When the shapes have no
 * such bound, the write adds or removes {@code rdfs:subClassOf} triples, or it replaces the whole
 * store (a restore), the whole union is validated instead.
 */
public final class ShapeValidator implements ChangeCheck {
    static final int MAX_VIOLATIONS_SHOWN = 20;

    private final ShapeCheck shapes;
    private final int parallelMin;

    public ShapeValidator(Graph shapesGraph) {
        this(shapesGraph, PARALLEL_MIN_NODES);
    }

    /** With another threshold for the parallel check (tests). */
    ShapeValidator(Graph shapesGraph, int parallelMin) {
        this.shapes = new ShapeCheck(shapesGraph);
        this.parallelMin = parallelMin;
    }

    @Override
    public void check(Graph union, Delta delta, Change change) {
        Progress progress = change instanceof Change.Bulk b ? b.progress() : Progress.NONE;
        OptionalInt reach = shapes.reach();
        List<Violation> violations;
        if (reach.isEmpty() || delta.classHierarchyChanged() || delta.everything()) {
            progress.begin("validating the whole store", "nodes");
            violations = shapes.check(union);
            progress.end();
        } else {
            Set<Node> affected = new HashSet<>(delta.changedSubjects());
            Set<Node> frontier = delta.changedSubjects();
            for (int step = 0; step < reach.getAsInt() && !frontier.isEmpty(); step++) {
                Set<Node> next = new HashSet<>();
                for (Node n : frontier) {
                    // Whatever points at a node new to the store came with the write: its subject is
                    // already in the delta and walks on from there, so the index lookup is skipped.
                    // Only nodes the store knew before can have referrers outside the write.
                    if (delta.newNode().test(n)) continue;
                    var it = union.find(Node.ANY, Node.ANY, n);
                    while (it.hasNext()) {
                        Node s = it.next().getSubject();
                        if (affected.add(s)) next.add(s);
                    }
                }
                frontier = next;
            }
            progress.begin("validating " + change.source(), "nodes");
            violations = delta.reads() == null || affected.size() < parallelMin
                ? shapes.checkNodes(union, affected, progress::advance)
                : checkInParallel(delta.reads(), affected, progress);
            progress.end();
        }
        violations = violations.stream().filter(Violation::error).toList();
        if (!violations.isEmpty()) throw refusal(violations, change);
    }

    /** Below this many nodes a check stays on one thread (starting threads and transactions costs more). */
    static final int PARALLEL_MIN_NODES = 20_000;
    /** Threads of a parallel check: the machine's cores, at most 4. */
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * The nodes validated in {@link #THREADS} parts at once, each part on its own thread in a read
     * transaction of its own ({@link Delta#reads()}); validation is read-only and a node's result
     * depends on the data only, so the parts' violations together are the serial check's.
     */
    private List<Violation> checkInParallel(Delta.ParallelReads reads, Set<Node> affected, Progress progress) {
        List<List<Node>> parts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) parts.add(new ArrayList<>());
        int i = 0;
        for (Node n : affected) parts.get(i++ % THREADS).add(n);
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "alignkg-validate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<List<Violation>>> futures = new ArrayList<>();
            for (List<Node> part : parts)
                futures.add(pool.submit(() -> reads.inRead(g -> {
                    long[] last = { 0 };
                    return shapes.checkNodes(g, part, n -> {
                        synchronized (done) { // one progress line, not two threads writing at once
                            progress.advance(done.addAndGet(n - last[0]));
                        }
                        last[0] = n;
                    });
                })));
            List<Violation> out = new ArrayList<>();
            for (var f : futures) out.addAll(f.get());
            return ShapeCheck.sorted(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * "first location: does not conform to the SHACL shapes (N violations)" and one line per
     * violation, each prefixed with its own location when the change knows it (file and line).
     */
    private static ShapeViolationException refusal(List<Violation> violations, Change change) {
        List<String> all = new ArrayList<>();
        SourceLocation first = null;
        for (Violation v : violations) {
            SourceLocation where = change.locator().locate(v.focus());
            if (first == null) first = where;
            String text = v.describe(AKG.prefixes());
            all.add(where == null ? text : where + ": " + text);
        }
        if (first == null) first = SourceLocation.of(change.source());
        List<String> shown = all.subList(0, Math.min(MAX_VIOLATIONS_SHOWN, all.size()));
        String detail = "does not conform to the SHACL shapes (" + violations.size() + " violation"
            + (violations.size() == 1 ? "" : "s") + ")\n  " + String.join("\n  ", shown)
            + (all.size() > MAX_VIOLATIONS_SHOWN ? "\n  ..." : "");
        return new ShapeViolationException(first, detail, all);
    }
}
