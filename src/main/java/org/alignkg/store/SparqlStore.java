package org.alignkg.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.alignkg.InvalidInputException;
import org.alignkg.QueryTimeoutException;
import org.alignkg.SourceLocation;
import org.alignkg.StoreUnavailableException;
import org.alignkg.ontology.AKG;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdflink.RDFLink;
import org.apache.jena.rdflink.RDFLinkHTTP;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecutionAdapter;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.exec.http.QuerySendMode;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.update.UpdateRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.html.HtmlEscapers;

/**
 * alignkg's graphs on another SPARQL 1.1 server (Fuseki, Virtuoso, GraphDB, Neptune…), through
 * Jena's {@link RDFLink} and its HTTP query execution. alignkg owns the graphs under
 * {@link AKG#GRAPH_BASE} on that server and leaves every other graph alone; queries see whatever
 * the server's default graph is, which must be the union of its named graphs (Fuseki:
 * {@code tdb2:unionDefaultGraph true}; Virtuoso does so by default).
 *
 * <p>The write path keeps the embedded store's rules. {@link #apply} reads alignkg's graphs as they
 * are on the server into an in-memory TDB2 scratch store and carries the change out there with the
 * same code and the same check as the embedded store (delta-limited SHACL); only if that passes is
 * one SPARQL Update request sent, replacing each graph the change touched ({@code DROP SILENT
 * GRAPH} for all of them, then one {@code INSERT DATA}). An engine that runs a request in one
 * transaction (Fuseki over TDB2) applies it all or nothing. Writes through one alignkg are
 * serialised; two alignkg front ends writing the same server at once can lose one another's
 * change (SPARQL 1.1 has no conditional update): let one of them write.
 *
 * <p>Failures are translated once, here: no connection (refused, reset, connect time-out) or an
 * HTTP 502/503/504 from the engine is {@link StoreUnavailableException} (exit 69, HTTP 503); a
 * request time-out is {@link QueryTimeoutException}; the engine's 400 is
 * {@link InvalidInputException}. Messages name the endpoint URL, never the credentials.
 */
public final class SparqlStore implements TripleStore {
    private static final Logger LOG = LoggerFactory.getLogger(SparqlStore.class);
    private static final String SYSTEM = AKG.SYSTEM_GRAPH;
    private static final Var G = Var.alloc("g"), S = Var.alloc("s"), P = Var.alloc("p"), O = Var.alloc("o");
    /** Alignkg's own graphs on a shared server; other data there is never read by a write, nor replaced. */
    private static final String OURS = "FILTER(STRSTARTS(STR(?g), \"" + AKG.GRAPH_BASE + "\"))";

    /** How {@link #searchText} asks the engine: its own full-text index, or a portable filter. */
    public enum TextSearch {
        /** jena-text's {@code text:query} (Fuseki with a text dataset). */
        JENA_TEXT("jena-text"),
        /** Virtuoso's {@code bif:contains} (needs its free-text index on literals). */
        VIRTUOSO("virtuoso"),
        /** {@code FILTER(CONTAINS(LCASE(...)))} for every word: any SPARQL 1.1 engine, no index, no ranking. */
        REGEX("regex");

        private final String option;

        TextSearch(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }

        public static TextSearch of(String option) {
            for (TextSearch t : values()) if (t.option.equalsIgnoreCase(option)) return t;
            throw new InvalidInputException(SourceLocation.of("--text-search"),
                "unknown full-text search '" + option + "'; use jena-text, virtuoso or regex");
        }
    }

    /**
     * Where the server answers: the query endpoint, the update endpoint and the Graph Store
     * endpoint (the latter two default to the first, as Fuseki's dataset URL serves all three),
     * and the credentials (null: none). {@link #toString} leaves the password out.
     */
    public record Endpoints(String query, String update, String graphStore, String user, String password, TextSearch textSearch) {
        public Endpoints {
            Objects.requireNonNull(query, "query");
            if (update == null) update = query;
            if (graphStore == null) graphStore = query;
            if (textSearch == null) textSearch = TextSearch.REGEX;
        }

        /** The distinct endpoint URLs (often all the same: Set.of would refuse the duplicates). */
        Set<String> urls() {
            return new java.util.LinkedHashSet<>(List.of(query, update, graphStore));
        }

        @Override public String toString() {
            return query + (update.equals(query) ? "" : " (update " + update + ")") + (user == null ? "" : " as user " + user);
        }
    }

    /** Time limit of the store's own requests (the ping, the graph walks, the snapshot before a write). */
    static final Duration OWN_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final Endpoints endpoints;
    private final Path cacheDir;
    private final HttpClient http;
    private final RDFLink link;
    private final AtomicLong generation = new AtomicLong();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private volatile ChangeCheck check = ChangeCheck.NONE;

    private SparqlStore(Endpoints endpoints, Path cacheDir) {
        this.endpoints = endpoints;
        this.cacheDir = cacheDir;
        if (endpoints.user() != null) {
            // Jena's own authentication answers Basic and Digest challenges (Virtuoso's
            // /sparql-auth asks for Digest, which the JDK client alone does not do).
            for (String url : endpoints.urls())
                AuthEnv.get().registerUsernamePassword(URI.create(url), endpoints.user(), endpoints.password());
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        // parseCheckSPARQL(false): engine extensions (Virtuoso's OPTION (score ?sc)) must reach the engine as written.
        this.link = RDFLinkHTTP.newBuilder().queryEndpoint(endpoints.query()).updateEndpoint(endpoints.update())
            .gspEndpoint(endpoints.graphStore()).httpClient(http).parseCheckSPARQL(false)
            // An HTML-form POST: a long query (or one with characters java.net.URI refuses) meets no URL
            // limit, and every engine takes it (Virtuoso 7 never answers a direct application/sparql-query POST).
            .querySendMode(QuerySendMode.asPostForm).build();
    }

    /**
     * Connects to the server and checks that it answers ({@code ASK {}}); an unreachable server is
     * {@link StoreUnavailableException} naming the URL.
     */
    public static SparqlStore open(Endpoints endpoints, Path cacheDir) {
        SparqlStore s = new SparqlStore(endpoints, cacheDir);
        s.guard(() -> {
            try (QueryExec qe = QueryExecHTTP.newBuilder().endpoint(endpoints.query()).httpClient(s.http).queryString("ASK {}")
                    .sendMode(QuerySendMode.asPostForm).timeout(15, TimeUnit.SECONDS).build()) {
                return qe.ask();
            }
        });
        return s;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    @Override public String location() {
        return endpoints.query();
    }

    @Override public Path cacheDir() {
        return cacheDir;
    }

    @Override public long generation() {
        return generation.get();
    }

    @Override public SparqlStore checkWith(ChangeCheck c) {
        this.check = Objects.requireNonNull(c, "check");
        return this;
    }

    @Override public void addCommitListener(CommitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---- writes --------------------------------------------------------------------------------

    @Override public Applied apply(Change change) {
        Objects.requireNonNull(change, "change");
        Applied applied;
        long gen;
        synchronized (writeLock) {
            try (KgStore scratch = KgStore.inMemory()) {
                List<Quad> now = ourQuads();
                scratch.apply(Change.restore(location(), now));
                scratch.checkWith(check);
                Applied done = scratch.apply(change); // validated exactly as the embedded store validates
                Set<String> changed = new java.util.TreeSet<>(done.commit().changedGraphs());
                for (String g : changed)
                    if (!g.startsWith(AKG.GRAPH_BASE))
                        throw new InvalidInputException(SourceLocation.of(change.source()), "on a remote store alignkg writes only its own graphs (under <"
                            + AKG.GRAPH_BASE + ">); <" + g + "> belongs to the server's other data");
                boolean defaultGraphWritten = scratch.read(d -> d.find(Quad.defaultGraphIRI, Node.ANY, Node.ANY, Node.ANY).hasNext());
                if (defaultGraphWritten)
                    throw new InvalidInputException(SourceLocation.of(change.source()),
                        "on a remote store alignkg writes only named graphs; the change writes the default graph");
                if (!changed.isEmpty()) send(replaceRequest(scratch, changed));
                applied = done;
            } finally {
                gen = generation.incrementAndGet();
            }
        }
        Commit commit = new Commit(gen, applied.commit().changedGraphs());
        for (CommitListener l : listeners) {
            try {
                l.committed(commit);
            } catch (RuntimeException e) {
                LOG.warn("commit listener {} failed on generation {}", l, gen, e);
            }
        }
        return new Applied(commit, applied.quadsAdded());
    }

    /** Quads per INSERT DATA operation: Virtuoso's SPARQL compiler runs out of memory near 5,000. */
    static final int INSERT_CHUNK = 1000;

    /**
     * DROP SILENT GRAPH for each changed graph, then INSERT DATA operations with what they hold
     * now, all in one request. The quads are cut into operations of {@link #INSERT_CHUNK}. The
     * quads with a blank node all go in one {@code INSERT { ... } WHERE { }} of their own: a blank
     * node label means one node only within its operation, and Virtuoso refuses blank nodes in
     * {@code INSERT DATA} (a template makes fresh ones, as INSERT DATA does elsewhere).
     */
    static UpdateRequest replaceRequest(KgStore scratch, Set<String> changed) {
        UpdateRequest req = new UpdateRequest();
        List<Quad> withBlank = new ArrayList<>();
        List<Quad> plain = new ArrayList<>();
        scratch.read(d -> {
            for (String g : changed) {
                Node gn = NodeFactory.createURI(g);
                req.add(new UpdateDrop(gn, true));
                d.find(gn, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q ->
                    (q.getSubject().isBlank() || q.getObject().isBlank() ? withBlank : plain).add(q));
            }
            return null;
        });
        for (List<Quad> group : blankGroups(withBlank)) {
            UpdateModify template = new UpdateModify();
            group.forEach(template.getInsertAcc()::addQuad);
            template.setElement(new ElementGroup());
            req.add(template);
        }
        for (int i = 0; i < plain.size(); i += INSERT_CHUNK) {
            QuadDataAcc data = new QuadDataAcc();
            plain.subList(i, Math.min(plain.size(), i + INSERT_CHUNK)).forEach(data::addQuad);
            req.add(new UpdateDataInsert(data));
        }
        return req;
    }

    /** Quads per template operation: Virtuoso refuses one whose generated SQL passes 10,000 lines. */
    static final int TEMPLATE_CHUNK = 100;

    /**
     * The blank-node quads in groups of about {@link #TEMPLATE_CHUNK}, never splitting quads that
     * share a blank node (directly or through others: an RDF list, a SHACL property shape), so that
     * each blank node is written by exactly one operation, and never mixing graphs in one group.
     */
    static List<List<Quad>> blankGroups(List<Quad> quads) {
        Map<Node, Node> parent = new java.util.HashMap<>();
        Function<Node, Node> find = new Function<>() {
            @Override public Node apply(Node n) {
                Node p = parent.getOrDefault(n, n);
                if (p.equals(n)) return n;
                Node root = apply(p);
                parent.put(n, root);
                return root;
            }
        };
        for (Quad q : quads) {
            Node s = q.getSubject(), o = q.getObject();
            if (s.isBlank() && o.isBlank()) {
                Node a = find.apply(s), b = find.apply(o);
                if (!a.equals(b)) parent.put(a, b);
            }
        }
        Map<Node, List<Quad>> components = new LinkedHashMap<>();
        for (Quad q : quads) {
            Node key = find.apply(q.getSubject().isBlank() ? q.getSubject() : q.getObject());
            components.computeIfAbsent(key, k -> new ArrayList<>()).add(q);
        }
        List<List<Quad>> out = new ArrayList<>();
        List<Quad> current = new ArrayList<>();
        for (List<Quad> c : components.values()) {
            // One graph per template: Virtuoso 7.2 answers a template with blank nodes in two GRAPH
            // blocks with "SR002: Function string_output_string needs a string output as argument 1,
            // not an arg of type INTEGER", whatever the literals. A component that itself spans
            // graphs (one blank node in two graphs) stays whole; alignkg's graphs are one parsed
            // file each, so their blank nodes never do.
            if (!current.isEmpty() && (current.size() + c.size() > TEMPLATE_CHUNK
                    || !current.get(0).getGraph().equals(c.get(0).getGraph()))) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.addAll(c);
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    private volatile int requestQuads;

    /**
     * Sends a write as several requests of about {@code quads} quads each instead of one (0: one
     * request, the default). For an engine that cannot take a large request and does not make one
     * atomic anyway: Virtuoso 7 refuses a request whose compiled code passes its limit (the shipped
     * data in one request does). The drops go first, so a write cut short is repaired by the next sync.
     */
    public SparqlStore withRequestLimit(int quads) {
        this.requestQuads = Math.max(0, quads);
        return this;
    }

    private void send(UpdateRequest request) {
        List<UpdateRequest> parts = new ArrayList<>();
        if (requestQuads <= 0) parts.add(request);
        else {
            UpdateRequest part = new UpdateRequest();
            int n = 0;
            for (org.apache.jena.update.Update op : request.getOperations()) {
                int size = op instanceof UpdateDataInsert d ? d.getQuads().size()
                    : op instanceof UpdateModify m ? m.getInsertQuads().size() : 0;
                if (n > 0 && n + size > requestQuads) {
                    parts.add(part);
                    part = new UpdateRequest();
                    n = 0;
                }
                part.add(op);
                n += size;
            }
            if (!part.getOperations().isEmpty()) parts.add(part);
        }
        for (UpdateRequest r : parts)
            guard(() -> {
                link.update(r);
                return null;
            });
    }

    @Override public long restore(Path file) {
        List<Quad> quads = Backup.read(file);
        apply(Change.restore(file.toString(), quads));
        return quads.size();
    }

    // ---- reads ---------------------------------------------------------------------------------

    @Override public <T> T read(Function<DatasetGraph, T> action) {
        return guard(() -> action.apply(new SparqlDatasetGraph(this::select)));
    }

    @Override public <T> T query(Query query, List<String> defaultGraphs, List<String> namedGraphs, Binding binding,
            long timeoutMillis, Function<QueryExecution, T> use) {
        return guard(() -> {
            QueryExecHTTPBuilder b = QueryExecHTTP.newBuilder().endpoint(endpoints.query()).httpClient(http)
                .query(query).substitution(binding).timeout(timeoutMillis, TimeUnit.MILLISECONDS).sendMode(QuerySendMode.asPostForm);
            defaultGraphs.forEach(b::addDefaultGraphURI);
            namedGraphs.forEach(b::addNamedGraphURI);
            try (QueryExecution qe = QueryExecutionAdapter.adapt(b.build())) {
                return use.apply(qe);
            }
        });
    }

    /** The rows of a SELECT, copied. */
    List<Binding> select(String queryText) {
        return guard(() -> {
            try (QueryExec qe = QueryExecHTTP.newBuilder().endpoint(endpoints.query()).httpClient(http).queryString(queryText)
                    .sendMode(QuerySendMode.asPostForm).timeout(OWN_REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build()) {
                RowSet rs = qe.select();
                List<Binding> rows = new ArrayList<>();
                rs.forEachRemaining(rows::add);
                return rows;
            }
        });
    }

    /** Every quad of alignkg's graphs, in one request. */
    private List<Quad> ourQuads() {
        List<Quad> out = new ArrayList<>();
        for (Binding b : select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } " + OURS + " }"))
            out.add(Quad.create(b.get(G), b.get(S), b.get(P), b.get(O)));
        return out;
    }

    @Override public Map<String, String> loadedFiles() {
        Map<String, String> out = new TreeMap<>();
        for (Binding b : select("SELECT ?path ?hash WHERE { GRAPH <" + SYSTEM + "> { ?g <" + AKG.sourceFile.getURI() + "> ?path ; <"
                + AKG.contentHash.getURI() + "> ?hash } }"))
            out.put(b.get(Var.alloc("path")).getLiteralLexicalForm(), b.get(Var.alloc("hash")).getLiteralLexicalForm());
        return out;
    }

    @Override public Map<String, Long> graphSizes() {
        Map<String, Long> sizes = new TreeMap<>();
        for (Binding b : select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } " + OURS + " } GROUP BY ?g"))
            sizes.put(b.get(G).getURI(), ((Number) b.get(Var.alloc("n")).getLiteralValue()).longValue());
        return sizes;
    }

    @Override public long quadCount() {
        return graphSizes().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * As the embedded store's, except that every blank node counts as the same one: a server
     * labels blank nodes afresh in each answer, so their labels cannot enter a hash that must stay
     * the same while the data does.
     */
    @Override public String contentHash() {
        List<String> lines = new ArrayList<>();
        for (Quad q : ourQuads())
            lines.add(hashTerm(q.getSubject()) + ' ' + hashTerm(q.getPredicate()) + ' '
                + hashTerm(q.getObject()) + ' ' + hashTerm(q.getGraph()));
        lines.sort(null);
        MessageDigest md = DigestUtils.getSha256Digest();
        for (String l : lines) md.update((l + '\n').getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static String hashTerm(Node n) {
        return n.isBlank() ? "_:b" : NodeFmtLib.strNT(n);
    }

    @Override public Graph copyOf(Node graph) {
        Graph copy = GraphFactory.createGraphMem();
        String where = graph == null ? "GRAPH ?g { ?s ?p ?o }" : "GRAPH " + NodeFmtLib.strNT(graph) + " { ?s ?p ?o }";
        for (Binding b : select("SELECT DISTINCT ?s ?p ?o WHERE { " + where + " }"))
            copy.add(Triple.create(b.get(S), b.get(P), b.get(O)));
        return copy;
    }

    @Override public Map<Node, Graph> copyAll() {
        Map<Node, Graph> out = new TreeMap<>((a, b) -> a.getURI().compareTo(b.getURI()));
        for (Quad q : ourQuads()) out.computeIfAbsent(q.getGraph(), g -> GraphFactory.createGraphMem()).add(q.asTriple());
        return new LinkedHashMap<>(out);
    }

    @Override public long backup(OutputStream out) {
        DatasetGraph dsg = DatasetGraphFactory.create();
        ourQuads().forEach(dsg::add);
        try {
            return Backup.write(dsg, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup", e);
        }
    }

    // ---- full-text search ----------------------------------------------------------------------

    @Override public List<FullTextIndex.Match> searchText(String query, int limit) {
        List<String> words = words(query);
        if (words.isEmpty())
            throw new InvalidInputException(SourceLocation.of("search query"), "cannot parse '" + query + "': no words to search for");
        StringBuilder values = new StringBuilder();
        FullTextIndex.FIELDS.values().forEach(p -> values.append('<').append(p).append("> "));
        int n = Math.max(1, limit);
        String q = switch (endpoints.textSearch()) {
            case JENA_TEXT -> {
                // text:query without a property searches only the index's default field: ask each field.
                String lucene = NodeFmtLib.strNT(NodeFactory.createLiteralString(query));
                List<String> arms = new ArrayList<>();
                for (String p : FullTextIndex.FIELDS.values())
                    arms.add("{ (?s ?score ?lit) text:query (<" + p + "> " + lucene + " " + n + ") . BIND(<" + p + "> AS ?p) }");
                yield "PREFIX text: <http://jena.apache.org/text#>\nSELECT ?s ?p ?lit ?score WHERE { " + String.join(" UNION ", arms)
                    + " } ORDER BY DESC(?score) ?s LIMIT " + n;
            }
            // Virtuoso wants bif:contains in the group of the pattern that binds ?lit (SP031 otherwise)
            // and reserves ?score inside the free-text pattern: it is bound as ?sc and renamed outside.
            case VIRTUOSO -> "SELECT ?s ?p ?lit ?score WHERE { VALUES ?p { " + values + "} GRAPH ?g { ?s ?p ?lit . ?lit bif:contains "
                + NodeFmtLib.strNT(NodeFactory.createLiteralString(virtuosoExpression(words))) + " OPTION (score ?sc) } BIND(?sc AS ?score) } ORDER BY DESC(?score) ?s LIMIT " + n;
            case REGEX -> {
                StringBuilder f = new StringBuilder();
                for (String w : words)
                    f.append(" FILTER(CONTAINS(LCASE(STR(?lit)), ").append(NodeFmtLib.strNT(NodeFactory.createLiteralString(w.toLowerCase(Locale.ROOT)))).append("))");
                yield "SELECT ?s ?p ?lit WHERE { VALUES ?p { " + values + "} GRAPH ?g { ?s ?p ?lit }" + f
                    + " } ORDER BY STRLEN(STR(?lit)) ?s LIMIT " + n;
            }
        };
        List<FullTextIndex.Match> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> fieldOf = new java.util.HashMap<>();
        FullTextIndex.FIELDS.forEach((field, p) -> fieldOf.put(p, field));
        for (Binding b : select(q)) {
            Node s = b.get(S), lit = b.get(Var.alloc("lit"));
            if (s == null || lit == null || !lit.isLiteral()) continue;
            String subject = s.isURI() ? s.getURI() : "_:" + s.getBlankNodeLabel();
            String field = fieldOf.get(b.get(P).getURI());
            if (!seen.add(subject + ' ' + field + ' ' + lit.getLiteralLexicalForm())) continue;
            Node score = b.get(Var.alloc("score"));
            float sc = score != null && score.isLiteral() && score.getLiteralValue() instanceof Number num ? num.floatValue() : 1f;
            out.add(new FullTextIndex.Match(subject, field, sc, snippet(lit.getLiteralLexicalForm(), words)));
            if (out.size() >= n) break;
        }
        return out;
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "TO");

    /** The words of a Lucene-syntax query, without its operators: what the portable filter and Virtuoso look for. */
    static List<String> words(String query) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(query == null ? "" : query);
        while (m.find()) if (!OPERATORS.contains(m.group())) out.add(m.group());
        return out;
    }

    private static String virtuosoExpression(List<String> words) {
        List<String> quoted = words.stream().map(w -> "\"" + w + "\"").toList();
        return String.join(" AND ", quoted);
    }

    /** The text around the first word found, HTML-escaped, the words marked with {@code <b>}. */
    static String snippet(String text, List<String> words) {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String w : words) {
            int i = lower.indexOf(w.toLowerCase(Locale.ROOT));
            if (i >= 0 && (at < 0 || i < at)) at = i;
        }
        int start = Math.max(0, at - 60);
        int end = Math.min(text.length(), start + 160);
        String cut = (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
        String html = HtmlEscapers.htmlEscaper().escape(cut);
        for (String w : words)
            html = html.replaceAll("(?i)(" + Pattern.quote(HtmlEscapers.htmlEscaper().escape(w)) + ")", "<b>$1</b>");
        return html;
    }

    /** The engine keeps its own index (or none) and does not say how large it is. */
    @Override public long textIndexSize() {
        return -1;
    }

    @Override public void close() {
        link.close();
        if (endpoints.user() != null)
            for (String url : endpoints.urls())
                AuthEnv.get().unregisterUsernamePassword(URI.create(url));
    }

    // ---- errors --------------------------------------------------------------------------------

    /** Runs {@code call}, translating what the HTTP client and the engine throw into alignkg's errors. */
    private <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (QueryCancelledException e) {
            throw new QueryTimeoutException("the SPARQL server at " + location() + " did not answer within the time limit", e);
        } catch (RuntimeException e) {
            if (e instanceof org.alignkg.AlignKgException) throw e;
            RuntimeException translated = translate(e);
            if (translated == null) throw e;
            throw translated;
        }
    }

    private RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException || t instanceof java.nio.channels.ClosedChannelException)
                return unavailable("cannot connect (" + reason(t) + ")", e);
            if (t instanceof HttpTimeoutException)
                return new QueryTimeoutException("the SPARQL server at " + location() + " did not answer within the time limit", e);
            if (t instanceof IOException io)
                return unavailable("the connection failed (" + reason(io) + ")", e);
            int status = t instanceof HttpException he ? he.getStatusCode()
                : t instanceof org.apache.jena.sparql.engine.http.QueryExceptionHTTP qh ? qh.getStatusCode() : -1;
            if (status > 0) {
                String said = engineMessage(t);
                if (status == 400)
                    return new InvalidInputException(SourceLocation.of("query"), "the SPARQL server refused the request: " + said, e);
                if (status == 401 || status == 403)
                    return unavailable("it refused the credentials (HTTP " + status + "; check ALIGNKG_SPARQL_USER and ALIGNKG_SPARQL_PASSWORD)", e);
                if (status == 503 && said.toLowerCase(Locale.ROOT).contains("time"))
                    return new QueryTimeoutException("the SPARQL server at " + location() + " timed out: " + said, e);
                if (status == 502 || status == 503 || status == 504)
                    return unavailable("it is unavailable (HTTP " + status + ": " + said + ")", e);
                if (status == 404)
                    return unavailable("no SPARQL endpoint there (HTTP 404)", e);
                return unavailable("it failed (HTTP " + status + ": " + said + ")", e);
            }
        }
        return null;
    }

    private StoreUnavailableException unavailable(String why, Throwable cause) {
        return new StoreUnavailableException("SPARQL server " + location() + ": " + why, cause);
    }

    private static String reason(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static String engineMessage(Throwable t) {
        String body = t instanceof HttpException he && he.getResponse() != null ? he.getResponse() : t.getMessage();
        if (body == null) return "no message";
        String first = body.strip();
        int nl = first.indexOf('\n');
        if (nl > 0) first = first.substring(0, nl);
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
