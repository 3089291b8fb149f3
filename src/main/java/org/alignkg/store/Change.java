package org.alignkg.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * A described write, for {@link KgStore#apply}: what to change, and how a refusal names the
 * input at fault. The store carries every kind out the same way: one write transaction, the
 * delta recorded as it is made, the delta validated, then the commit and the bookkeeping.
 *
 * <pre>
 * store.apply(Change.files(batches, removed).locatedBy(focus -&gt; lineOf(focus)));
 * store.apply(Change.edit("update", dsg -&gt; UpdateExec.dataset(dsg).update(request).execute()));
 * </pre>
 */
public sealed interface Change {
    /** How a refusal names the input: {@code "update"}, {@code "request body"}, a file. */
    String source();

    /** Where a node that violates a shape was written, when the change knows (file and line). */
    Locator locator();

    /** A focus node to the place in the input that wrote it; {@code null} when unknown. */
    @FunctionalInterface
    interface Locator {
        Locator NONE = focus -> null;

        SourceLocation locate(Node focus);
    }

    /**
     * Files, each replacing whatever it put in the store before, and files that are gone
     * ({@code removedPaths}: their graphs are dropped). The system graph records each file's
     * hash, triple count and load time.
     */
    static Files files(List<FileBatch> files, Set<String> removedPaths) {
        return new Files(files, removedPaths, files.isEmpty() ? "store" : files.get(0).path(), Locator.NONE);
    }

    /**
     * One large file streamed from its parser without being held in memory: on disk into a new
     * TDB2 storage generation that replaces the current one when it validates (see
     * {@link KgStore#apply}); otherwise as {@link #files}.
     */
    static Bulk bulk(String path, BulkSource source, Progress progress) {
        return new Bulk(path, source, progress);
    }

    /** Named graphs (IRI to content) that replace the graphs of the same names (link, import). */
    static Graphs graphs(Map<String, Graph> graphs, String source) {
        return new Graphs(graphs, source, Locator.NONE, n -> { });
    }

    /** Any edit of the dataset inside the transaction (SPARQL Update, Graph Store, accepting a suggestion). */
    static Edit edit(String source, Consumer<DatasetGraph> action) {
        return new Edit(source, action);
    }

    /** Everything in the store replaced by these quads (a backup). */
    static Restore restore(String source, List<Quad> quads) {
        return new Restore(source, quads);
    }

    /** Receives the quads of a bulk load, one at a time, on the thread that called {@link KgStore#apply}. */
    @FunctionalInterface
    interface QuadSink {
        void add(Node graph, Node subject, Node predicate, Node object);
    }

    /** Streams one file into a {@link QuadSink} and returns the SHA-256 (hex) of its bytes. */
    @FunctionalInterface
    interface BulkSource {
        String feed(QuadSink sink);
    }

    record Files(List<FileBatch> batches, Set<String> removedPaths, String source, Locator locator) implements Change {
        public Files {
            batches = List.copyOf(batches);
            removedPaths = Set.copyOf(removedPaths);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(locator, "locator");
        }

        public Files locatedBy(Locator l) {
            return new Files(batches, removedPaths, source, l);
        }
    }

    record Bulk(String path, BulkSource feed, Progress progress) implements Change {
        public Bulk {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(feed, "feed");
            Objects.requireNonNull(progress, "progress");
        }

        @Override public String source() { return path; }

        @Override public Locator locator() { return Locator.NONE; }
    }

    record Graphs(Map<String, Graph> graphs, String source, Locator locator, LongConsumer progress) implements Change {
        public Graphs {
            graphs = Map.copyOf(graphs);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(locator, "locator");
            Objects.requireNonNull(progress, "progress");
        }

        public Graphs locatedBy(Locator l) {
            return new Graphs(graphs, source, l, progress);
        }

        /** {@code progress} hears the number of graphs written so far. */
        public Graphs reporting(LongConsumer p) {
            return new Graphs(graphs, source, locator, p);
        }
    }

    record Edit(String source, Consumer<DatasetGraph> action) implements Change {
        public Edit {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(action, "action");
        }

        @Override public Locator locator() { return Locator.NONE; }
    }

    record Restore(String source, List<Quad> quads) implements Change {
        public Restore {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(quads, "quads"); // not copied: a backup can hold millions
        }

        @Override public Locator locator() { return Locator.NONE; }
    }
}
