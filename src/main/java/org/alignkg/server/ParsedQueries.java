package org.alignkg.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.alignkg.query.Sparql;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Now;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitor;
import org.apache.jena.sparql.expr.ExprFunction0;
import org.apache.jena.sparql.expr.ExprFunction1;
import org.apache.jena.sparql.expr.ExprFunction2;
import org.apache.jena.sparql.expr.ExprFunction3;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.expr.Unstable;

/**
 * A bounded cache from query text (and the base IRI it was parsed against) to the parsed,
 * checked {@link Query} and, when the server has a result cache, its normalised form (Jena's
 * serialisation, which drops comments, layout and prefix spelling), used as the result cache's
 * key. Parse errors are not cached. A cached {@link Query} is shared by concurrent requests, as
 * the named queries always were; it is never modified after parsing (the query runner clones
 * before changing a dataset description).
 *
 * <p>The checks cost one algebra compilation per text, shared by the SERVICE refusal and the
 * determinism test; without a result cache neither the normalised text nor the determinism test
 * is needed, and a text seen once (a different IRI in every request) costs only its parse and
 * that one compilation, as in Fuseki (which compiles once more to execute, as we do).
 */
final class ParsedQueries {
    /** A parsed query, its normalised text (null when not keyed), and whether its answer may be cached. */
    record Parsed(Query query, String normalised, boolean cacheable) { }

    /** Texts longer than this are parsed every time: a cache entry that large is rarely hit again. */
    static final int MAX_CACHED_TEXT = 64 * 1024;

    private final int maxEntries;
    private final boolean keyed;
    private final Cache<String, Parsed> cache;

    /**
     * @param maxEntries texts kept (0: none; every request parses)
     * @param keyed      whether answers may be cached, so that the normalised text and the
     *                   determinism test are needed
     */
    ParsedQueries(int maxEntries, boolean keyed) {
        this.maxEntries = Math.max(0, maxEntries);
        this.keyed = keyed;
        this.cache = Caffeine.newBuilder().maximumSize(this.maxEntries).executor(Runnable::run).build();
    }

    /** Parses (or finds) {@code text}; throws the usual located syntax error, or refuses SERVICE. */
    Parsed parse(String text, String base) {
        String key = base + '\n' + text;
        if (maxEntries > 0) {
            Parsed p = cache.getIfPresent(key);
            if (p != null) return p;
        }
        Query q = Sparql.parseQuery(text, "query", base);
        Parsed p = check(q, keyed, true);
        if (maxEntries > 0 && text.length() <= MAX_CACHED_TEXT) cache.put(key, p);
        return p;
    }

    /** Normalises an already parsed query (the named queries). */
    static Parsed of(Query q) {
        return check(q, true, false);
    }

    private static Parsed check(Query q, boolean keyed, boolean refuseService) {
        q.setResultVars(); // computed once here, not lazily by concurrent executions
        // One compilation for both checks; the algebra reaches sub-SELECTs and (NOT) EXISTS.
        Op op = Algebra.compile(q);
        if (refuseService) Sparql.refuseService(op, "query");
        boolean cacheable = keyed && !volatileCall(op);
        return new Parsed(q, cacheable ? q.serialize() : null, cacheable);
    }

    /**
     * False when the answer may differ between two runs on the same data: a call of NOW(), RAND(),
     * UUID(), STRUUID() or BNODE() (or any other function Jena marks Unstable) anywhere in the query's algebra (EXISTS patterns included),
     * found by walking the algebra, not by matching text.
     */
    static boolean deterministic(Query q) {
        Query copy = q.cloneQuery();
        copy.setResultVars();
        return !volatileCall(Algebra.compile(copy));
    }

    /** {@link #deterministic(Query)} of a query text. */
    static boolean deterministic(String text) {
        return deterministic(QueryFactory.create(text));
    }

    private static boolean volatileCall(Op op) {
        boolean[] found = { false };
        // Jena marks RAND(), UUID(), STRUUID() and BNODE() as Unstable; NOW() is stable within one
        // execution only.
        ExprVisitor calls = new ExprVisitorBase() {
            @Override public void visit(ExprFunction0 f) { check(f); }
            @Override public void visit(ExprFunction1 f) { check(f); }
            @Override public void visit(ExprFunction2 f) { check(f); }
            @Override public void visit(ExprFunction3 f) { check(f); }
            @Override public void visit(ExprFunctionN f) { check(f); }

            private void check(ExprFunction f) {
                if (f instanceof Unstable || f instanceof E_Now) found[0] = true;
            }

            @Override
            public void visit(ExprFunctionOp funcOp) {
                if (volatileCall(funcOp.getGraphPattern())) found[0] = true;
            }
        };
        Walker.walk(op, new OpVisitorBase(), calls);
        return found[0];
    }
}
