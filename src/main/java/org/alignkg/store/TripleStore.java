package org.alignkg.store;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * Where alignkg's graphs live, as every other package sees it. Two kinds: {@link KgStore}, the
 * embedded TDB2 folder (the default), and {@link SparqlStore}, any SPARQL 1.1 server reached over
 * HTTP ({@code --store sparql:URL}). Both keep the same contract: one write path ({@link #apply}),
 * validated before it commits; queries see the union of the named graphs as their default graph;
 * {@link #generation} moves after every write made through this object.
 *
 * <p>Reads come in two grains. {@link #query} runs a SPARQL query where the data is (in-process
 * for TDB2, on the server for a remote store): use it for anything that touches many triples.
 * {@link #read} hands a {@link DatasetGraph} to code that walks a few triples with the graph API
 * (a resource's description, a document's mentions); on a remote store each {@code find} of that
 * dataset is one SPARQL request, so such code must stay local in what it visits.
 */
public interface TripleStore extends AutoCloseable {
    /** What {@link #apply} did: the commit as listeners heard it, and how many quads it added. */
    record Applied(Commit commit, long quadsAdded) { }

    /** Where the store is, for messages: a folder, or the server's URL (never with credentials). */
    String location();

    /**
     * A local folder for indexes derived from the store's data (the passage vectors of
     * {@link PassageIndex}): the store folder itself for TDB2, a cache folder for a remote store.
     */
    Path cacheDir();

    /** Moves after every write through this object (see {@link KgStore#generation()}). */
    long generation();

    /** Sets the check every write must pass before it commits; returns this store. */
    TripleStore checkWith(ChangeCheck c);

    /** {@link #checkWith} the SHACL shapes of {@code shapesGraph}. */
    default TripleStore validateWith(Graph shapesGraph) {
        return checkWith(new ShapeValidator(shapesGraph));
    }

    /** Adds a listener that hears every committed write, after the commit. */
    void addCommitListener(CommitListener listener);

    /** The single write path: validated, then committed as one transaction or one SPARQL Update request. */
    Applied apply(Change change);

    /** Runs {@code action} on the dataset as one validated write ({@link Change#edit}). */
    default void write(Consumer<DatasetGraph> action) {
        apply(Change.edit("write", action));
    }

    /**
     * Runs {@code action} on a read-only view of the dataset; results must be copied out before
     * returning. See the class comment for what a {@code find} costs on a remote store.
     */
    <T> T read(Function<DatasetGraph, T> action);

    /**
     * Runs {@code query} with {@code binding} substituted, over the protocol dataset when
     * {@code defaultGraphs} or {@code namedGraphs} is not empty, with a time limit; hands the
     * execution to {@code use} while it is live (to stream it). Engine errors come out as
     * alignkg's own: a time-out as {@link org.alignkg.QueryTimeoutException}, an unreachable
     * server as {@link org.alignkg.StoreUnavailableException}.
     */
    default <T> T query(Query query, List<String> defaultGraphs, List<String> namedGraphs, Binding binding,
            long timeoutMillis, Function<QueryExecution, T> use) {
        return read(dsg -> {
            DatasetGraph target = defaultGraphs.isEmpty() && namedGraphs.isEmpty() ? dsg : DynamicDatasets.dynamicDataset(
                defaultGraphs.stream().map(NodeFactory::createURI).toList(),
                namedGraphs.stream().map(NodeFactory::createURI).toList(), dsg, false);
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(target)).query(query).substitution(binding)
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS).build()) {
                return use.apply(qe);
            }
        });
    }

    /** File path to "sha256:hex" for every file loaded so far (from the system graph). */
    Map<String, String> loadedFiles();

    /** Number of quads in all of alignkg's named graphs. */
    long quadCount();

    /** Triples per named graph, sorted by graph IRI. */
    Map<String, Long> graphSizes();

    /** Named graphs present. */
    default Set<String> graphNames() {
        return graphSizes().keySet();
    }

    /** A SHA-256 over the sorted N-Quads of the whole store (see {@link KgStore#contentHash()}). */
    String contentHash();

    /** Copy of one graph (or of the union when {@code graph} is null). */
    Graph copyOf(Node graph);

    /** Copies of all named graphs, in IRI order. */
    Map<Node, Graph> copyAll();

    /** Writes the whole store as gzip N-Quads; returns the number of quads written. */
    long backup(OutputStream out);

    /** Replaces everything with a backup's content (one validated write); returns the quads restored. */
    long restore(Path file);

    /** Full-text search over the indexed literals, best first (see {@link FullTextIndex.Match}). */
    List<FullTextIndex.Match> searchText(String query, int limit);

    /** Entries of the full-text index, or -1 where the engine keeps its own and does not say. */
    long textIndexSize();

    @Override
    void close();
}
