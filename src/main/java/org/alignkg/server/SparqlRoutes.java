package org.alignkg.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.alignkg.query.DatasetSpec;
import org.alignkg.query.EndpointDescriptions;
import org.alignkg.query.ResultFormat;
import org.alignkg.store.TripleStore;
import org.alignkg.update.UpdateRunner;
import org.apache.jena.query.Query;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The SPARQL 1.1 Protocol: queries at {@code /sparql} (GET, form POST, direct POST), updates at
 * {@code /sparql/update} and, as the W3C protocol tests expect, also at {@code /sparql} by POST.
 * Without a query, GET {@code /sparql} answers the Service Description.
 */
final class SparqlRoutes {
    static final String FORM = "application/x-www-form-urlencoded";
    static final String QUERY = "application/sparql-query";
    static final String UPDATE = "application/sparql-update";
    private static final String ALLOW = "GET, HEAD, POST, OPTIONS";

    private final TripleStore store;
    private final QueryStreamer streamer;
    private final UpdateRunner updates;
    private final Auth auth;
    private final ServerConfig config;
    private final ParsedQueries parsed;
    /** Serialised Service Descriptions, per store generation: in the one result cache (--result-cache). */
    private final ResultCache descriptions;

    /** Largest description kept in the result cache (they are few, and cost a scan of the store). */
    static final int DESCRIPTION_MAX_BYTES = 16 << 20;

    SparqlRoutes(TripleStore store, QueryStreamer streamer, Auth auth, ServerConfig config) {
        this.store = store;
        this.streamer = streamer;
        this.descriptions = streamer.cache();
        // Without a result cache, no request needs the normalised text or the determinism test.
        this.parsed = new ParsedQueries(config.parsedQueryEntries(), streamer.cache().enabled());
        this.updates = new UpdateRunner(store);
        this.auth = auth;
        this.config = config;
    }

    void register(RoutesConfig routes) {
        routes.get("/sparql", this::get);
        routes.head("/sparql", this::head);
        routes.post("/sparql", this::post);
        routes.options("/sparql", ctx -> options(ctx, ALLOW));
        routes.put("/sparql", ctx -> notAllowed(ctx, ALLOW));
        routes.delete("/sparql", ctx -> notAllowed(ctx, ALLOW));
        routes.post("/sparql/update", this::postUpdate);
        routes.options("/sparql/update", ctx -> options(ctx, "POST, OPTIONS"));
        routes.get("/sparql/update", ctx -> notAllowed(ctx, "POST, OPTIONS"));
        routes.put("/sparql/update", ctx -> notAllowed(ctx, "POST, OPTIONS"));
    }

    static void options(Context ctx, String allow) {
        ctx.header("Allow", allow);
        ctx.status(204);
    }

    static void notAllowed(Context ctx, String allow) {
        ctx.header("Allow", allow);
        throw new HttpProblem(405, ctx.method() + " is not allowed on " + ctx.path() + "; use " + allow);
    }

    private void get(Context ctx) {
        if (!ctx.queryParams("update").isEmpty())
            throw new HttpProblem(400, "SPARQL Update needs POST (application/sparql-update or a form with update=)");
        List<String> queries = ctx.queryParams("query");
        if (queries.isEmpty()) {
            serviceDescription(ctx, false);
            return;
        }
        runQuery(ctx, single(queries, "query"), dataset(ctx, Map.of()), false);
    }

    private void head(Context ctx) {
        List<String> queries = ctx.queryParams("query");
        if (queries.isEmpty()) serviceDescription(ctx, true);
        else runQuery(ctx, single(queries, "query"), dataset(ctx, Map.of()), true);
    }

    private void post(Context ctx) {
        String mt = Conneg.mediaType(ctx.contentType());
        if (mt == null)
            throw new HttpProblem(415, "a POST to the SPARQL endpoint needs a Content-Type: " + FORM + ", " + QUERY + " or " + UPDATE);
        switch (mt) {
            case FORM -> {
                Map<String, List<String>> form = RequestBody.form(ctx, config.maxBodyBytes());
                List<String> q = merged(ctx, form, "query");
                List<String> u = merged(ctx, form, "update");
                if (!q.isEmpty() && !u.isEmpty()) throw new HttpProblem(400, "give either query= or update=, not both");
                if (!u.isEmpty()) update(ctx, single(u, "update"), form);
                else if (!q.isEmpty()) runQuery(ctx, single(q, "query"), dataset(ctx, form), false);
                else throw new HttpProblem(400, "the form has neither query= nor update=");
            }
            case QUERY -> runQuery(ctx, RequestBody.utf8(ctx, config.maxBodyBytes()), dataset(ctx, Map.of()), false);
            case UPDATE -> update(ctx, RequestBody.utf8(ctx, config.maxBodyBytes()), Map.of());
            default -> throw new HttpProblem(415, "unsupported Content-Type '" + mt + "'; use " + FORM + ", " + QUERY + " or " + UPDATE);
        }
    }

    private void postUpdate(Context ctx) {
        String mt = Conneg.mediaType(ctx.contentType());
        if (FORM.equals(mt)) {
            Map<String, List<String>> form = RequestBody.form(ctx, config.maxBodyBytes());
            List<String> u = merged(ctx, form, "update");
            if (u.isEmpty()) throw new HttpProblem(400, "the form has no update=");
            update(ctx, single(u, "update"), form);
        } else if (UPDATE.equals(mt)) {
            update(ctx, RequestBody.utf8(ctx, config.maxBodyBytes()), Map.of());
        } else {
            throw new HttpProblem(415, mt == null ? "an update needs Content-Type " + UPDATE + " or " + FORM
                : "unsupported Content-Type '" + mt + "'; use " + UPDATE + " or " + FORM);
        }
    }

    private void runQuery(Context ctx, String text, DatasetSpec spec, boolean headOnly) {
        String base = endpoint(ctx);
        ParsedQueries.Parsed p = parsed.parse(text, base);
        Query q = p.query();
        ResultFormat fmt = Formats.forQuery(ctx, q);
        if (headOnly) {
            ctx.contentType(Formats.contentType(fmt));
            return;
        }
        // The base is part of the key: it resolved the query's relative IRIs.
        streamer.run(ctx, q, spec, Map.of(), fmt, p.cacheable() ? "sparql " + base + "\n" + p.normalised() : null);
    }

    private void update(Context ctx, String text, Map<String, List<String>> form) {
        auth.requireToken(ctx);
        updates.run(text, endpoint(ctx), merged(ctx, form, "using-graph-uri"), merged(ctx, form, "using-named-graph-uri"));
        ctx.status(204);
    }

    private void serviceDescription(Context ctx, boolean headOnly) {
        ResultFormat fmt = Formats.choose(ctx, Formats.GRAPHS, true);
        ctx.contentType(Formats.contentType(fmt));
        if (headOnly) return;
        String endpoint = endpoint(ctx);
        // Counts the triples of every graph: once per store generation, not per request.
        ctx.result(descriptions.computeIfAbsent("sd " + fmt + " " + endpoint, store, DESCRIPTION_MAX_BYTES, () -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            fmt.writeGraph(out, EndpointDescriptions.service(store, endpoint, config.updatesEnabled()));
            return out.toByteArray();
        }));
    }

    private static DatasetSpec dataset(Context ctx, Map<String, List<String>> form) {
        return new DatasetSpec(merged(ctx, form, "default-graph-uri"), merged(ctx, form, "named-graph-uri"));
    }

    /** Values of a parameter from the URL and the form body together. */
    static List<String> merged(Context ctx, Map<String, List<String>> form, String name) {
        List<String> out = new ArrayList<>(ctx.queryParams(name));
        out.addAll(form.getOrDefault(name, List.of()));
        return out;
    }

    private static String single(List<String> values, String name) {
        if (values.size() > 1) throw new HttpProblem(400, "more than one " + name + "= parameter; send one " + name + " per request");
        return values.get(0);
    }

    /** The endpoint's own URL, the base for relative IRIs in queries and updates. */
    static String endpoint(Context ctx) {
        return ServerApp.baseUrl(ctx) + "/sparql";
    }
}
