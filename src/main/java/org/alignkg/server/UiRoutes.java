package org.alignkg.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
    private static final String DATA_MARK = "<!-- graph-data -->";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "map", "application/json", "html", "text/html; charset=utf-8");

    private final TripleStore store;
    private final NamedQueries queries;
    private final GraphApiRoutes api;
    private final EvidenceRoutes evidence;
    /**
     * Class-path files served (the jar does not change while it runs). Bounded, because a missing
     * file is kept too (as empty) and the paths a client may ask for are not: Caffeine evicts past
     * {@link #MAX_ASSETS} files. Not a result cache: {@code --result-cache} does not govern it.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, byte[]> cache =
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(MAX_ASSETS).executor(Runnable::run).build();
    static final int MAX_ASSETS = 512;

    UiRoutes(TripleStore store, NamedQueries queries, ServerConfig config, ViewCache views) {
        this.store = store;
        this.queries = queries;
        QueryRunner runner = new QueryRunner(store, config.timeoutMillis());
        this.api = new GraphApiRoutes(new GraphViews(GraphQueries.constructs(queries, runner)), runner, config, views);
        this.evidence = new EvidenceRoutes(runner, queries, views);
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> page(ctx, "index.html", "/"));
        routes.get("/graph", this::graphPage);
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

    /**
     * The graph explorer. When it opens on the concept map (no focus, synthetic graph or full view asked for), the
     * map's JSON and the legend come inside the page as {@code <script type="application/json">} data islands, so the
     * map is drawn without two more round trips after the scripts have run (each one, with the corpus loaded, the
     * slowest part of the page's first paint). A data island is not executed: the CSP's {@code script-src 'self'}
     * does not apply to it, and {@code <} is written as its JSON escape (backslash u003c), so no text of the store can close it.
     */
    private void graphPage(Context ctx) {
        String text = new String(resource("/web/graph.html"), StandardCharsets.UTF_8).replace(HEADER_MARK, PageLayout.header("/graph"));
        if (blank(ctx.queryParam("focus")) && blank(ctx.queryParam("synthetic")) && !"full".equals(ctx.queryParam("view"))) {
            String islands = "<script type=\"application/json\" id=\"graph-legend\">" + island(api.legendJson(ctx)) + "</script>\n"
                + "<script type=\"application/json\" id=\"graph-data\">" + island(api.wholeMapJson(ctx)) + "</script>\n";
            text = text.replace(DATA_MARK, islands);
        }
        html(ctx, text.replace(DATA_MARK, ""));
        ServerTiming.finish(ctx);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** JSON bytes as the text of a data island: {@code <} only occurs inside JSON strings, where the escape backslash u003c means the same. */
    static String island(byte[] json) {
        return new String(json, StandardCharsets.UTF_8).replace("<", "\\u003c");
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
        byte[] bytes = cache.get(resource, UiRoutes::resource);
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
