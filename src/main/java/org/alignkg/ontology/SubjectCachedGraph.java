package org.alignkg.ontology;

import java.util.ArrayList;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;

/**
 * A read-only view of a graph that does not change while it is used, which reads all triples of
 * a subject with one {@code find(s, ANY, ANY)} and answers later finds with that subject from
 * memory. SHACL asks the data graph many narrow questions about the same few nodes (each
 * property shape a {@code find(focus, path, ANY)}, each {@code sh:class} the types of a value
 * node that thousands of focus nodes share, such as a limitation); against a TDB2 union graph each
 * such find is an index range scan plus a decode and a de-duplication, which dominated a bulk
 * load's validation. Finds without a subject go to the graph underneath.
 *
 * <p>Memory stays bounded: at most {@code maxSubjects} subjects are kept (Caffeine evicts
 * beyond that; default {@value #MAX_SUBJECTS}, or the system property {@value #SUBJECTS_PROPERTY};
 * 0 keeps none, so every find goes to the graph underneath) and a subject with more than
 * {@link #MAX_TRIPLES_PER_SUBJECT} triples is never kept.
 */
final class SubjectCachedGraph extends GraphBase {
    static final int MAX_SUBJECTS = 100_000;
    /** {@code -Dalignkg.cache.shacl-subjects=N}: subjects kept per validation (0: none). */
    public static final String SUBJECTS_PROPERTY = "alignkg.cache.shacl-subjects";
    static final int MAX_TRIPLES_PER_SUBJECT = 1_000;
    private static final List<Triple> TOO_MANY = List.of();

    private final Graph base;
    /** Null when no subject is kept. */
    private final Cache<Node, List<Triple>> bySubject;

    /** With the size of {@link #SUBJECTS_PROPERTY}, or {@value #MAX_SUBJECTS}. */
    SubjectCachedGraph(Graph base) {
        this(base, configuredSubjects());
    }

    SubjectCachedGraph(Graph base, int maxSubjects) {
        this.base = base;
        this.bySubject = maxSubjects <= 0 ? null : Caffeine.newBuilder().maximumSize(maxSubjects).executor(Runnable::run).build();
    }

    /** The configured size; a value that is not a count of zero or more is refused. */
    static int configuredSubjects() {
        String v = System.getProperty(SUBJECTS_PROPERTY);
        if (v == null || v.isBlank()) return MAX_SUBJECTS;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + SUBJECTS_PROPERTY + " must be a number of subjects (0 or more), not '" + v + "'");
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = pattern.getMatchSubject();
        if (s == null || bySubject == null) return base.find(pattern);
        List<Triple> all = bySubject.get(s, this::read);
        if (all == TOO_MANY) return base.find(pattern);
        Node p = pattern.getMatchPredicate();
        Node o = pattern.getMatchObject();
        List<Triple> out = new ArrayList<>();
        for (Triple t : all)
            if ((p == null || p.equals(t.getPredicate())) && (o == null || o.equals(t.getObject()))) out.add(t);
        return WrappedIterator.create(out.iterator());
    }

    private List<Triple> read(Node s) {
        List<Triple> all = new ArrayList<>();
        ExtendedIterator<Triple> it = base.find(s, Node.ANY, Node.ANY);
        try {
            while (it.hasNext()) {
                if (all.size() == MAX_TRIPLES_PER_SUBJECT) return TOO_MANY;
                all.add(it.next());
            }
        } finally {
            it.close();
        }
        return all;
    }

    @Override
    public void performAdd(Triple t) {
        throw new UnsupportedOperationException("read-only view");
    }

    @Override
    public void performDelete(Triple t) {
        throw new UnsupportedOperationException("read-only view");
    }
}
