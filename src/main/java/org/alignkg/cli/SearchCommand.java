package org.alignkg.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.alignkg.ingest.ShippedFiles;
import org.alignkg.link.LinkService;
import org.alignkg.store.TripleStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Full-text search over labels, definitions, limitation texts, titles and abstracts. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Full-text search (Lucene syntax) over concept labels and definitions, limitation texts, document titles, abstracts and texts.")
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "QUERY", description = "Words or a Lucene query, e.g. InstructGPT or \"scalable oversight\".")
    String query;

    @Option(names = "--limit", defaultValue = "10", description = "Number of hits (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        List<LinkService.SearchHit> hits;
        if (server.given()) {
            hits = server.client().search(query, limit);
        } else {
            try (TripleStore store = options.open()) {
                hits = new LinkService(store, ShippedFiles.shapes(options.ontology)).search(query, limit);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (hits.isEmpty()) out.println("no hits");
        for (var h : hits) {
            out.printf(Locale.ROOT, "%6.2f  %-10s %s  <%s>%n", h.score(), h.type(), h.label(), h.iri());
            out.printf("        %s%n", h.snippet().replaceAll("\\s+", " "));
        }
        return 0;
    }
}
