package org.alignkg.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.alignkg.viz.ForceLayout;
import org.alignkg.viz.VizEdge;
import org.alignkg.viz.VizGraph;
import org.alignkg.viz.VizNode;

/**
 * Server-side layouts ({@link ForceLayout}) of the graphs asked for, keyed by the graph's
 * structure (SHA-256 of its node ids and edge ends, in order) and the seed. A layout depends on
 * nothing else, so an entry never goes stale: a write to the store that changes the view changes
 * the key, and one that does not may reuse the layout. Caffeine, weighed in (estimated) bytes,
 * evicts beyond {@code maxBytes}, which is a share of {@code --result-cache}
 * ({@link ServerConfig#layoutCacheBytes()}); 0 turns it off, so every layout is computed.
 */
final class LayoutCache {
    /** A layout and how long it took; {@code cached} when it was found here. */
    record Result(Map<String, ForceLayout.Point> positions, long millis, boolean cached) { }

    /** Estimated heap bytes of one position: map entry, node id string, point record. */
    static final int BYTES_PER_POSITION = 160;

    /** Null when off. */
    private final Cache<String, Map<String, ForceLayout.Point>> cache;

    LayoutCache(long maxBytes) {
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((String k, Map<String, ForceLayout.Point> v) -> (int) Math.min(Integer.MAX_VALUE, 128L + (long) BYTES_PER_POSITION * v.size()))
            .executor(Runnable::run).build();
    }

    Result layout(VizGraph g, long seed) {
        long t0 = System.nanoTime();
        String key = cache == null ? null : key(g, seed);
        Map<String, ForceLayout.Point> hit = key == null ? null : cache.getIfPresent(key);
        if (hit != null) return new Result(hit, (System.nanoTime() - t0) / 1_000_000, true);
        // Computed outside the cache: two first requests for one graph may both compute it (same answer).
        Map<String, ForceLayout.Point> positions = ForceLayout.of(g, seed);
        if (key != null) cache.put(key, positions);
        return new Result(positions, (System.nanoTime() - t0) / 1_000_000, false);
    }

    int size() {
        if (cache == null) return 0;
        cache.cleanUp();
        return (int) cache.estimatedSize();
    }

    static String key(VizGraph g, long seed) {
        MessageDigest sha = DigestUtils.getSha256Digest();
        // Lengths first, and a separator no IRI contains, so that no two graphs give the same bytes.
        update(sha, g.nodes().size() + " " + g.edges().size() + " " + seed);
        for (VizNode n : g.nodes()) update(sha, n.id());
        for (VizEdge e : g.edges()) {
            update(sha, e.source());
            update(sha, e.target());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }
}
