package org.alignkg.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serialised query responses keyed by request (normalised query, bindings, dataset, media type),
 * valid for one store generation ({@code KgStore.generation()}): the first lookup after any
 * committed write finds the cache stale and empties it. Only complete, successful responses of
 * at most {@link #maxEntryBytes()} are stored; errors and time-outs never reach {@link #put}.
 * Least recently used entries go first once the total passes {@code maxTotalBytes}.
 *
 * <p>Correctness rests on one ordering, kept by the caller: the generation is read <em>before</em>
 * the read transaction that computes the answer starts. {@code KgStore} bumps the generation after
 * each commit, so an answer computed from data older than a write is always filed under a
 * generation no later than the one before that write, and is never served after it.
 */
final class ResultCache {
    /** A cached response: the body bytes and its Content-Type header. */
    record Entry(byte[] body, String contentType) { }

    private final long maxTotalBytes;
    private final int maxEntryBytes;
    private final LinkedHashMap<String, Entry> map = new LinkedHashMap<>(64, 0.75f, true);
    private long generation = Long.MIN_VALUE;
    private long totalBytes;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();

    ResultCache(long maxTotalBytes, int maxEntryBytes) {
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    boolean enabled() {
        return maxTotalBytes > 0;
    }

    int maxEntryBytes() {
        return maxEntryBytes;
    }

    /** The response for {@code key} computed at {@code gen}, or null. */
    synchronized Entry get(String key, long gen) {
        if (!enabled()) return null;
        sync(gen);
        Entry e = map.get(key);
        if (e == null) misses.increment();
        else hits.increment();
        return e;
    }

    /** Files a complete response computed at {@code gen} (read before its transaction began). */
    synchronized void put(String key, long gen, Entry e) {
        if (!enabled() || e.body().length > maxEntryBytes || e.body().length > maxTotalBytes) return;
        if (gen < generation) return; // computed before a write this cache has already seen
        sync(gen);
        Entry old = map.put(key, e);
        if (old != null) totalBytes -= cost(key, old);
        totalBytes += cost(key, e);
        Iterator<Map.Entry<String, Entry>> it = map.entrySet().iterator();
        while (totalBytes > maxTotalBytes && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            totalBytes -= cost(eldest.getKey(), eldest.getValue());
            it.remove();
        }
    }

    /**
     * The cached bytes for {@code key}, or computes them (outside the lock, from data at least as
     * new as the store's current generation) and files them. For store-wide descriptions (Service
     * Description, VoID) that cost a scan of the store: computed once per write, not per request.
     */
    byte[] computeIfAbsent(String key, org.alignkg.store.KgStore store, java.util.function.Supplier<byte[]> compute) {
        long gen = store.generation(); // before the computation's read transaction: see the class comment
        Entry e = get(key, gen);
        if (e != null) return e.body();
        byte[] body = compute.get();
        put(key, gen, new Entry(body, null));
        return body;
    }

    synchronized int size() {
        return map.size();
    }

    synchronized long bytes() {
        return totalBytes;
    }

    private void sync(long gen) {
        if (gen > generation) {
            map.clear();
            totalBytes = 0;
            generation = gen;
        }
    }

    private static long cost(String key, Entry e) {
        return e.body().length + 2L * key.length() + 64;
    }
}
