package org.alignkg.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the HTTP server.
 *
 * @param timeoutMillis per-query time limit
 * @param updateToken   bearer token that unlocks SPARQL Update, Graph Store writes and document
 *                      writes; null or blank: writes are disabled (403)
 * @param corsOrigins   origins allowed to read responses from a browser ("*" allows any, without
 *                      credentials); empty: no CORS headers at all
 * @param maxBodyBytes  largest request body accepted (413 past it)
 * @param curator       who the token stands for when a request accepting a suggestion names no
 *                      {@code curator} (a name or an agent IRI); null: requests must name one
 * @param ontologyDir   folder with {@code shapes.ttl} (documents are checked against it); the
 *                      jar's copy when the folder does not have it
 * @param idleTimeoutMillis a connection on which nothing arrives for this long is closed (bounds
 *                      slow-loris clients that send a request a byte at a time, or never finish it)
 * @param resultCacheBytes memory of every result cache together (0 turns them all off): 7/8 for
 *                      query responses and the Service Description and VoID ({@link ResultCache};
 *                      each response up to 256 KiB, until the next write), 1/8 for server-side
 *                      graph layouts ({@link LayoutCache})
 * @param parsedQueryEntries query texts kept parsed ({@link ParsedQueries}; 0: every request parses);
 *                      default {@value #DEFAULT_PARSED_QUERIES}, or the system property
 *                      {@code alignkg.cache.parsed-queries}
 */
public record ServerConfig(long timeoutMillis, String updateToken, List<String> corsOrigins, long maxBodyBytes,
                           String curator, Path ontologyDir, long idleTimeoutMillis, long resultCacheBytes,
                           int parsedQueryEntries) {
    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_MAX_BODY = 1_048_576;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_RESULT_CACHE_BYTES = 64L << 20;
    public static final int DEFAULT_PARSED_QUERIES = 1024;
    /** System property that sets {@link #parsedQueryEntries} where no constructor argument does. */
    public static final String PARSED_QUERIES_PROPERTY = "alignkg.cache.parsed-queries";

    public ServerConfig {
        Objects.requireNonNull(corsOrigins, "corsOrigins");
        Objects.requireNonNull(ontologyDir, "ontologyDir");
        corsOrigins = List.copyOf(corsOrigins);
        if (timeoutMillis <= 0) throw new IllegalArgumentException("timeout must be positive");
        if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes must be positive");
        if (idleTimeoutMillis <= 0) throw new IllegalArgumentException("idleTimeoutMillis must be positive");
        if (resultCacheBytes < 0) throw new IllegalArgumentException("resultCacheBytes must not be negative");
        if (parsedQueryEntries < 0) throw new IllegalArgumentException("parsedQueryEntries must not be negative");
        if (updateToken != null && updateToken.isBlank()) updateToken = null;
        if (curator != null && curator.isBlank()) curator = null;
    }

    /** As the full constructor, with the parsed-query cache from {@link #PARSED_QUERIES_PROPERTY} (default 1,024). */
    public ServerConfig(long timeoutMillis, String updateToken, List<String> corsOrigins, long maxBodyBytes,
                        String curator, Path ontologyDir, long idleTimeoutMillis, long resultCacheBytes) {
        this(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, curator, ontologyDir, idleTimeoutMillis, resultCacheBytes,
            parsedQueriesFromProperty());
    }

    /** {@code -Dalignkg.cache.parsed-queries=N}; a value that is not a count of zero or more is refused. */
    static int parsedQueriesFromProperty() {
        String v = System.getProperty(PARSED_QUERIES_PROPERTY);
        if (v == null || v.isBlank()) return DEFAULT_PARSED_QUERIES;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PARSED_QUERIES_PROPERTY + " must be a number of entries (0 or more), not '" + v + "'");
    }

    /** No curator name for the token; shapes from {@code ontology/}; default idle timeout and result cache. */
    public ServerConfig(long timeoutMillis, String updateToken, List<String> corsOrigins, long maxBodyBytes) {
        this(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, null, Path.of("ontology"),
            DEFAULT_IDLE_TIMEOUT_MILLIS, DEFAULT_RESULT_CACHE_BYTES);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_TIMEOUT_MILLIS, null, List.of(), DEFAULT_MAX_BODY);
    }

    public boolean updatesEnabled() {
        return updateToken != null;
    }

    /** The same settings with {@code curator} as the token's curator. */
    public ServerConfig withCurator(String name) {
        return new ServerConfig(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, name, ontologyDir, idleTimeoutMillis, resultCacheBytes, parsedQueryEntries);
    }

    /** The same settings with another idle timeout. */
    public ServerConfig withIdleTimeout(long millis) {
        return new ServerConfig(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, curator, ontologyDir, millis, resultCacheBytes, parsedQueryEntries);
    }

    /** The same settings with {@code bytes} for the result cache (0: off). */
    public ServerConfig withResultCache(long bytes) {
        return new ServerConfig(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, curator, ontologyDir, idleTimeoutMillis, bytes, parsedQueryEntries);
    }

    /** The same settings with {@code entries} parsed query texts kept (0: none). */
    public ServerConfig withParsedQueryCache(int entries) {
        return new ServerConfig(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, curator, ontologyDir, idleTimeoutMillis, resultCacheBytes, entries);
    }

    /** Bytes of the query response cache: 7/8 of {@link #resultCacheBytes}. */
    public long responseCacheBytes() {
        return resultCacheBytes - layoutCacheBytes();
    }

    /** Bytes of the graph layout cache: 1/8 of {@link #resultCacheBytes}. */
    public long layoutCacheBytes() {
        return resultCacheBytes / 8;
    }
}
