package org.alignkg.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.alignkg.ontology.AKG;
import org.alignkg.store.KgStore;

import io.javalin.config.RoutesConfig;

/** Operations: {@code /health} (JSON) and {@code /metrics} (Prometheus text). */
final class OpsRoutes {
    private final KgStore store;
    private final Metrics metrics;

    OpsRoutes(KgStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
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
    }

    /** Triples in the named graphs, without the store's bookkeeping graph. */
    private long triples() {
        return store.graphSizes().entrySet().stream().filter(e -> !e.getKey().equals(AKG.SYSTEM_GRAPH))
            .mapToLong(Map.Entry::getValue).sum();
    }
}
