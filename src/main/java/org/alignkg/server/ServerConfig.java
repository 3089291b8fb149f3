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
 * @param resultCacheBytes memory for cached query responses (0 disables the result cache); each
 *                      response is cached only up to 256 KiB, and only until the next write
 */
public record ServerConfig(long timeoutMillis, String updateToken, List<String> corsOrigins, long maxBodyBytes,
                           String curator, Path ontologyDir, long idleTimeoutMillis, long resultCacheBytes) {
    public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_MAX_BODY = 1_048_576;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_RESULT_CACHE_BYTES = 64L << 20;

    public ServerConfig {
        Objects.requireNonNull(corsOrigins, "corsOrigins");
        Objects.requireNonNull(ontologyDir, "ontologyDir");
        corsOrigins = List.copyOf(corsOrigins);
        if (timeoutMillis <= 0) throw new IllegalArgumentException("timeout must be positive");
        if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes must be positive");
        if (idleTimeoutMillis <= 0) throw new IllegalArgumentException("idleTimeoutMillis must be positive");
        if (resultCacheBytes < 0) throw new IllegalArgumentException("resultCacheBytes must not be negative");
        if (updateToken != null && updateToken.isBlank()) updateToken = null;
        if (curator != null && curator.isBlank()) curator = null;
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
        return new ServerConfig(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, name, ontologyDir, idleTimeoutMillis, resultCacheBytes);
    }

    /** The same settings with another idle timeout. */
    public ServerConfig withIdleTimeout(long millis) {
        return new ServerConfig(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, curator, ontologyDir, millis, resultCacheBytes);
    }

    /** The same settings with {@code bytes} for the result cache (0: off). */
    public ServerConfig withResultCache(long bytes) {
        return new ServerConfig(timeoutMillis, updateToken, corsOrigins, maxBodyBytes, curator, ontologyDir, idleTimeoutMillis, bytes);
    }
}
