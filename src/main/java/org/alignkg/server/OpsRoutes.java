package org.alignkg.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.alignkg.ontology.AKG;
import org.alignkg.store.KgStore;

import io.javalin.config.RoutesConfig;

/**
 * Operations: {@code /health} (JSON), {@code /metrics} (Prometheus text) and the online backup
 * {@code POST /admin/backup} (token): the whole store as gzip N-Quads from one read transaction,
 * streamed while other requests go on.
 */
final class OpsRoutes {
    private final KgStore store;
    private final Metrics metrics;
    private final Auth auth;

    OpsRoutes(KgStore store, Metrics metrics, Auth auth) {
        this.store = store;
        this.metrics = metrics;
        this.auth = auth;
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
            .result(metrics.render(triples(), store.generation())));
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

    /** Triples in the named graphs, without the store's bookkeeping graph. */
    private long triples() {
        return store.graphSizes().entrySet().stream().filter(e -> !e.getKey().equals(AKG.SYSTEM_GRAPH))
            .mapToLong(Map.Entry::getValue).sum();
    }
}
