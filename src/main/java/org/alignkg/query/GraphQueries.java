package org.alignkg.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;

/**
 * Runs the CONSTRUCT queries that build the concept map ({@code queries/graph-view.rq},
 * {@code queries/graph-neighbourhood.rq}): from the loaded named queries when they have them, else
 * from the copies shipped in the jar, so the map works from any folder.
 */
public final class GraphQueries {
    private GraphQueries() { }

    /** A function from query id and bindings to the CONSTRUCT result, for {@code org.alignkg.viz.GraphViews}. */
    public static BiFunction<String, Map<String, Node>, Graph> constructs(NamedQueries named, QueryRunner runner) {
        return constructs(named, (query, bindings) -> runner.graph(query, bindings).getGraph());
    }

    /** As above, with the queries run by {@code run}: the store's runner, or a running alignkg's endpoint ({@code export-graph --server}). */
    public static BiFunction<String, Map<String, Node>, Graph> constructs(NamedQueries named, BiFunction<Query, Map<String, Node>, Graph> run) {
        Map<String, NamedQuery> shipped = new ConcurrentHashMap<>();
        return (id, bindings) -> {
            NamedQuery q = named.get(id).orElseGet(() -> shipped.computeIfAbsent(id, GraphQueries::fromJar));
            if (!q.query().isConstructType())
                throw new InvalidInputException(SourceLocation.of("queries/" + id + ".rq"), "the map needs a CONSTRUCT query");
            return run.apply(q.query(), bindings);
        };
    }

    private static NamedQuery fromJar(String id) {
        String path = "/queries/" + id + ".rq";
        try (InputStream in = GraphQueries.class.getResourceAsStream(path)) {
            if (in == null) throw new InvalidInputException(SourceLocation.of("queries/" + id + ".rq"), "the graph query is missing");
            return NamedQueries.of(Map.of(id, new String(in.readAllBytes(), StandardCharsets.UTF_8))).get(id).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
