package org.alignkg.store;

import java.util.Map;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;

/**
 * The graphs read from one file, ready to replace whatever that file put in the store before.
 *
 * @param path   the file as named in the store's bookkeeping (relative to the working directory)
 * @param sha256 hex digest of the file's bytes, to tell whether it changed since the last load
 * @param graphs graph name to content (usually one graph per file)
 */
public record FileBatch(String path, String sha256, Map<Node, Graph> graphs) {
    public FileBatch {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        graphs = Map.copyOf(graphs);
    }

    public long tripleCount() {
        return graphs.values().stream().mapToLong(Graph::size).sum();
    }
}
