package org.alignkg.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

import org.alignkg.query.DatasetSpec;
import org.alignkg.query.QueryRunner;
import org.alignkg.query.ResultFormat;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.out.NodeFmtLib;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs a query and streams its result: the writer (Jena's result set writers for JSON, XML, CSV
 * and TSV; RIOT's writers for the CONSTRUCT/DESCRIBE graph) writes straight into the response's
 * output stream as ARQ produces rows, inside the read transaction, with no copy of the whole
 * answer in between. Jetty's own output buffer (32 KiB) holds the first bytes, so an answer that
 * fits goes out in one piece with a Content-Length, and a larger one is sent chunked as it is
 * produced. When the request is cacheable and the result cache is on, the bytes are also copied
 * aside until they pass {@link ResultCache#maxEntryBytes()}; a complete answer within that is
 * filed, a larger one stops being copied and is only streamed.
 *
 * <p>Failures: before the response is committed (nothing has left Jetty's buffer: a time-out
 * before the first rows, a bad query at run time) the buffer is discarded and the failure becomes
 * an ordinary error response (503 for a time-out). After it, the status line has gone out and
 * cannot change: the connection is aborted, so the chunked body never gets its terminating
 * chunk and every HTTP client reports a truncated response (an I/O error) instead of a short
 * but complete-looking 200.
 */
final class QueryStreamer {
    private static final Logger LOG = LoggerFactory.getLogger(QueryStreamer.class);

    private final QueryRunner runner;
    private final Metrics metrics;
    private final ResultCache cache;
    private final TripleStore store;

    QueryStreamer(QueryRunner runner, Metrics metrics, ResultCache cache) {
        this.runner = runner;
        this.metrics = metrics;
        this.cache = cache;
        this.store = runner.store();
    }

    ResultCache cache() {
        return cache;
    }

    /** Runs without the result cache. */
    void run(Context ctx, Query q, DatasetSpec spec, Map<String, Node> bindings, ResultFormat fmt) {
        run(ctx, q, spec, bindings, fmt, null);
    }

    /**
     * Runs {@code q}; {@code cacheKey} names the query (normalised text, or the named query's id)
     * and is null when the answer must not be cached. The full key adds bindings, dataset and format.
     */
    void run(Context ctx, Query q, DatasetSpec spec, Map<String, Node> bindings, ResultFormat fmt, String cacheKey) {
        HttpServletResponse res = ctx.res();
        long t0 = System.nanoTime();
        String key = cacheKey == null || !cache.enabled() ? null : key(cacheKey, spec, bindings, fmt);
        // Read before the read transaction starts: see ResultCache.
        long gen = store.generation();
        try {
            if (key != null) {
                ResultCache.Entry hit = cache.get(key, gen);
                if (hit != null) {
                    send(ctx, hit);
                    return;
                }
            }
            metrics.execution();
            Body out = new Body(begin(ctx, fmt), key == null ? -1 : cache.maxEntryBytes());
            runner.execute(q, spec, bindings, qe -> {
                if (q.isSelectType()) {
                    ResultSet rs = qe.execSelect();
                    fmt.writeResults(out, rs);
                } else if (q.isAskType()) {
                    fmt.writeBoolean(out, qe.execAsk());
                } else {
                    Model m = q.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                    fmt.writeGraph(out, m);
                }
                return null;
            });
            // Filed before the handler returns, that is before the response is complete: the
            // client's next request may hit it.
            if (out.complete()) cache.put(key, gen, new ResultCache.Entry(out.bytes(), Formats.contentType(fmt)));
        } catch (IOException e) {
            LOG.debug("client closed the connection: {}", e.getMessage());
        } catch (RuntimeException e) {
            if (res.isCommitted()) {
                // Jena's writers wrap the servlet stream's IOException (client gone) in their own.
                if (ioCause(e)) LOG.debug("client closed the connection: {}", e.getMessage());
                else LOG.warn("aborting a response already under way: {}", e.getMessage());
                ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
                return;
            }
            res.resetBuffer();
            throw e;
        } finally {
            metrics.query((System.nanoTime() - t0) / 1e9);
        }
    }

    private static boolean ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof IOException) return true;
        return false;
    }

    static String key(String query, DatasetSpec spec, Map<String, Node> bindings, ResultFormat fmt) {
        StringBuilder sb = new StringBuilder(query.length() + 64);
        sb.append(fmt.name()).append('\n').append(query).append('\n');
        for (Map.Entry<String, Node> b : new TreeMap<>(bindings).entrySet())
            sb.append('?').append(b.getKey()).append('=').append(NodeFmtLib.strNT(b.getValue())).append('\n');
        sb.append("default=").append(spec.defaultGraphs()).append("\nnamed=").append(spec.namedGraphs());
        return sb.toString();
    }

    private static void send(Context ctx, ResultCache.Entry e) throws IOException {
        HttpServletResponse res = ctx.res();
        ctx.status(200);
        res.setStatus(200);
        res.setContentType(e.contentType());
        res.setContentLength(e.body().length);
        OutputStream out = res.getOutputStream();
        out.write(e.body());
        out.flush();
    }

    private static OutputStream begin(Context ctx, ResultFormat fmt) throws IOException {
        ctx.status(200);
        ctx.res().setStatus(200);
        ctx.res().setContentType(Formats.contentType(fmt));
        return ctx.res().getOutputStream();
    }

    /**
     * The response body as the writers see it. Every byte goes straight to the servlet stream
     * (Jetty's buffer). With {@code limit >= 0} it also keeps a copy of the first {@code limit}
     * bytes for the cache: past that the answer is too large to keep, the copy is dropped and only
     * the response gets the rest. Flushes are not passed on: the writers flush at the end of each
     * result, and a flush of the servlet stream commits the response, so a small answer would go
     * out chunked instead of in one piece with a Content-Length (Jetty sends that when the handler
     * returns with everything still in its buffer), and a failure could no longer become a clean
     * error response.
     */
    private static final class Body extends OutputStream {
        private final OutputStream out;
        private final int limit;
        private ByteArrayOutputStream copy;

        Body(OutputStream out, int limit) {
            this.out = out;
            this.limit = limit;
            this.copy = limit < 0 ? null : new ByteArrayOutputStream(8192);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (copy != null) {
                if (copy.size() + 1 > limit) copy = null;
                else copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (copy != null) {
                if (copy.size() + len > limit) copy = null;
                else copy.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            // See the class comment: Jetty flushes when its buffer is full and when the handler returns.
        }

        /** Whether the whole answer was copied (a limit was given and not passed). */
        boolean complete() {
            return copy != null;
        }

        byte[] bytes() {
            return copy.toByteArray();
        }
    }
}
