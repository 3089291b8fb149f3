package org.alignkg.query;

import java.util.Map;
import java.util.function.Function;

import org.alignkg.InvalidInputException;
import org.alignkg.QueryTimeoutException;
import org.alignkg.SourceLocation;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.text.TextIndexParseException;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.core.Var;

/**
 * Runs SPARQL queries on the store inside read transactions, with a time limit. Callers get the
 * live execution inside the transaction (to stream it) or a copy of the result.
 */
public final class QueryRunner {
    private final TripleStore store;
    private final long timeoutMillis;

    public QueryRunner(TripleStore store, long timeoutMillis) {
        this.store = store;
        this.timeoutMillis = timeoutMillis;
    }

    public TripleStore store() {
        return store;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Executes {@code query} with {@code bindings} substituted for its variables, and hands the
     * execution to {@code use} inside a read transaction. A time-out becomes {@link QueryTimeoutException}.
     */
    public <T> T execute(Query query, Map<String, Node> bindings, Function<QueryExecution, T> use) {
        return execute(query, DatasetSpec.NONE, bindings, use);
    }

    /**
     * As {@link #execute(Query, Map, Function)}, over the dataset {@code spec} describes when it is
     * not empty (SPARQL protocol {@code default-graph-uri} / {@code named-graph-uri}); the protocol's
     * dataset then overrides the query's FROM and FROM NAMED.
     */
    public <T> T execute(Query query, DatasetSpec spec, Map<String, Node> bindings, Function<QueryExecution, T> use) {
        Query q = query;
        if (!spec.isEmpty() && query.hasDatasetDescription()) {
            q = query.cloneQuery();
            q.getGraphURIs().clear();
            q.getNamedGraphURIs().clear();
        }
        BindingBuilder b = BindingBuilder.create();
        bindings.forEach((k, v) -> b.add(Var.alloc(k), v));
        Binding binding = b.build();
        try {
            return store.query(q, spec.defaultGraphs(), spec.namedGraphs(), binding, timeoutMillis, use);
        } catch (QueryCancelledException e) {
            throw new QueryTimeoutException("query cancelled after the time limit of " + timeoutMillis + " ms", e);
        } catch (TextIndexParseException e) {
            // The query parsed; the Lucene query string inside a text:query did not.
            throw new InvalidInputException(SourceLocation.of("query"), "text:query cannot parse its search string: "
                + firstLine(String.valueOf(e.getMessage()).replaceFirst("^\\s*Text search parse error:\\s*", "")), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** A SELECT's rows, copied out of the transaction. */
    public ResultTable select(Query query, Map<String, Node> bindings) {
        return execute(query, bindings, qe -> ResultTable.copyOf(qe.execSelect()));
    }

    /** An ASK's answer. */
    public boolean ask(Query query, Map<String, Node> bindings) {
        return execute(query, bindings, QueryExecution::execAsk);
    }

    /** A CONSTRUCT's or DESCRIBE's graph, copied out of the transaction. */
    public Model graph(Query query, Map<String, Node> bindings) {
        return execute(query, bindings, qe -> query.isConstructType() ? qe.execConstruct() : qe.execDescribe());
    }

    /** A rewindable copy of a SELECT result for formatters that need it inside the caller. */
    public ResultSet rewindable(Query query, Map<String, Node> bindings) {
        return execute(query, bindings, qe -> ResultSetFactory.copyResults(qe.execSelect()));
    }
}
