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
 * Runs a query and sends its result. The result is serialised into a memory buffer first; a
 * result that stays within {@link ResultCache#maxEntryBytes()} is sent in one piece with a
 * Content-Length (and filed in the {@link ResultCache} when the request is cacheable), a larger one
 * spills: the buffer is sent and the rest streamed inside the read transaction. A failure before
 * the first byte is sent (time-out, bad query at run time) becomes an ordinary error response;
 * a failure after the response is committed aborts the connection, so a client never mistakes
 * a cut-off result for a complete 200.
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
            SpillBuffer buf = new SpillBuffer(ctx, fmt, cache.maxEntryBytes());
            runner.execute(q, spec, bindings, qe -> {
                try {
                    if (q.isSelectType()) {
                        ResultSet rs = qe.execSelect();
                        fmt.writeResults(buf, rs);
                    } else if (q.isAskType()) {
                        fmt.writeBoolean(buf, qe.execAsk());
                    } else {
                        Model m = q.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                        fmt.writeGraph(buf, m);
                    }
                    buf.finish();
                } catch (IOException e) {
                    throw new ClientGoneException(e);
                }
                return null;
            });
            byte[] whole = buf.whole();
            if (whole != null) {
                ResultCache.Entry e = new ResultCache.Entry(whole, Formats.contentType(fmt));
                if (key != null) cache.put(key, gen, e); // before sending: the client's next request may hit it
                send(ctx, e);
            }
        } catch (ClientGoneException e) {
            LOG.debug("client closed the connection: {}", e.getMessage());
        } catch (IOException e) {
            LOG.debug("client closed the connection: {}", e.getMessage());
        } catch (RuntimeException e) {
            if (res.isCommitted()) {
                LOG.warn("aborting a response already under way: {}", e.getMessage());
                ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
                return;
            }
            res.resetBuffer();
            throw e;
        } finally {
            metrics.query((System.nanoTime() - t0) / 1e9);
        }
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

    /** Keeps the first {@code limit} bytes in memory; past that, starts the response and streams. */
    private static final class SpillBuffer extends OutputStream {
        private final Context ctx;
        private final ResultFormat fmt;
        private final int limit;
        private ByteArrayOutputStream mem = new ByteArrayOutputStream(8192);
        private OutputStream out;

        SpillBuffer(Context ctx, ResultFormat fmt, int limit) {
            this.ctx = ctx;
            this.fmt = fmt;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (out == null && mem.size() + 1 > limit) spill();
            (out != null ? out : mem).write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (out == null && mem.size() + len > limit) spill();
            (out != null ? out : mem).write(b, off, len);
        }

        private void spill() throws IOException {
            out = begin(ctx, fmt);
            mem.writeTo(out);
            mem = null;
        }

        @Override
        public void flush() throws IOException {
            // Writers flush at the end of each result; only a spilled stream passes it on.
            if (out != null) out.flush();
        }

        void finish() throws IOException {
            if (out != null) out.flush();
        }

        /** The complete response when it never spilled, else null (already sent). */
        byte[] whole() {
            return out == null ? mem.toByteArray() : null;
        }
    }

    /** The client went away mid-response; nothing to answer. */
    private static final class ClientGoneException extends RuntimeException {
        ClientGoneException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
