package org.alignkg.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.alignkg.AlignKgException;
import org.alignkg.InvalidInputException;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.link.LinkService;
import org.alignkg.query.NamedQueries;
import org.alignkg.query.QueryRunner;
import org.alignkg.store.TripleStore;
import org.alignkg.link.SimilarService;
import org.alignkg.update.GraphStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * The alignkg HTTP server: SPARQL 1.1 Protocol, Graph Store Protocol, named queries, linked data
 * pages, documents and full-text search, and operations endpoints, over one {@link TripleStore}.
 *
 * <pre>
 * Javalin app = ServerApp.create(store, queries, ServerConfig.defaults());
 * app.start("127.0.0.1", 7070);
 * </pre>
 */
public final class ServerApp {
    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** No script at all; styles only from this server; never framed. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ServerApp() { }

    public static Javalin create(TripleStore store, NamedQueries queries, ServerConfig config) {
        return create(store, queries, config, null);
    }

    /**
     * As {@link #create(TripleStore, NamedQueries, ServerConfig)}, with the similarity index
     * ({@code /api/similar}; null: answers 503). After every committed write the index is brought
     * in step with the store, in the background.
     */
    public static Javalin create(TripleStore store, NamedQueries queries, ServerConfig config, SimilarService similar) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(config, "config");
        // Every write the server takes (Update, Graph Store, documents, accepts) is checked against these.
        org.apache.jena.graph.Graph shapes = ShippedFiles.shapes(config.ontologyDir());
        store.validateWith(shapes);
        Metrics metrics = new Metrics();
        ResultCache cache = new ResultCache(config.responseCacheBytes(), 256 * 1024);
        QueryStreamer streamer = new QueryStreamer(new QueryRunner(store, config.timeoutMillis()), metrics, cache);
        Auth auth = new Auth(config.updateToken());
        Cors cors = new Cors(config.corsOrigins());
        SparqlRoutes sparql = new SparqlRoutes(store, streamer, auth, config);
        GraphStoreRoutes gsp = new GraphStoreRoutes(new GraphStore(store), auth, config);
        ApiRoutes api = new ApiRoutes(queries, streamer);
        ViewCache views = new ViewCache(cache, store);
        LinkedDataRoutes ld = new LinkedDataRoutes(store, cache, views);
        OpsRoutes ops = new OpsRoutes(store, metrics, auth, cache);
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = config.maxBodyBytes();
            // Results are streamed by the handlers; Javalin's compression would buffer them.
            c.http.compressionStrategy = CompressionStrategy.NONE;
            c.router.ignoreTrailingSlashes = true;
            int threads = httpThreads();
            if (threads > 0) c.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(threads, Math.min(threads, 4), 60_000);
            c.requestLogger.http((ctx, ms) -> metrics.request(route(ctx), ctx.method().name(), ctx.res().getStatus()));
            c.routes.before(ctx -> {
                ServerTiming.start(ctx);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Referrer-Policy", "no-referrer");
                cors.apply(ctx);
            });
            sparql.register(c.routes);
            gsp.register(c.routes);
            api.register(c.routes);
            ld.register(c.routes);
            ops.register(c.routes);
            new DocumentRoutes(new LinkService(store, shapes), auth, config).register(c.routes);
            new UiRoutes(store, queries, config, views).register(c.routes); // web UI and graph API (issue 5)
            new SimilarRoutes(similar).register(c.routes);
            // Every committed write (Update, Graph Store, documents, accept, backup restore) re-indexes in the background.
            if (similar != null) store.addCommitListener(commit -> IndexRefresher.of(similar).request());
            // akgf:similar in SPARQL answers from the same service
            if (similar != null) org.alignkg.link.SimilarityFunction.register(store, () -> similar);
            // after the specific ones: routes match in the order they were added
            c.routes.options("/*", ctx -> SparqlRoutes.options(ctx, "GET, HEAD, OPTIONS"));
            errors(c.routes);
        });
    }

    /**
     * Applies the connection idle timeout to the started server's connectors: a client that opens a
     * connection and then sends nothing (or a request a byte at a time slower than this) is dropped.
     */
    static void limitIdle(Javalin app, ServerConfig config) {
        for (var c : app.jettyServer().server().getConnectors())
            if (c instanceof org.eclipse.jetty.server.AbstractConnector ac) ac.setIdleTimeout(config.idleTimeoutMillis());
    }

    /**
     * Jetty worker threads from {@code -Dalignkg.http.threads=N} (or env ALIGNKG_HTTP_THREADS);
     * 0 or unset: Javalin's default pool (up to 250 threads). See docs/perf.md.
     */
    static int httpThreads() {
        String v = System.getProperty("alignkg.http.threads", System.getenv("ALIGNKG_HTTP_THREADS"));
        if (v == null || v.isBlank()) return 0;
        try {
            return Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            LOG.warn("ignoring alignkg.http.threads='{}': not a number", v);
            return 0;
        }
    }

    private static String route(Context ctx) {
        try {
            var e = ctx.endpoint();
            return e == null ? "unmatched" : e.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** Scheme, host and port the client used; the base of the endpoint's own IRIs. */
    static String baseUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    /** The one exception-to-HTTP mapping: plain text or JSON {title,status,type,details}, never a stack trace. */
    private static void errors(RoutesConfig routes) {
        routes.exception(HttpProblem.class, (e, ctx) -> problem(ctx, e.status(), e.getMessage(), Map.of()));
        routes.exception(AlignKgException.class, (e, ctx) -> {
            Map<String, Object> details = new LinkedHashMap<>();
            if (e instanceof InvalidInputException ii) {
                details.put("source", ii.location().source());
                if (ii.location().line() > 0) details.put("line", ii.location().line());
                if (ii.location().column() > 0) details.put("column", ii.location().column());
            }
            problem(ctx, e.httpStatus(), e.getMessage(), details);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus(), e.getMessage(), Map.of()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            problem(ctx, 500, "internal server error (logged on the server)", Map.of());
        });
    }

    private static final List<Conneg.Offer<Boolean>> ERROR_OFFERS = List.of(
        new Conneg.Offer<>("text/plain", false), new Conneg.Offer<>("application/json", true),
        new Conneg.Offer<>("application/problem+json", true));

    static void problem(Context ctx, int status, String message, Map<String, Object> details) {
        if (ctx.res().isCommitted()) return;
        ctx.res().resetBuffer();
        ctx.status(status);
        boolean json = ctx.path().startsWith("/api/") || Conneg.choose(ctx.header("Accept"), ERROR_OFFERS).orElse(false);
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", message);
            body.put("status", status);
            body.put("type", org.alignkg.ontology.AKG.BASE + "problem/" + status);
            body.put("details", details);
            try {
                ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                ctx.contentType("text/plain; charset=utf-8").result(message + "\n");
            }
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(message + "\n");
        }
    }
}
