package org.alignkg.server;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.alignkg.ontology.AKG;
import org.alignkg.query.NamedQueries;
import org.alignkg.query.NamedQuery;
import org.alignkg.query.QueryRunner;
import org.alignkg.query.Sparql;
import org.alignkg.viz.ForceLayout;
import org.alignkg.viz.GraphViews;
import org.alignkg.viz.Neighbourhood;
import org.alignkg.viz.NodeType;
import org.alignkg.viz.Relation;
import org.alignkg.viz.Synthetic;
import org.alignkg.viz.VizGraph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The graph data API, in Cytoscape.js elements JSON:
 * <ul>
 * <li>{@code GET /api/graph?focus=IRI&depth=N&types=a,b&relations=x,y&layout=server}: the whole map,
 * or the neighbourhood of {@code focus} to depth N (default 1), built from {@code queries/graph-*.rq};
 * with {@code layout=server} every node also has a {@code position} from {@link ForceLayout} (for
 * Cytoscape.js's {@code preset} layout) and the body says how long that took;</li>
 * <li>{@code GET /api/graph/legend}: how node types and relations are drawn;</li>
 * <li>{@code POST /api/graph/construct}: any CONSTRUCT or DESCRIBE query drawn in the same style;</li>
 * <li>{@code GET /api/graph/synthetic?nodes=N&edges=M&seed=S&layout=server}: a made-up graph for the
 * render benchmark, positions as above.</li>
 * </ul>
 */
final class GraphApiRoutes {
    private final GraphViews views;
    private final QueryRunner runner;
    private final ServerConfig config;
    private final LayoutCache layouts;
    private final ViewCache cached;
    /** The legend's JSON: it depends on nothing but this build, so it is written once. */
    private volatile byte[] legendJson;
    /** The layout's own seed: fixed, so a graph is always drawn the same way. */
    static final long LAYOUT_SEED = 1;

    GraphApiRoutes(GraphViews views, QueryRunner runner, ServerConfig config, ViewCache cached) {
        this.views = views;
        this.runner = runner;
        this.config = config;
        this.cached = cached;
        this.layouts = new LayoutCache(config.layoutCacheBytes());
    }

    void register(RoutesConfig routes) {
        routes.get("/api/graph", this::graph);
        routes.get("/api/graph/legend", ctx -> ctx.contentType("application/json").result(legendJson(ctx)));
        routes.post("/api/graph/construct", this::construct);
        routes.get("/api/graph/synthetic", this::synthetic);
    }

    private void graph(Context ctx) {
        // every parameter checked before anything is computed or cached
        boolean serverLayout = serverLayout(ctx.queryParam("layout"));
        String focus = ctx.queryParam("focus");
        Node node = null;
        int depth = 0;
        if (focus == null || focus.isBlank()) {
            if (ctx.queryParam("depth") != null) throw new HttpProblem(400, "depth needs a focus: /api/graph?focus=IRI&depth=N");
        } else {
            node = NamedQueries.toNode(new NamedQuery.Param("focus", NamedQuery.Kind.IRI, ""), focus.strip());
            depth = integer(ctx, "depth", 1, 0, Neighbourhood.MAX_DEPTH);
        }
        Set<NodeType> types = types(ctx.queryParam("types"));
        Set<Relation> relations = relations(ctx.queryParam("relations"));
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/json").result(graphJson(ctx, node, depth, types, relations, serverLayout));
        ServerTiming.finish(ctx);
    }

    /** The whole map's JSON, as {@code GET /api/graph} answers it (the same cache entry): the graph page's data island. */
    byte[] wholeMapJson(Context ctx) {
        return graphJson(ctx, null, 0, EnumSet.noneOf(NodeType.class), EnumSet.noneOf(Relation.class), false);
    }

    /** The view's JSON, once per store generation and set of (checked) parameters. */
    private byte[] graphJson(Context ctx, Node focus, int depth, Set<NodeType> types, Set<Relation> relations, boolean serverLayout) {
        String key = "graph " + (focus == null ? "" : focus.getURI()) + " " + depth + " " + types + " " + relations + " " + serverLayout;
        return cached.get(ctx, key, () -> {
            VizGraph g = focus == null ? views.whole() : views.around(focus, depth);
            return json(ctx, body(g.withTypes(types).withRelations(relations), serverLayout));
        });
    }

    byte[] legendJson(Context ctx) {
        byte[] b = legendJson;
        if (b == null) legendJson = b = json(ctx, legend());
        return b;
    }

    /** Serialised by Javalin's JSON mapper, as {@code ctx.json} would: the bytes are what the cache keeps. */
    private static byte[] json(Context ctx, Object body) {
        return ctx.jsonMapper().toJsonString(body, Object.class).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The {@code layout} parameter: {@code server} asks for node positions, {@code none} (the default) not. */
    static boolean serverLayout(String param) {
        if (param == null || param.isBlank() || param.strip().equals("none")) return false;
        if (param.strip().equals("server")) return true;
        throw new HttpProblem(400, "layout must be 'server' or 'none', not '" + param.strip() + "'");
    }

    private Map<String, Object> body(VizGraph g, boolean serverLayout) {
        if (!serverLayout) return g.toCytoscape();
        LayoutCache.Result r = layouts.layout(g, LAYOUT_SEED);
        Map<String, Object> out = new LinkedHashMap<>(g.toCytoscape(r.positions()));
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("name", "server");
        layout.put("millis", r.millis());
        layout.put("cached", r.cached());
        out.put("layout", layout);
        return out;
    }

    static Set<NodeType> types(String param) {
        Set<NodeType> out = EnumSet.noneOf(NodeType.class);
        if (param == null || param.isBlank()) return out;
        for (String s : param.split(",")) {
            if (s.isBlank()) continue;
            out.add(NodeType.ofId(s.strip()).filter(NodeType::curated).orElseThrow(() -> new HttpProblem(400,
                "unknown node type '" + s.strip() + "'; use limitation, concept, pillar, document")));
        }
        return out;
    }

    static Set<Relation> relations(String param) {
        Set<Relation> out = EnumSet.noneOf(Relation.class);
        if (param == null || param.isBlank()) return out;
        for (String s : param.split(",")) {
            if (s.isBlank()) continue;
            out.add(Relation.ofId(s.strip()).filter(r -> r != Relation.OTHER).orElseThrow(() -> new HttpProblem(400,
                "unknown relation '" + s.strip() + "'; use " + String.join(", ",
                    EnumSet.complementOf(EnumSet.of(Relation.OTHER)).stream().map(Relation::id).toList()))));
        }
        return out;
    }

    static int integer(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) throw new HttpProblem(400, name + " must be from " + min + " to " + max + ", not " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, name + " must be an integer, not '" + v + "'");
        }
    }

    static Map<String, Object> legend() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("types", java.util.Arrays.stream(NodeType.values()).map(t -> Map.of("id", t.id(), "label", t.label(),
            "color", t.color(), "shape", t.shape(), "curated", t.curated())).toList());
        out.put("relations", java.util.Arrays.stream(Relation.values()).map(r -> Map.of("id", r.id(), "label", r.label(),
            "color", r.color(), "lineStyle", r.lineStyle(), "predicate", r.predicate() == null ? "" : r.predicate())).toList());
        out.put("prefixes", AKG.prefixes().getNsPrefixMap());
        return out;
    }

    private void construct(Context ctx) {
        String text;
        String mt = Conneg.mediaType(ctx.contentType());
        if (SparqlRoutes.FORM.equals(mt)) {
            List<String> q = RequestBody.form(ctx, config.maxBodyBytes()).getOrDefault("query", List.of());
            if (q.size() != 1) throw new HttpProblem(400, "give one query= in the form");
            text = q.get(0);
        } else if (SparqlRoutes.QUERY.equals(mt)) {
            text = RequestBody.utf8(ctx, config.maxBodyBytes());
        } else {
            throw new HttpProblem(415, "send the query as " + SparqlRoutes.QUERY + " or a form with query=");
        }
        Query q = Sparql.parseQuery(text, "query", SparqlRoutes.endpoint(ctx));
        Sparql.refuseService(q, "query");
        if (!q.isConstructType() && !q.isDescribeType())
            throw new HttpProblem(400, "the graph view draws CONSTRUCT and DESCRIBE results; this is a " + (q.isSelectType() ? "SELECT" : "ASK") + " query");
        VizGraph g = VizGraph.ofTriples(runner.graph(q, Map.of()).getGraph(), AKG.prefixes());
        ctx.json(g.toCytoscape());
    }

    private void synthetic(Context ctx) {
        boolean serverLayout = serverLayout(ctx.queryParam("layout"));
        int nodes = integer(ctx, "nodes", 2000, 2, Synthetic.MAX_NODES);
        int edges = integer(ctx, "edges", 5000, 0, Synthetic.MAX_EDGES);
        int seed = integer(ctx, "seed", 1, 0, Integer.MAX_VALUE);
        VizGraph g;
        try {
            g = Synthetic.of(nodes, edges, seed);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        }
        ctx.json(body(g, serverLayout));
    }
}
