package org.alignkg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.ingest.RdfFileWriter;
import org.alignkg.ontology.AKG;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the store, or one graph of it, in any Rio format. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = { "Write the whole store (all named graphs) or one graph in an RDF format.",
        "Quad formats (trig, nquads, trix, jsonld) keep graph names; triple formats merge the graphs.",
        "The store's bookkeeping graph (" + AKG.SYSTEM_GRAPH + ") is left out unless named with --graph." })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    ServerOptions server;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "trig",
        description = "turtle, trig (default), ntriples, nquads, rdfxml, jsonld, trix.")
    String format;

    @Option(names = "--graph", paramLabel = "IRI", description = "Export only this named graph.")
    String graph;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write to FILE (default: standard output).")
    Path output;

    @Override
    public Integer call() throws IOException {
        Map<Node, Graph> graphs;
        if (server.given()) {
            ServerClient client = server.client();
            graphs = graph != null ? Map.of(NodeFactory.createURI(graph), QueryCommand.stableOrder(client.namedGraph(graph)))
                : withoutSystemGraph(client.namedGraphs());
        } else {
            try (TripleStore store = options.open()) {
                if (graph != null) {
                    if (!store.graphNames().contains(graph))
                        throw new InvalidInputException(SourceLocation.of("--graph"), "no named graph <" + graph + "> in the store");
                    Node g = NodeFactory.createURI(graph);
                    graphs = Map.of(g, QueryCommand.stableOrder(store.copyOf(g)));
                } else {
                    graphs = withoutSystemGraph(store.copyAll());
                }
            }
        }
        if (output != null) {
            Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), ".export", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                RdfFileWriter.write(out, format, graphs, AKG.prefixes());
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            // Move into place only when complete, so a failed export never leaves half a file.
            Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            var w = spec.commandLine().getOut();
            OutputStream out = new QueryCommand.WriterOutputStream(w);
            RdfFileWriter.write(out, format, graphs, AKG.prefixes());
            out.close();
        }
        return 0;
    }

    /**
     * The system graph is the store's own bookkeeping, rebuilt by every load; an export without it
     * loads cleanly into another store.
     */
    private static Map<Node, Graph> withoutSystemGraph(Map<Node, Graph> all) {
        Map<Node, Graph> graphs = new java.util.LinkedHashMap<>(all);
        graphs.remove(NodeFactory.createURI(AKG.SYSTEM_GRAPH));
        return graphs;
    }
}
