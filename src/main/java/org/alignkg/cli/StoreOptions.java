package org.alignkg.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.ingest.Loader;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.store.KgStore;
import org.alignkg.store.SparqlStore;
import org.alignkg.store.TripleStore;

import picocli.CommandLine.Option;

/** Options every store command shares. */
final class StoreOptions {
    /** Prefix of {@code --store} that names a SPARQL server instead of a folder. */
    static final String SPARQL = "sparql:";

    @Option(names = "--store", paramLabel = "DIR|sparql:URL", defaultValue = "store",
        description = { "TDB2 store folder (default: ${DEFAULT-VALUE}); created when missing.",
            "Or sparql:URL: the query endpoint of a SPARQL 1.1 server (Fuseki, Virtuoso, ...) that holds the graphs;"
                + " credentials from ALIGNKG_SPARQL_USER and ALIGNKG_SPARQL_PASSWORD." })
    String store;

    @Option(names = "--update-endpoint", paramLabel = "URL",
        description = "SPARQL Update endpoint of the sparql: store when it is not the query endpoint (Virtuoso: .../sparql-auth).")
    String updateEndpoint;

    @Option(names = "--graph-store-endpoint", paramLabel = "URL",
        description = "Graph Store Protocol endpoint of the sparql: store when it is not the query endpoint.")
    String graphStoreEndpoint;

    @Option(names = "--text-search", paramLabel = "KIND", defaultValue = "regex",
        description = "Full-text search on a sparql: store: jena-text (Fuseki's text:query), virtuoso (bif:contains)"
            + " or regex (portable FILTER, no index; default: ${DEFAULT-VALUE}). The embedded store always uses its own Lucene index.")
    String textSearch;

    @Option(names = "--update-batch", paramLabel = "QUADS", defaultValue = "0",
        description = "Send a write to a sparql: store as requests of about QUADS quads instead of one (default 0: one request)."
            + " For engines that refuse large requests and are not atomic anyway (Virtuoso 7: 1000).")
    int updateBatch;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "store-cache",
        description = "Local folder for indexes derived from a sparql: store's data (passage vectors; default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--ontology", paramLabel = "DIR", defaultValue = "ontology",
        description = "Folder with alignkg.ttl and shapes.ttl (default: ${DEFAULT-VALUE}; the jar's copy when missing).")
    Path ontology;

    /** The store, checking every write against the shapes of {@code --ontology}. */
    TripleStore open() {
        TripleStore kg = openUnchecked();
        try {
            return kg.validateWith(ShippedFiles.shapes(ontology));
        } catch (RuntimeException e) {
            kg.close();
            throw e;
        }
    }

    private TripleStore openUnchecked() {
        if (!store.regionMatches(true, 0, SPARQL, 0, SPARQL.length())) {
            if (store.matches("(?i)^[a-z][a-z0-9+.-]*:.*") && !store.matches("(?i)^[a-z]:[\\\\/].*"))
                // "http://..." or a misspelt "sparql:" must not become a folder named after it.
                throw new InvalidInputException(SourceLocation.of("--store"),
                    "'" + store + "' is neither a folder nor sparql:URL; a remote store is given as sparql:http://host:port/dataset");
            return KgStore.open(Path.of(store));
        }
        String url = store.substring(SPARQL.length());
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://"))
            throw new InvalidInputException(SourceLocation.of("--store"), "sparql: needs an http:// or https:// URL, got '" + url + "'");
        String user = System.getenv("ALIGNKG_SPARQL_USER");
        String password = System.getenv("ALIGNKG_SPARQL_PASSWORD");
        var endpoints = new SparqlStore.Endpoints(url, updateEndpoint, graphStoreEndpoint, blankToNull(user), password,
            SparqlStore.TextSearch.of(textSearch));
        return SparqlStore.open(endpoints, cache).withRequestLimit(updateBatch);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    Loader loader(TripleStore kg, org.alignkg.Progress progress) {
        return new Loader(kg, ShippedFiles.shapes(ontology), progress, Path.of(""));
    }
}
