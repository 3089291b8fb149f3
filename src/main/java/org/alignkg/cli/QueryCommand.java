package org.alignkg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.query.NamedQueries;
import org.alignkg.query.NamedQuery;
import org.alignkg.query.Page;
import org.alignkg.query.QueryRunner;
import org.alignkg.query.ResultFormat;
import org.alignkg.query.Sparql;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.graph.GraphFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a SPARQL query given as text, as a file, or as the id of a named query. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = { "Run a SPARQL query: the query text, a .rq file, or the id of a query in queries/.",
        "SELECT and ASK print a table (or json, xml, csv, tsv); CONSTRUCT and DESCRIBE print RDF.",
        "With --server, the query (named ones from --queries, parameters bound) runs on that alignkg's /sparql." })
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    ServerOptions server;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "table (default), json, xml, csv, tsv for SELECT/ASK; turtle (default), ntriples, jsonld, rdfxml, trig, nquads for CONSTRUCT/DESCRIBE.")
    String format;

    @Option(names = { "-p", "--param" }, paramLabel = "NAME=VALUE",
        description = "Bind a parameter of a named query (repeatable); the value becomes one RDF term, never query text.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--queries", paramLabel = "DIR", defaultValue = "queries", description = "Named queries folder (default: ${DEFAULT-VALUE}).")
    Path queriesDir;

    @Option(names = "--limit", paramLabel = "N",
        description = "Named queries: solutions per page, replacing the query's own LIMIT (0 to " + Page.MAX_LIMIT + ").")
    String limit;

    @Option(names = "--offset", paramLabel = "N", description = "Named queries: solutions to skip, replacing the query's own OFFSET.")
    String offset;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Time limit (default: ${DEFAULT-VALUE} s).")
    long timeoutSeconds;

    @Parameters(paramLabel = "QUERY|FILE|ID", description = "SPARQL text, a file with it, or a named query id.")
    String input;

    @Override
    public Integer call() throws IOException {
        Query query;
        Map<String, Node> bindings = new LinkedHashMap<>();
        NamedQuery named = NamedQueries.loadOrShipped(queriesDir).get(input).orElse(null);
        if (named != null) {
            query = Page.parse(limit, offset, "--limit", "--offset").applyTo(named.query());
            for (Map.Entry<String, String> e : params.entrySet()) {
                var p = named.params().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(SourceLocation.of("--param " + e.getKey()),
                        "query '" + named.id() + "' has no parameter '" + e.getKey() + "'; it has: "
                            + String.join(", ", named.params().stream().map(NamedQuery.Param::name).toList())));
                bindings.put(p.name(), NamedQueries.toNode(p, e.getValue()));
            }
        } else {
            if (limit != null || offset != null)
                throw new InvalidInputException(SourceLocation.of(limit != null ? "--limit" : "--offset"),
                    "paging applies to named queries only; write LIMIT/OFFSET in the query text");
            if (!params.isEmpty())
                throw new InvalidInputException(SourceLocation.of("--param"), "parameters apply to named queries only; '" + input + "' is not one");
            Path f = Path.of(input);
            boolean isFile = input.endsWith(".rq") || input.endsWith(".sparql") || (!input.contains("{") && Files.isRegularFile(f));
            if (isFile && !Files.isRegularFile(f))
                throw new InvalidInputException(SourceLocation.of(input), "no such query file");
            String text = isFile ? Files.readString(f, StandardCharsets.UTF_8) : input;
            query = Sparql.parseQuery(text, isFile ? input : "query");
        }
        ResultFormat fmt = ResultFormat.choose(format, query.isConstructType() || query.isDescribeType(), "--format");
        if (server.given()) {
            // The server applies its own time limit; this one only bounds the wait for its answer.
            ServerClient client = server.client(Duration.ofSeconds(timeoutSeconds + 5));
            PrintWriter w = spec.commandLine().getOut();
            w.flush();
            OutputStream out = new WriterOutputStream(w);
            if (query.isSelectType()) client.select(query, bindings, rs -> {
                fmt.writeResults(out, rs);
                return null;
            });
            else if (query.isAskType()) fmt.writeBoolean(out, client.ask(query, bindings));
            else fmt.writeGraph(out, ModelFactory.createModelForGraph(stableOrder(client.graph(query, bindings))));
            w.flush();
            return 0;
        }
        try (TripleStore store = options.open(); LazySimilar similar = new LazySimilar(store, spec.commandLine().getErr())) {
            // akgf:similar loads the vector index and the model only when the query uses it
            org.alignkg.link.SimilarityFunction.register(store, similar);
            QueryRunner runner = new QueryRunner(store, timeoutSeconds * 1000);
            PrintWriter w = spec.commandLine().getOut();
            w.flush();
            OutputStream out = new WriterOutputStream(w);
            runner.execute(query, bindings, (QueryExecution qe) -> {
                if (query.isSelectType()) fmt.writeResults(out, qe.execSelect());
                else if (query.isAskType()) fmt.writeBoolean(out, qe.execAsk());
                else fmt.writeGraph(out, ModelFactory.createModelForGraph(
                    stableOrder((query.isConstructType() ? qe.execConstruct() : qe.execDescribe()).getGraph())));
                return null;
            });
            w.flush();
        }
        return 0;
    }

    /**
     * A copy of {@code g} (prefixes too) with its triples added in the order of their N-Triples
     * text. Jena's in-memory graph iterates in an order that depends on the history of additions,
     * so the same triples built by a local CONSTRUCT and read from a server's answer (or copied
     * from the store and read back) would print in different orders; rebuilt like this both print
     * the same, on every run and machine.
     */
    static Graph stableOrder(Graph g) {
        List<Map.Entry<String, Triple>> keyed = new ArrayList<>();
        g.find().forEachRemaining(t -> keyed.add(Map.entry(
            NodeFmtLib.strNT(t.getSubject()) + " " + NodeFmtLib.strNT(t.getPredicate()) + " " + NodeFmtLib.strNT(t.getObject()), t)));
        keyed.sort(Map.Entry.comparingByKey());
        Graph out = GraphFactory.createGraphMem();
        out.getPrefixMapping().setNsPrefixes(g.getPrefixMapping());
        for (Map.Entry<String, Triple> e : keyed) out.add(e.getValue());
        return out;
    }

    /** The similarity service of {@code akgf:similar}, opened at its first use (index brought in step, as {@code similar} does). */
    static final class LazySimilar implements java.util.function.Supplier<org.alignkg.link.SimilarService>, AutoCloseable {
        private final TripleStore store;
        private final PrintWriter err;
        private org.alignkg.store.PassageIndex index;
        private org.alignkg.link.SimilarService service;

        LazySimilar(TripleStore store, PrintWriter err) {
            this.store = store;
            this.err = err;
        }

        @Override
        public synchronized org.alignkg.link.SimilarService get() {
            if (service == null) {
                index = org.alignkg.store.PassageIndex.open(org.alignkg.store.PassageIndex.dirOf(store.cacheDir()));
                service = new org.alignkg.link.SimilarService(store, index, org.alignkg.embed.SentenceEncoder.shared());
                service.refresh(new ConsoleProgress(err));
            }
            return service;
        }

        @Override
        public synchronized void close() {
            if (index != null) index.close();
        }
    }

    /** Lets Jena's stream writers print through picocli's writer (which tests capture). */
    static final class WriterOutputStream extends OutputStream {
        private final PrintWriter w;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            buf.write(b);
            if (b == '\n') flush();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buf.write(b, off, len);
            if (buf.size() > 8192) flush();
        }

        @Override
        public void flush() {
            // Cut only at line ends, so a multi-byte character is never split across two writes.
            byte[] bytes = buf.toByteArray();
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') end--;
            if (end == 0) return;
            w.write(new String(bytes, 0, end, StandardCharsets.UTF_8));
            w.flush();
            buf.reset();
            buf.write(bytes, end, bytes.length - end);
        }

        @Override
        public void close() {
            byte[] bytes = buf.toByteArray();
            w.write(new String(bytes, StandardCharsets.UTF_8));
            w.flush();
            buf.reset();
        }
    }
}
