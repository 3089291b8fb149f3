package org.alignkg.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.query.GraphQueries;
import org.alignkg.query.NamedQueries;
import org.alignkg.query.NamedQuery;
import org.alignkg.query.QueryRunner;
import org.alignkg.store.TripleStore;
import org.alignkg.viz.GraphExport;
import org.alignkg.viz.GraphViews;
import org.alignkg.viz.Neighbourhood;
import org.alignkg.viz.VizGraph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the concept map (or the neighbourhood of one node) for Graphviz, Gephi, Cytoscape or Mermaid. */
@Command(name = "export-graph", mixinStandardHelpOptions = true,
    description = { "Write the concept map (limitations, concepts, pillars, documents and their links) for other drawing tools.",
        "dot: Graphviz (dot -Tsvg); graphml: Gephi, Cytoscape desktop, yEd; mermaid: Markdown diagrams; cytoscape-json: Cytoscape.js elements." })
final class ExportGraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    ServerOptions server;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "dot, graphml, mermaid or cytoscape-json.")
    String format;

    @Option(names = "--focus", paramLabel = "IRI", description = "Only the neighbourhood of this node (default: the whole map).")
    String focus;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "1", description = "Links from the focus to include (0-" + Neighbourhood.MAX_DEPTH + ", default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--queries", paramLabel = "DIR", defaultValue = "queries", description = "Named queries folder (default: ${DEFAULT-VALUE}; the jar's graph queries when missing).")
    Path queriesDir;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write to FILE (default: standard output).")
    Path output;

    @Override
    public Integer call() throws IOException {
        GraphExport.Format fmt;
        try {
            fmt = GraphExport.Format.of(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(SourceLocation.of("--format"), e.getMessage(), e);
        }
        if (depth < 0 || depth > Neighbourhood.MAX_DEPTH)
            throw new InvalidInputException(SourceLocation.of("--depth"), "depth must be 0 to " + Neighbourhood.MAX_DEPTH + ", not " + depth);
        NamedQueries queries = NamedQueries.loadOrShipped(queriesDir);
        String text;
        if (server.given()) {
            text = write(new GraphViews(GraphQueries.constructs(queries, server.client()::graph)), fmt);
        } else {
            try (TripleStore store = options.open()) {
                text = write(new GraphViews(GraphQueries.constructs(queries, new QueryRunner(store, 60_000))), fmt);
            }
        }
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Path abs = output.toAbsolutePath();
            Path tmp = Files.createTempFile(abs.getParent(), ".export-graph", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                // Appears only when complete.
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return 0;
    }

    private String write(GraphViews views, GraphExport.Format fmt) {
        VizGraph g = focus == null ? views.whole()
            : views.around(NamedQueries.toNode(new NamedQuery.Param("focus", NamedQuery.Kind.IRI, ""), focus), depth);
        if (focus != null && g.nodes().isEmpty())
            throw new InvalidInputException(SourceLocation.of("--focus"), "<" + focus + "> is not a node of the map (limitation, concept, pillar or document)");
        return GraphExport.write(g, fmt);
    }
}
