package org.alignkg.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.alignkg.query.Sparql;
import org.apache.jena.query.Query;

/**
 * A bounded cache from query text (and the base IRI it was parsed against) to the parsed,
 * checked {@link Query} and its normalised form (Jena's serialisation, which drops comments,
 * layout and prefix spelling), used as the result cache's key. Parse errors are not cached.
 * A cached {@link Query} is shared by concurrent requests, as the named queries always were; it is
 * never modified after parsing (the query runner clones before changing a dataset description).
 */
final class ParsedQueries {
    /** A parsed query, its normalised text, and whether its answer may be cached. */
    record Parsed(Query query, String normalised, boolean cacheable) { }

    private final int maxEntries;
    private final Map<String, Parsed> map;

    ParsedQueries(int maxEntries) {
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
                return size() > ParsedQueries.this.maxEntries;
            }
        };
    }

    /** Parses (or finds) {@code text}; throws the usual located syntax error, or refuses SERVICE. */
    Parsed parse(String text, String base) {
        String key = base + '\n' + text;
        if (maxEntries > 0) {
            synchronized (this) {
                Parsed p = map.get(key);
                if (p != null) return p;
            }
        }
        Query q = Sparql.parseQuery(text, "query", base);
        Sparql.refuseService(q, "query");
        Parsed p = of(q);
        if (maxEntries > 0 && text.length() <= 64 * 1024) {
            synchronized (this) {
                map.put(key, p);
            }
        }
        return p;
    }

    /** Normalises an already parsed query (the named queries). */
    static Parsed of(Query q) {
        q.setResultVars(); // computed once here, not lazily by concurrent executions
        String normalised = q.serialize();
        return new Parsed(q, normalised, deterministic(normalised));
    }

    /**
     * False when the answer may differ between two runs on the same data: NOW(), RAND(), UUID(),
     * STRUUID() and BNODE() in the query text. Conservative: a match inside a literal or IRI also
     * disables caching, which costs speed, never correctness.
     */
    static boolean deterministic(String normalised) {
        String u = normalised.toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", "");
        for (String f : new String[] { "NOW(", "RAND(", "UUID(", "STRUUID(", "BNODE(" })
            if (u.contains(f)) return false;
        return true;
    }
}
