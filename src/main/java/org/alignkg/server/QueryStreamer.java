package org.alignkg.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import org.alignkg.query.DatasetSpec;
import org.alignkg.query.QueryRunner;
import org.alignkg.query.ResultFormat;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs a query and streams its result to the response inside the read transaction. A failure
 * before the first byte (time-out, bad query at run time) becomes an ordinary error response;
 * a failure after the response is committed aborts the connection, so a client never mistakes
 * a cut-off result for a complete 200.
 */
final class QueryStreamer {
    private static final Logger LOG = LoggerFactory.getLogger(QueryStreamer.class);

    private final QueryRunner runner;
    private final Metrics metrics;

    QueryStreamer(QueryRunner runner, Metrics metrics) {
        this.runner = runner;
        this.metrics = metrics;
    }

    void run(Context ctx, Query q, DatasetSpec spec, Map<String, Node> bindings, ResultFormat fmt) {
        HttpServletResponse res = ctx.res();
        long t0 = System.nanoTime();
        try {
            runner.execute(q, spec, bindings, qe -> {
                try {
                    if (q.isSelectType()) {
                        ResultSet rs = qe.execSelect();
                        rs.hasNext(); // computes the first row before any byte is sent: a time-out here is a clean 503
                        OutputStream out = begin(ctx, fmt);
                        fmt.writeResults(out, rs);
                        out.flush();
                    } else if (q.isAskType()) {
                        boolean answer = qe.execAsk();
                        OutputStream out = begin(ctx, fmt);
                        fmt.writeBoolean(out, answer);
                        out.flush();
                    } else {
                        Model m = q.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                        OutputStream out = begin(ctx, fmt);
                        fmt.writeGraph(out, m);
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new ClientGoneException(e);
                }
                return null;
            });
        } catch (ClientGoneException e) {
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

    private static OutputStream begin(Context ctx, ResultFormat fmt) throws IOException {
        ctx.status(200);
        ctx.res().setStatus(200);
        ctx.res().setContentType(Formats.contentType(fmt));
        return ctx.res().getOutputStream();
    }

    /** The client went away mid-response; nothing to answer. */
    private static final class ClientGoneException extends RuntimeException {
        ClientGoneException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
