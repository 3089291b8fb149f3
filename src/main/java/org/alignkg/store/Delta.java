package org.alignkg.store;

import java.util.Set;
import java.util.function.Predicate;

import org.apache.jena.graph.Node;

/**
 * What a write changed, as the check before commit sees it.
 *
 * @param changedSubjects       subjects of every quad added or removed
 * @param classHierarchyChanged an {@code rdfs:subClassOf} triple was added or removed, so class
 *                              targets may have moved anywhere
 * @param newNode               whether a node was unknown to the store before this write: no quad
 *                              stored before can mention it, so every quad that has it as object
 *                              came with the write, and that quad's subject is among
 *                              {@code changedSubjects}
 * @param everything            the write replaced the whole store (a restore): only a whole-store
 *                              check is sound
 * @param reads                 how other threads may read the state being checked, or null: the
 *                              check then runs on the calling thread only (a write transaction's
 *                              uncommitted state is visible to its own thread alone; a bulk load's
 *                              new storage generation is committed and can be read by several)
 */
public record Delta(Set<Node> changedSubjects, boolean classHierarchyChanged, Predicate<Node> newNode, boolean everything,
                    ParallelReads reads) {
    public Delta(Set<Node> changedSubjects, boolean classHierarchyChanged, Predicate<Node> newNode, boolean everything) {
        this(changedSubjects, classHierarchyChanged, newNode, everything, null);
    }

    /** Runs a body in a read transaction of its own thread, on the graph being checked. */
    @FunctionalInterface
    public interface ParallelReads {
        <T> T inRead(java.util.function.Function<org.apache.jena.graph.Graph, T> body);
    }
}
