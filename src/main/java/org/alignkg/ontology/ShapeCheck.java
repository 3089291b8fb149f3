package org.alignkg.ontology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalInt;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.engine.Target;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ValidationProc;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.path.Path;

/** SHACL validation of a data graph against alignkg's shapes, as plain values. No I/O. */
public final class ShapeCheck {
    private final Shapes shapes;
    private final OptionalInt reach;

    public ShapeCheck(Graph shapesGraph) {
        this.shapes = Shapes.parse(shapesGraph);
        this.reach = ShapeReach.of(shapesGraph);
    }

    /**
     * How far from a focus node the shapes look: every constraint's result at a node depends only
     * on the triples whose subject is at most this many forward steps away (and on the class
     * hierarchy). Empty when the shapes use something without such a bound (inverse or
     * transitive paths, SPARQL, object targets, recursion); then only whole-graph validation is
     * correct. See {@link ShapeReach}.
     */
    public OptionalInt reach() {
        return reach;
    }

    /**
     * Validates only {@code nodes} (each against the shapes that target it) with {@code data} as
     * the data graph. Equal to the part of {@link #check} about these nodes.
     */
    public List<Violation> checkNodes(Graph graph, Iterable<Node> nodes) {
        return checkNodes(graph, nodes, done -> { });
    }

    /** As {@link #checkNodes(Graph, Iterable)}; {@code checked} hears how many nodes are done, now and then. */
    public List<Violation> checkNodes(Graph graph, Iterable<Node> nodes, java.util.function.LongConsumer checked) {
        Graph data = new SubjectCachedGraph(graph);
        long done = 0;
        // One validation context for all nodes, and target matching done here with a cache of
        // superclass closures: Jena's per-node entry point (ShaclValidator.validate(shapes, data,
        // node)) re-derives the class hierarchy for every node and shape, which dominated the
        // profile of a 10^6-triple bulk load. Same semantics as Jena's VLib.isFocusNode for the
        // target kinds accepted here (class, implicit class, node, subjects-of).
        ValidationContext vCxt = ValidationContext.create(shapes, data);
        Map<Node, Set<Node>> closures = new HashMap<>();
        Collection<Shape> targeted = shapes.getTargetShapes();
        for (Node n : nodes) {
            // One scan of the node's own triples answers every target test (types, predicates).
            Set<Node> predicates = new HashSet<>();
            Set<Node> classes = new HashSet<>();
            data.find(n, Node.ANY, Node.ANY).forEachRemaining(t -> {
                predicates.add(t.getPredicate());
                if (RDF.Nodes.type.equals(t.getPredicate()))
                    classes.addAll(closures.computeIfAbsent(t.getObject(), c -> superClasses(data, c)));
            });
            for (Shape shape : targeted) {
                boolean focus = false;
                for (Target t : shape.getTargets()) {
                    switch (t.getTargetType()) {
                        case targetClass, implicitClass -> focus = classes.contains(t.getObject());
                        case targetNode -> focus = t.getObject().equals(n);
                        case targetSubjectsOf -> focus = predicates.contains(t.getObject());
                        case targetObjectsOf -> focus = data.contains(Node.ANY, t.getObject(), n);
                        default -> throw new IllegalStateException("checkNodes does not support target " + t);
                    }
                    if (focus) break;
                }
                if (focus) ValidationProc.execValidateShape(vCxt, data, shape, n);
            }
            if ((++done & 0x3FFF) == 0) checked.accept(done);
        }
        List<Violation> out = toViolations(vCxt.generateReport());
        out.sort(ORDER);
        return out;
    }

    private static Set<Node> superClasses(Graph data, Node c) {
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(c));
        while (!todo.isEmpty()) {
            Node x = todo.pop();
            if (seen.add(x)) data.find(x, RDFS.Nodes.subClassOf, Node.ANY).forEachRemaining(t -> todo.push(t.getObject()));
        }
        return seen;
    }

    /** One violation: the node at fault, the property path, and the shape's message. */
    public record Violation(Node focus, String path, String message, boolean error) {
        /** "akgr:limitation/2 (akg:concerns): Limitation must concern at least two concepts". */
        public String describe(PrefixMapping pm) {
            String who = focus.isBlank() ? "a blank node" : shortName(focus, pm);
            return who + (path.isEmpty() ? "" : " (" + path + ")") + ": " + message;
        }
    }

    /** Violations with severity Violation (errors) first, then warnings; empty when the graph conforms. */
    public List<Violation> check(Graph data) {
        List<Violation> out = toViolations(ShaclValidator.get().validate(shapes, data));
        out.sort(ORDER);
        return out;
    }

    /** Violations in the order every check returns them (errors first, then by node and path). */
    public static List<Violation> sorted(List<Violation> violations) {
        List<Violation> out = new ArrayList<>(violations);
        out.sort(ORDER);
        return out;
    }

    private static final Comparator<Violation> ORDER = Comparator.comparing((Violation v) -> !v.error())
        .thenComparing(v -> v.focus().toString()).thenComparing(Violation::path);

    private static List<Violation> toViolations(ValidationReport report) {
        List<Violation> out = new ArrayList<>();
        PrefixMapping pm = AKG.prefixes();
        for (ReportEntry e : report.getEntries()) {
            Path p = e.resultPath();
            String path = p == null ? "" : p.toString(new org.apache.jena.sparql.core.Prologue(pm));
            String msg = e.message() != null ? e.message() : "violates " + e.sourceConstraintComponent();
            out.add(new Violation(e.focusNode(), path, msg, e.severity() == Severity.Violation));
        }
        return out;
    }

    static String shortName(Node n, PrefixMapping pm) {
        if (n.isURI()) {
            String s = pm.shortForm(n.getURI());
            return s.equals(n.getURI()) ? "<" + s + ">" : s;
        }
        return NodeFmtLib.strNT(n);
    }
}
