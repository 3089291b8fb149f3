package org.alignkg.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.alignkg.embed.SentenceEncoder;
import org.alignkg.link.SimilarService;
import org.alignkg.store.TripleStore;
import org.alignkg.store.PassageIndex;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The documents (and limitations, statements, concepts) nearest in meaning to a thing of the store or to a text. */
@Command(name = "similar", mixinStandardHelpOptions = true,
    description = { "The documents, limitations, statements and concepts nearest in meaning to a thing of the store",
        "(--iri) or to a text (--text), by sentence embeddings, each with the passage that matched. The vector index",
        "(<store>/vector-index) is brought in step with the store first." })
final class SimilarCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    ServerOptions server;

    static final class Target {
        @Option(names = "--iri", paramLabel = "IRI", required = true, description = "A document, limitation, statement or concept.")
        String iri;

        @Option(names = "--text", paramLabel = "TEXT", required = true, description = "A text (at most 10,000 characters).")
        String text;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--limit", defaultValue = "10", description = "Number of hits, 1..100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only hits of this type: document, limitation, statement, concept.")
    String type;

    @Option(names = "--json", description = "Print the hits as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<SimilarService.Hit> hits;
        if (server.given()) {
            // The server's vector index, kept in step with its store by the server itself.
            hits = server.client().similar(target.iri, target.text, limit, type);
        } else {
            try (TripleStore store = options.open(); PassageIndex index = PassageIndex.open(PassageIndex.dirOf(store.cacheDir()))) {
                SimilarService similar = new SimilarService(store, index, SentenceEncoder.shared());
                similar.refresh(new ConsoleProgress(spec.commandLine().getErr()));
                hits = target.iri != null ? similar.similarTo(target.iri, limit, type) : similar.similarToText(target.text, limit, type);
            }
        }
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(hits));
            return 0;
        }
        if (hits.isEmpty()) out.println("no hits");
        for (SimilarService.Hit h : hits) {
            out.printf(Locale.ROOT, "%.3f  %-10s %s  <%s>%n", h.score(), h.type(), h.label(), h.iri());
            out.printf("        \"%s\" [%d..%d]%n", h.passage().replaceAll("\\s+", " "), h.start(), h.end());
        }
        return 0;
    }
}
