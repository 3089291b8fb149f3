package org.alignkg.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.alignkg.query.NamedQueries;
import org.alignkg.query.NamedQuery;
import org.alignkg.query.GraphQueries;
import org.alignkg.query.OntologyTerms;
import org.alignkg.query.QueryRunner;
import org.alignkg.store.TripleStore;
import org.alignkg.viz.GraphViews;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The web UI: home {@code /}, graph explorer {@code /graph}, SPARQL editor {@code /query},
 * ontology page {@code /ontology}, their assets under {@code /ui/} (from {@code src/main/resources/web/})
 * and the front-end libraries under {@code /webjars/} (from the webjars on the class path). Nothing
 * is fetched from elsewhere at run time. Also registers the graph data API ({@link GraphApiRoutes}).
 */
public final class UiRoutes {
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg|png|ico)");
    private static final Pattern WEBJAR = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*\\.(js|css|map)");
    private static final String HEADER_MARK = "<!-- site-header -->";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "map", "application/json", "html", "text/html; charset=utf-8");

    private final TripleStore store;
    private final NamedQueries queries;
    private final GraphApiRoutes api;
    private final EvidenceRoutes evidence;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public UiRoutes(TripleStore store, NamedQueries queries, ServerConfig config) {
        this.store = store;
        this.queries = queries;
        QueryRunner runner = new QueryRunner(store, config.timeoutMillis());
        this.api = new GraphApiRoutes(new GraphViews(GraphQueries.constructs(queries, runner)), runner, config);
        this.evidence = new EvidenceRoutes(runner, queries);
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> page(ctx, "index.html", "/"));
        routes.get("/graph", ctx -> page(ctx, "graph.html", "/graph"));
        routes.get("/query", ctx -> page(ctx, "query.html", "/query"));
        routes.get("/ontology", ctx -> html(ctx, OntologyPage.render(OntologyTerms.of(store))));
        routes.get("/ui/{file}", this::asset);
        // Browsers ask for it on every page, the resource pages included.
        routes.get("/favicon.ico", ctx -> send(ctx, "/web/favicon.svg", "public, max-age=86400"));
        routes.get("/webjars/<path>", this::webjar);
        routes.get("/api/examples", ctx -> ctx.json(examples()));
        api.register(routes);
        evidence.register(routes);
    }

    /**
     * The named queries as editor examples: their text with the example value of every parameter
     * put in place by Jena (a projected parameter becomes {@code (<value> AS ?name)}), so each runs as is.
     */
    private java.util.List<Map<String, Object>> examples() {
        java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (NamedQuery q : queries.all()) {
            Map<org.apache.jena.sparql.core.Var, org.apache.jena.graph.Node> values = new java.util.HashMap<>();
            StringBuilder header = new StringBuilder("# ").append(q.title()).append('\n');
            if (!q.question().isEmpty()) header.append("# ").append(q.question()).append('\n');
            for (NamedQuery.Param p : q.params()) {
                if (p.example().isEmpty()) continue;
                values.put(org.apache.jena.sparql.core.Var.alloc(p.name()), NamedQueries.toNode(p, p.example()));
                header.append("# with ").append(p.name()).append(" = ").append(p.example()).append('\n');
            }
            String text = values.isEmpty() ? q.text()
                : header + org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps.transform(q.query(), values).serialize();
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", q.id());
            m.put("title", q.title());
            m.put("question", q.question());
            m.put("form", q.form());
            m.put("text", text);
            out.add(m);
        }
        return out;
    }

    private void page(Context ctx, String file, String path) {
        String text = new String(resource("/web/" + file), StandardCharsets.UTF_8);
        html(ctx, text.replace(HEADER_MARK, PageLayout.header(path)));
    }

    private static void html(Context ctx, String body) {
        ctx.header("Content-Security-Policy", PageLayout.UI_CSP);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(body);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (!ASSET.matcher(file).matches()) throw new HttpProblem(404, "no asset '" + file + "'");
        send(ctx, "/web/" + file, "no-cache");
    }

    private void webjar(Context ctx) {
        String path = ctx.pathParam("path");
        if (!WEBJAR.matcher(path).matches() || path.contains("..")) throw new HttpProblem(404, "no webjar file '" + path + "'");
        // Paths carry the library version, so a browser may keep them.
        send(ctx, "/META-INF/resources/webjars/" + path, "public, max-age=86400");
    }

    private void send(Context ctx, String resource, String cacheControl) {
        byte[] bytes = cache.computeIfAbsent(resource, UiRoutes::resource);
        if (bytes.length == 0) throw new HttpProblem(404, "not found: " + ctx.path());
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        ctx.header("Cache-Control", cacheControl);
        ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream")).result(bytes);
    }

    /** A class-path resource's bytes; empty when missing (cached as such: the jar does not change). */
    private static byte[] resource(String path) {
        try (InputStream in = UiRoutes.class.getResourceAsStream(path)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
