package org.alignkg.query;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.apache.jena.query.Query;

/**
 * A page of a named query's answer: {@code limit} and {@code offset} given by the caller. They
 * replace the query's own LIMIT and OFFSET, whose LIMIT is therefore the default page size: a
 * query whose answer grows with the store (pending suggestions) ships with one, so an answer
 * stays small enough to cache and to read, and a client pages through the rest.
 *
 * @param limit  solutions per page, or {@code null} for the query's own LIMIT
 * @param offset solutions to skip, or {@code null} for the query's own OFFSET
 */
public record Page(Long limit, Long offset) {
    /** The largest page a caller may ask for. */
    public static final long MAX_LIMIT = 100_000;
    public static final Page DEFAULT = new Page(null, null);

    /**
     * Reads the two parameters (either may be absent); {@code limitName} and {@code offsetName}
     * are how the caller spelt them ("limit", "--limit"), for the message.
     */
    public static Page parse(String limit, String offset, String limitName, String offsetName) {
        return new Page(number(limit, limitName, 0, MAX_LIMIT), number(offset, offsetName, 0, Long.MAX_VALUE));
    }

    private static Long number(String value, String name, long min, long max) {
        if (value == null) return null;
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(SourceLocation.of("parameter '" + name + "'"),
                "must be an integer from " + min + " to " + max + ", got '" + value + "'", e);
        }
        if (n < min || n > max)
            throw new InvalidInputException(SourceLocation.of("parameter '" + name + "'"),
                "must be an integer from " + min + " to " + max + ", got '" + value + "'");
        return n;
    }

    public boolean isDefault() {
        return limit == null && offset == null;
    }

    /** The query with this page's LIMIT and OFFSET; the same object when nothing changes. */
    public Query applyTo(Query q) {
        if (isDefault()) return q;
        Query copy = q.cloneQuery();
        if (limit != null) copy.setLimit(limit);
        if (offset != null) copy.setOffset(offset);
        return copy;
    }

    /** A stable suffix for cache keys: "" for the default page. */
    public String key() {
        return isDefault() ? "" : " limit=" + limit + " offset=" + offset;
    }
}
