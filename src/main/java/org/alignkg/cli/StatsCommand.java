package org.alignkg.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.alignkg.query.StoreStats;
import org.alignkg.store.TripleStore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints counts of the store. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Print triples per named graph, instances per class, and the numbers of concepts, limitations and documents.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    ServerOptions server;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (server.given()) {
            ServerClient client = server.client();
            show(client.url(), client.stats());
            return 0;
        }
        try (TripleStore store = options.open()) {
            show(store.location(), StoreStats.of(store));
        }
        return 0;
    }

    private void show(String location, StoreStats s) throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        else print(out, location, s);
    }

    static void print(PrintWriter out, TripleStore store, StoreStats s) {
        print(out, store.location(), s);
    }

    /** {@code location}: the store's folder, or the URL of the server asked. */
    static void print(PrintWriter out, String location, StoreStats s) {
        out.printf("store %s: %,d triples in %d named graphs%n", location, s.triples(), s.graphs().size());
        out.printf("  limitations: %d   concepts: %d   documents: %d%n", s.limitations(), s.concepts(), s.documents());
        out.println("graphs:");
        int w = s.graphs().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Long> e : s.graphs().entrySet()) out.printf("  %-" + w + "s %,9d%n", e.getKey(), e.getValue());
        out.println("classes:");
        int cw = s.classes().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Long> e : s.classes().entrySet()) out.printf("  %-" + cw + "s %,9d%n", e.getKey(), e.getValue());
        out.flush();
    }
}
