package org.alignkg.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.alignkg.query.DatasetSpec;
import org.alignkg.query.NamedQueries;
import org.alignkg.query.NamedQuery;
import org.alignkg.query.Page;
import org.alignkg.query.ResultFormat;
import org.apache.jena.graph.Node;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The named queries of {@code queries/}: listed at {@code /api/queries}, run at {@code /api/queries/{name}}. */
final class ApiRoutes {
    private static final List<Conneg.Offer<ResultFormat>> RESULTS = List.of(
        new Conneg.Offer<>("application/sparql-results+json", ResultFormat.JSON),
        new Conneg.Offer<>("application/json", ResultFormat.JSON),
        new Conneg.Offer<>("text/csv", ResultFormat.CSV),
        new Conneg.Offer<>("text/tab-separated-values", ResultFormat.TSV),
        new Conneg.Offer<>("application/sparql-results+xml", ResultFormat.XML));

    /** Request parameters of the API itself, never a query's: a query declaring one is refused at load. */
    private static final java.util.Set<String> RESERVED = NamedQueries.RESERVED_PARAMS;

    private final NamedQueries queries;
    private final QueryStreamer streamer;
    /** Named query id to whether its answer may be cached (no NOW(), RAND(), ...). */
    private final Map<String, Boolean> cacheable = new java.util.HashMap<>();

    ApiRoutes(NamedQueries queries, QueryStreamer streamer) {
        this.queries = queries;
        this.streamer = streamer;
        for (NamedQuery q : queries.all()) cacheable.put(q.id(), ParsedQueries.of(q.query()).cacheable());
    }

    void register(RoutesConfig routes) {
        routes.get("/api/queries", this::list);
        routes.get("/api/queries/{name}", this::run);
    }

    private void list(Context ctx) {
        ctx.json(queries.all().stream().map(ApiRoutes::summary).toList());
    }

    static Map<String, Object> summary(NamedQuery q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.id());
        m.put("title", q.title());
        m.put("question", q.question());
        m.put("form", q.form());
        m.put("params", q.params().stream().map(p -> {
            Map<String, String> pm = new LinkedHashMap<>(); // stable key order for clients and tests
            pm.put("name", p.name());
            pm.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
            pm.put("example", p.example());
            return pm;
        }).toList());
        return m;
    }

    private void run(Context ctx) {
        String name = ctx.pathParam("name");
        NamedQuery q = queries.get(name).orElseThrow(() -> new HttpProblem(404, "no named query '" + name + "'"));
        Map<String, Node> bindings = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (RESERVED.contains(e.getKey())) continue;
            NamedQuery.Param p = q.params().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                .orElseThrow(() -> new HttpProblem(400, "query '" + name + "' has no parameter '" + e.getKey() + "'"
                    + (q.params().isEmpty() ? "" : "; it has: " + String.join(", ", q.params().stream().map(NamedQuery.Param::name).toList()))));
            if (e.getValue().size() != 1) throw new HttpProblem(400, "give parameter '" + p.name() + "' once");
            bindings.put(p.name(), NamedQueries.toNode(p, e.getValue().get(0)));
        }
        for (String reserved : List.of("limit", "offset"))
            if (ctx.queryParams(reserved).size() > 1) throw new HttpProblem(400, "give parameter '" + reserved + "' once");
        Page page = Page.parse(ctx.queryParam("limit"), ctx.queryParam("offset"), "limit", "offset");
        boolean graph = q.query().isConstructType() || q.query().isDescribeType();
        ResultFormat fmt = Formats.choose(ctx, graph ? Formats.GRAPHS : RESULTS, graph);
        streamer.run(ctx, page.applyTo(q.query()), DatasetSpec.NONE, bindings, fmt,
            cacheable.getOrDefault(q.id(), false) ? "named " + q.id() + page.key() : null);
    }
}
