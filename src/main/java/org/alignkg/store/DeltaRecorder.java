package org.alignkg.store;

import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;

/**
 * Collects the delta of one write as it is made: the subjects and graphs of the quads added and
 * removed, whether the class hierarchy moved, and how many quads were added. Fed by the store's
 * own writes and, for edits, by RDF Patch's {@link DatasetGraphChanges} monitor ({@link #monitored}).
 */
final class DeltaRecorder {
    final Set<Node> subjects = new HashSet<>();
    final Set<String> graphs = new HashSet<>();
    boolean hierarchy;
    boolean everything;
    long added;

    /** Forgets everything recorded (a write that starts over). */
    void clear() {
        subjects.clear();
        graphs.clear();
        hierarchy = false;
        everything = false;
        added = 0;
    }

    void record(Node g, Node s, Node p) {
        subjects.add(s);
        if (g != null && g.isURI() && !Quad.isDefaultGraph(g)) graphs.add(g.getURI());
        if (RDFS.Nodes.subClassOf.equals(p)) hierarchy = true;
    }

    void added(Node g, Node s, Node p) {
        record(g, s, p);
        added++;
    }

    /**
     * {@code dsg} as an edit sees it: every add and delete through it (SPARQL Update, Graph Store
     * Protocol, the edits of the link service) is recorded here first. The monitor hears each call
     * before it reaches {@code dsg}, so a quad already there (add) or not there (delete) is no change.
     */
    DatasetGraph monitored(DatasetGraph dsg) {
        return new DatasetGraphChanges(dsg, new RDFChangesBase() {
            @Override public void add(Node g, Node s, Node p, Node o) {
                if (!dsg.contains(g, s, p, o)) added(g, s, p);
            }

            @Override public void delete(Node g, Node s, Node p, Node o) {
                if (dsg.contains(g, s, p, o)) record(g, s, p);
            }
        });
    }
}
