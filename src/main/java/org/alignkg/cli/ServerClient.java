package org.alignkg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.alignkg.InvalidInputException;
import org.alignkg.QueryTimeoutException;
import org.alignkg.SourceLocation;
import org.alignkg.StoreBusyException;
import org.alignkg.StoreUnavailableException;
import org.alignkg.link.LinkService;
import org.alignkg.link.SimilarService;
import org.alignkg.query.ResultTable;
import org.alignkg.query.Sparql;
import org.alignkg.query.StoreStats;
import org.apache.jena.atlas.json.JsonException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.resultset.ResultSetException;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The read commands' one client of a running alignkg ({@code --server URL}): it asks the server's
 * existing endpoints instead of opening the store, so the commands work while {@code serve} holds
 * the store's lock. Queries go to {@code /sparql} (results as SPARQL JSON, graphs as N-Triples),
 * the dataset comes from the Graph Store protocol ({@code GET /data}) as N-Quads with blank node
 * labels kept, search and similarity from {@code /api/search} and {@code /api/similar}: each is read
 * into what the store or the local service returns (a result set, a graph, the same records), and
 * the command prints it with its own writer. The output is therefore the local command's, byte for
 * byte (graphs are printed in a stable order on both paths: {@code QueryCommand.stableOrder}).
 *
 * <p>Errors are translated here, once: the server unreachable is {@link StoreUnavailableException}
 * (exit 69) naming the URL; its 4xx answers are {@link InvalidInputException} (65, as the same bad
 * input is locally) with the server's message; 503 (time limit, index not enabled) is
 * {@link StoreBusyException} (75, try again); no answer in time is {@link QueryTimeoutException}
 * (75); other 5xx are 69. A token in {@code ALIGNKG_TOKEN} is sent as {@code Authorization: Bearer}
 * (only {@code /admin/backup} needs one) and never printed.
 */
final class ServerClient {
    static final String TOKEN_ENV = "ALIGNKG_TOKEN";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULTS = "application/sparql-results+json";
    private static final Query GRAPH_SIZES = Sparql.parseQuery(
        "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "stats");

    private final String base;
    private final HttpClient http;
    private final String token;
    private final Duration timeout;

    private ServerClient(String base, Duration timeout, String token) {
        this.base = base;
        this.timeout = timeout;
        this.token = token;
        // No redirects: the token must not follow one to another host.
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A client of the alignkg at {@code url} ({@code http://host:port}, also accepted with the
     * {@code /sparql} that {@code serve} prints), waiting at most {@code timeout} for an answer.
     * Nothing is sent yet. A URL that is not http(s) is an {@link IllegalArgumentException}.
     */
    static ServerClient of(String url, Duration timeout) {
        String u = url.strip();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        if (u.endsWith("/sparql")) u = u.substring(0, u.length() - "/sparql".length());
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null)
            throw new IllegalArgumentException("'" + url + "' is not the http:// or https:// address of a running alignkg, e.g. http://127.0.0.1:7070");
        String t = System.getenv(TOKEN_ENV);
        return new ServerClient(u, timeout, t == null || t.isBlank() ? null : t.strip());
    }

    /** The server's base URL, as the commands print it in place of a store folder. */
    String url() {
        return base;
    }

    // ---- SPARQL -------------------------------------------------------------------------------

    /** A SELECT on the server's {@code /sparql}, its rows handed to {@code use} as they are read. */
    <T> T select(Query query, Map<String, Node> bindings, Function<ResultSet, T> use) {
        try (InputStream in = sparql(query, bindings, RESULTS)) {
            return use.apply(ResultSetMgr.read(in, ResultSetLang.RS_JSON));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (RiotException | JsonException | ResultSetException e) {
            throw broken(e);
        }
    }

    /** An ASK's answer. */
    boolean ask(Query query, Map<String, Node> bindings) {
        try (InputStream in = sparql(query, bindings, RESULTS)) {
            return ResultSetMgr.readBoolean(in, ResultSetLang.RS_JSON);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (RiotException | JsonException | ResultSetException e) {
            throw broken(e);
        }
    }

    /**
     * A CONSTRUCT's or DESCRIBE's graph, with the query's prefixes (as Jena gives them locally). Its
     * iteration order is not the local one: {@code QueryCommand.stableOrder} makes both the same.
     */
    Graph graph(Query query, Map<String, Node> bindings) {
        Graph g;
        try (InputStream in = sparql(query, bindings, "application/n-triples")) {
            g = rebuilt(in);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (RiotException e) {
            throw broken(e);
        }
        g.getPrefixMapping().setNsPrefixes(query.getPrefixMapping());
        return g;
    }

    /**
     * Sends {@code query}, with {@code bindings} substituted the way {@code QueryRunner} asks Jena
     * to locally (syntactically, before execution), to {@code /sparql}.
     */
    private InputStream sparql(Query query, Map<String, Node> bindings, String accept) {
        Query q = bindings.isEmpty() ? query : QueryTransformOps.transform(query,
            bindings.entrySet().stream().collect(Collectors.toMap(e -> Var.alloc(e.getKey()), Map.Entry::getValue)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/sparql"))
            .header("Content-Type", "application/sparql-query; charset=utf-8").header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(q.serialize(), StandardCharsets.UTF_8));
        return send(b, "/sparql");
    }

    /** The triples of an N-Triples answer, blank node labels as the server wrote them. */
    private static Graph rebuilt(InputStream nTriples) {
        Graph g = GraphFactory.createGraphMem();
        RDFParser.source(nTriples).lang(Lang.NTRIPLES).labelToNode(LabelToNode.createUseLabelEncoded()).parse(g);
        return g;
    }

    /** The store's counts, from the same queries {@code stats} runs locally, and the server's store generation. */
    StoreStats stats() {
        Map<String, Long> graphs = new TreeMap<>();
        ResultTable sizes = select(GRAPH_SIZES, Map.of(), ResultTable::copyOf);
        for (int i = 0; i < sizes.size(); i++)
            graphs.put(sizes.get(i, "g").getURI(), Long.parseLong(sizes.get(i, "n").getLiteralLexicalForm()));
        long generation = getJson("/health", Map.of()).path("generation").asLong();
        return StoreStats.of(graphs, q -> select(q, Map.of(), ResultTable::copyOf), generation);
    }

    // ---- Graph Store protocol ------------------------------------------------------------------

    /**
     * Every named graph (the default graph left out, as locally), in IRI order. The server streams
     * the store's quads in index order, the order in which {@code export} copies them locally.
     */
    Map<Node, Graph> namedGraphs() {
        Map<Node, Graph> byName = new HashMap<>();
        try (InputStream in = get("/data", Map.of(), "application/n-quads")) {
            RDFParser.source(in).lang(Lang.NQUADS).labelToNode(LabelToNode.createUseLabelEncoded()).parse(new StreamRDFBase() {
                @Override
                public void quad(Quad q) {
                    if (q.isDefaultGraph()) return;
                    byName.computeIfAbsent(q.getGraph(), g -> GraphFactory.createGraphMem()).add(q.asTriple());
                }
            });
        } catch (IOException e) {
            throw unreachable(e);
        } catch (RiotException e) {
            throw broken(e);
        }
        Map<Node, Graph> sorted = new LinkedHashMap<>();
        byName.keySet().stream().sorted((a, b) -> a.getURI().compareTo(b.getURI())).forEach(g -> sorted.put(g, byName.get(g)));
        return sorted;
    }

    /** One named graph (in no particular order: see {@code QueryCommand.stableOrder}); its 404 is exit 65. */
    Graph namedGraph(String iri) {
        try (InputStream in = get("/data", Map.of("graph", iri), "application/n-triples")) {
            return rebuilt(in);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (RiotException e) {
            throw broken(e);
        }
    }

    // ---- JSON APIs ------------------------------------------------------------------------------

    /** {@code /api/search}: the hits {@code LinkService.search} gives locally. */
    List<LinkService.SearchHit> search(String query, int limit) {
        JsonNode hits = getJson("/api/search", ordered("q", query, "limit", Integer.toString(limit))).path("hits");
        return JSON.convertValue(hits, JSON.getTypeFactory().constructCollectionType(List.class, LinkService.SearchHit.class));
    }

    /** {@code /api/similar}: the hits {@code SimilarService} gives locally. */
    List<SimilarService.Hit> similar(String iri, String text, int limit, String type) {
        Map<String, String> params = ordered(iri != null ? "iri" : "text", iri != null ? iri : text, "limit", Integer.toString(limit));
        if (type != null) params.put("type", type);
        JsonNode hits = getJson("/api/similar", params).path("hits");
        return JSON.convertValue(hits, JSON.getTypeFactory().constructCollectionType(List.class, SimilarService.Hit.class));
    }

    /** {@code POST /admin/backup} (needs the token) copied to {@code out}. */
    void backup(OutputStream out) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin/backup")).POST(HttpRequest.BodyPublishers.noBody());
        try (InputStream in = send(b, "/admin/backup")) {
            in.transferTo(out);
        }
    }

    /** {@code POST /api/link}: the server's linker on a document, nothing stored; the answer as plain data. */
    Map<String, Object> previewLink(Map<String, Object> document) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(base + "/api/link")).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(document)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = send(b, "/api/link")) {
            return JSON.readValue(in, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw broken(new JsonException(e.getMessage()));
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private JsonNode getJson(String path, Map<String, String> params) {
        try (InputStream in = get(path, params, "application/json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private InputStream get(String path, Map<String, String> params, String accept) {
        String q = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + (q.isEmpty() ? "" : "?" + q))).GET().header("Accept", accept);
        return send(b, path);
    }

    private InputStream send(HttpRequest.Builder b, String path) {
        b.timeout(timeout);
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<InputStream> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for alignkg at " + base, e);
        }
        if (r.statusCode() / 100 == 2) return r.body();
        String body;
        try (InputStream in = r.body()) {
            body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        throw translate(r.statusCode(), body, path);
    }

    // ---- errors ---------------------------------------------------------------------------------

    /** The one mapping from the server's error answers to the CLI's exceptions and exit codes. */
    private RuntimeException translate(int status, String body, String path) {
        String message = message(body, status);
        if (status == 401 || status == 403)
            return new InvalidInputException(SourceLocation.of(base + path), message
                + (token == null ? " (set " + TOKEN_ENV + " to the server's update token)" : " (the token in " + TOKEN_ENV + " was refused)"));
        if (status / 100 == 4) return new InvalidInputException(SourceLocation.of(base + path), message);
        if (status == 503) return new StoreBusyException("alignkg at " + base + " cannot answer now (503): " + message, null);
        return new StoreUnavailableException("alignkg at " + base + " failed (" + status + "): " + message, null);
    }

    /**
     * An answer that does not parse: the server cut it off (a failure after the first bytes, such
     * as a time-out while streaming) or something else answers at the URL.
     */
    private RuntimeException broken(RuntimeException e) {
        return new StoreUnavailableException("the answer from alignkg at " + base + " broke off or is not alignkg's: " + oneLine(e.getMessage()), e);
    }

    private RuntimeException unreachable(IOException e) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException))
            return new QueryTimeoutException("no answer from alignkg at " + base + " within " + timeout.toSeconds() + " s", e);
        String why = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
            ? (e instanceof HttpConnectTimeoutException ? "connection timed out" : "connection refused")
            : oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return new StoreUnavailableException("cannot reach alignkg at " + base + " (" + why + "); is 'alignkg serve' running there?", e);
    }

    /** The server's message: the {@code title} of its JSON problem, or its plain-text first line. */
    private static String message(String body, int status) {
        String b = body == null ? "" : body.strip();
        if (b.startsWith("{")) {
            try {
                JsonNode title = JSON.readTree(b).path("title");
                if (title.isTextual() && !title.asText().isBlank()) return oneLine(title.asText());
            } catch (IOException notJson) {
                // fall through to the text
            }
        }
        return b.isEmpty() ? "HTTP " + status : oneLine(b);
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
