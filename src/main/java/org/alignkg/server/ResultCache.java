package org.alignkg.server;

import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Serialised query responses keyed by request (normalised query, bindings, dataset, media type),
 * valid for one store generation ({@code TripleStore.generation()}): the first lookup after any
 * committed write finds the cache stale and empties it. Only complete, successful responses of
 * at most {@link #maxEntryBytes()} are stored; errors and time-outs never reach {@link #put}.
 * Caffeine evicts (by its frequency and recency policy) once the total passes {@code maxTotalBytes}.
 *
 * <p>Correctness rests on one ordering, kept by the caller: the generation is read <em>before</em>
 * the read transaction that computes the answer starts. {@code TripleStore} bumps the generation after
 * each commit, so an answer computed from data older than a write is always filed under a
 * generation no later than the one before that write, and is never served after it.
 */
final class ResultCache {
    /** A cached response: the body bytes and its Content-Type header. */
    record Entry(byte[] body, String contentType) { }

    private final long maxTotalBytes;
    private final int maxEntryBytes;
    /** Caffeine, weighed in bytes; null when the cache is off. Evicts on the caller's thread. */
    private final Cache<String, Entry> cache;
    private long generation = Long.MIN_VALUE;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    /** Store-wide descriptions computed by {@link #computeIfAbsent} (not found in the cache). */
    final LongAdder computed = new LongAdder();

    ResultCache(long maxTotalBytes, int maxEntryBytes) {
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntryBytes = maxEntryBytes;
        this.cache = maxTotalBytes <= 0 ? null : Caffeine.newBuilder()
            .maximumWeight(maxTotalBytes)
            .weigher((String k, Entry e) -> (int) Math.min(Integer.MAX_VALUE, cost(k, e)))
            .executor(Runnable::run)
            .build();
    }

    boolean enabled() {
        return cache != null;
    }

    int maxEntryBytes() {
        return maxEntryBytes;
    }

    /** The response for {@code key} computed at {@code gen}, or null. */
    Entry get(String key, long gen) {
        Entry e = lookup(key, gen);
        if (!enabled()) return null;
        if (e == null) misses.increment();
        else hits.increment();
        return e;
    }

    private synchronized Entry lookup(String key, long gen) {
        if (!enabled()) return null;
        sync(gen);
        return cache.getIfPresent(key);
    }

    /** Files a complete response computed at {@code gen} (read before its transaction began). */
    void put(String key, long gen, Entry e) {
        put(key, gen, e, maxEntryBytes);
    }

    private synchronized void put(String key, long gen, Entry e, long maxEntry) {
        if (!enabled() || e.body().length > maxEntry || cost(key, e) > maxTotalBytes) return;
        if (gen < generation) return; // computed before a write this cache has already seen
        sync(gen);
        cache.put(key, e);
    }

    /**
     * The cached bytes for {@code key}, or computes them (outside the lock, from data at least as
     * new as the store's current generation) and files them, up to {@code maxEntry} bytes. For
     * store-wide descriptions (Service Description, VoID) that cost a scan of the store: computed
     * once per write, not per request. These lookups are not counted as query hits or misses.
     */
    byte[] computeIfAbsent(String key, org.alignkg.store.TripleStore store, int maxEntry, java.util.function.Supplier<byte[]> compute) {
        long gen = store.generation(); // before the computation's read transaction: see the class comment
        Entry e = lookup(key, gen);
        if (e != null) return e.body();
        computed.increment();
        byte[] body = compute.get();
        put(key, gen, new Entry(body, null), maxEntry);
        return body;
    }

    synchronized int size() {
        return cache == null ? 0 : (int) cache.estimatedSize();
    }

    synchronized long bytes() {
        if (cache == null) return 0;
        return cache.policy().eviction().map(ev -> ev.weightedSize().orElse(0L)).orElse(0L);
    }

    private void sync(long gen) {
        if (gen > generation) {
            cache.invalidateAll();
            generation = gen;
        }
    }

    private static long cost(String key, Entry e) {
        return e.body().length + 2L * key.length() + 64;
    }
}
