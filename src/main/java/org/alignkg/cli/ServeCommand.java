package org.alignkg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.query.NamedQueries;
import org.alignkg.server.RunningServer;
import org.alignkg.server.ServerConfig;
import org.alignkg.store.TripleStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Syncs data/ and ontology/ into the store, then serves it over HTTP until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = { "Start the SPARQL server (SPARQL 1.1 Protocol, Graph Store Protocol, named queries, linked data, documents and search).",
        "Loads data/ and ontology/ first when the store is empty or out of date. Read-only unless an update token is set." })
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--queries", paramLabel = "DIR", defaultValue = "queries", description = "Named queries folder (default: ${DEFAULT-VALUE}).")
    Path queriesDir;

    @Option(names = "--port", defaultValue = "7070", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Per-query time limit (default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    @Option(names = "--update-token", paramLabel = "TOKEN",
        description = "Bearer token that enables SPARQL Update and Graph Store writes (or env ALIGNKG_UPDATE_TOKEN). Without it the server is read-only.")
    String updateToken;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
        description = "Origin allowed to call the server from a browser (repeatable; '*' for any, never with credentials). Default: none.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--curator", paramLabel = "NAME",
        description = "Who the update token stands for when accepting a suggested link names no curator (a name or an agent IRI; or env ALIGNKG_CURATOR).")
    String curator;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "Close a connection idle this long, e.g. a client that never finishes its request (default: ${DEFAULT-VALUE} s).")
    double idleTimeoutSeconds;

    @Option(names = "--result-cache", paramLabel = "MIB", defaultValue = "64",
        description = "Memory for cached query responses, in MiB (default: ${DEFAULT-VALUE}; 0 disables). Responses up to 256 KiB are cached until the next write.")
    long resultCacheMib;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String token = updateToken != null ? updateToken : System.getenv("ALIGNKG_UPDATE_TOKEN");
        String curatorName = curator != null ? curator : System.getenv("ALIGNKG_CURATOR");
        ServerConfig config = new ServerConfig(Math.round(timeoutSeconds * 1000), token, corsOrigins, maxBody, curatorName,
            options.ontology, Math.max(1, Math.round(idleTimeoutSeconds * 1000)), resultCacheMib * 1024 * 1024);
        NamedQueries queries = NamedQueries.loadOrShipped(queriesDir);
        TripleStore store = options.open();
        RunningServer app;
        org.alignkg.store.PassageIndex index = null;
        try {
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
            LoadResult r = dataOptions.sync(store, options, progress);
            if (!r.loaded().isEmpty() || !r.removed().isEmpty())
                out.printf("loaded %d file(s), %,d triples%n", r.loaded().size(), r.triples());
            org.alignkg.link.SimilarService similar = null;
            if (!dataOptions.noCorpus) {
                index = org.alignkg.store.PassageIndex.open(org.alignkg.store.PassageIndex.dirOf(store.cacheDir()));
                similar = new org.alignkg.link.SimilarService(store, index, org.alignkg.embed.SentenceEncoder.shared());
                var refreshed = similar.refresh(progress);
                if (refreshed.graphsIndexed() > 0)
                    out.printf("vector index: %,d passages of %d graph(s) embedded%n", refreshed.passages(), refreshed.graphsIndexed());
            }
            app = RunningServer.start(store, queries, config, similar, host, port);
        } catch (RuntimeException e) {
            if (index != null) index.close();
            store.close();
            throw e;
        }
        final org.alignkg.store.PassageIndex openIndex = index;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Jetty first, so no request runs when the store closes; TDB2 commits are already durable.
            app.close();
            if (openIndex != null) openIndex.close();
            store.close();
            stopped.countDown();
        }, "alignkg-shutdown"));
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out.printf("alignkg serving %d named queries on http://%s:%d/sparql (%s; Ctrl-C to stop)%n", queries.all().size(), shown, app.port(),
            config.updatesEnabled() ? "updates enabled with the token" : "read-only");
        out.flush();
        stopped.await();
        return 0;
    }
}
