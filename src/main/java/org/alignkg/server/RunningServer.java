package org.alignkg.server;

import org.alignkg.query.NamedQueries;
import org.alignkg.store.TripleStore;

import io.javalin.Javalin;

/** A started server, so callers outside this package need not know Javalin. */
public final class RunningServer implements AutoCloseable {
    private final Javalin app;

    private RunningServer(Javalin app) {
        this.app = app;
    }

    /** Builds the app and starts it on {@code host:port} (port 0 picks a free one). */
    public static RunningServer start(TripleStore store, NamedQueries queries, ServerConfig config, String host, int port) {
        return start(store, queries, config, null, host, port);
    }

    public static RunningServer start(TripleStore store, NamedQueries queries, ServerConfig config,
                                      org.alignkg.link.SimilarService similar, String host, int port) {
        Javalin app = ServerApp.create(store, queries, config, similar);
        app.start(host, port);
        ServerApp.limitIdle(app, config);
        return new RunningServer(app);
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting requests and waits for running ones; the store stays open. */
    @Override
    public void close() {
        app.stop();
    }
}
