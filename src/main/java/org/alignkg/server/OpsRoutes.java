package org.alignkg.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.alignkg.ontology.AKG;
import org.alignkg.store.TripleStore;

import io.javalin.config.RoutesConfig;

/**
 * Operations: {@code /health} (JSON), {@code /metrics} (Prometheus text) and the online backup
 * {@code POST /admin/backup} (token): the whole store as gzip N-Quads from one read transaction,
 * streamed while other requests go on.
 */
final class OpsRoutes {
    private final TripleStore store;
    private final Metrics metrics;
    private final Auth auth;
    private final ResultCache cache;
    /** The triple count and the generation it was counted at: counting is O(store), so once per write. */
    private volatile long[] counted = { -1, 0 };

    OpsRoutes(TripleStore store, Metrics metrics, Auth auth, ResultCache cache) {
        this.store = store;
        this.metrics = metrics;
        this.auth = auth;
        this.cache = cache;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("triples", triples());
            body.put("generation", store.generation());
            ctx.header("Cache-Control", "no-store");
            ctx.json(body);
        });
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
            .result(metrics.render(triples(), store.generation()) + cacheMetrics()));
        routes.post("/admin/backup", ctx -> {
            auth.requireToken(ctx);
            String name = "alignkg-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".nq.gz";
            ctx.contentType("application/gzip");
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
            ctx.header("Cache-Control", "no-store");
            // A failure after the first bytes aborts the connection (the gzip trailer is missing, so
            // 'restore' refuses the file), never a clean 200 with half a backup.
            store.backup(ctx.res().getOutputStream());
        });
    }

    private String cacheMetrics() {
        return "# HELP alignkg_result_cache_hits_total Query responses served from the result cache.\n"
            + "# TYPE alignkg_result_cache_hits_total counter\n"
            + "alignkg_result_cache_hits_total " + cache.hits.sum() + "\n"
            + "# HELP alignkg_result_cache_misses_total Cacheable query responses computed (not in the cache).\n"
            + "# TYPE alignkg_result_cache_misses_total counter\n"
            + "alignkg_result_cache_misses_total " + cache.misses.sum() + "\n"
            + "# HELP alignkg_result_cache_bytes Bytes of query responses held by the result cache.\n"
            + "# TYPE alignkg_result_cache_bytes gauge\n"
            + "alignkg_result_cache_bytes " + cache.bytes() + "\n"
            + "# HELP alignkg_descriptions_computed_total Service Descriptions and VoID documents computed (not taken from the result cache).\n"
            + "# TYPE alignkg_descriptions_computed_total counter\n"
            + "alignkg_descriptions_computed_total " + cache.computed.sum() + "\n";
    }

    /**
     * Triples in the named graphs, without the store's bookkeeping graph; counted once per store
     * generation (read before counting, so a count never outlives the write that changed it).
     */
    private long triples() {
        long[] c = counted;
        long gen = store.generation();
        if (c[0] == gen) return c[1];
        long n = count();
        counted = new long[] { gen, n };
        return n;
    }

    private long count() {
        return store.graphSizes().entrySet().stream().filter(e -> !e.getKey().equals(AKG.SYSTEM_GRAPH))
            .mapToLong(Map.Entry::getValue).sum();
    }
}
