package org.alignkg.server;

import java.util.function.Supplier;

import org.alignkg.store.TripleStore;

import io.javalin.http.Context;

/**
 * The rendered views (the concept map's JSON, the timeline, the comparison, the evidence pages), computed once per
 * store generation: each is a handful of SPARQL queries over the whole store (with the corpus, thousands of
 * suggestions) whose answer changes only when the store does. Kept in the server's one result cache
 * ({@code --result-cache}; 0 turns this off too), so the first request after a write recomputes and the next ones
 * are served from memory. Whether a response came from here is told in its {@code Server-Timing} header.
 */
final class ViewCache {
    /** A view is at most a few hundred kB (the concept map's JSON is the largest, about 220 kB with the corpus). */
    static final int MAX_ENTRY_BYTES = 4 << 20;

    private final ResultCache cache;
    private final TripleStore store;

    ViewCache(ResultCache cache, TripleStore store) {
        this.cache = cache;
        this.store = store;
    }

    /**
     * The bytes of the view {@code key} for the store's current generation, computed by {@code render} when missing.
     * {@code render} may throw (a bad parameter, a time-out): nothing is filed then.
     */
    byte[] get(Context ctx, String key, Supplier<byte[]> render) {
        boolean[] rendered = { false };
        byte[] body = cache.computeIfAbsent("view " + key, store, MAX_ENTRY_BYTES, () -> {
            rendered[0] = true;
            return render.get();
        });
        ServerTiming.cache(ctx, !rendered[0]);
        return body;
    }
}
