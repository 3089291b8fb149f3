package org.alignkg.ontology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.path.Path;

/** SHACL validation of a data graph against alignkg's shapes, as plain values. No I/O. */
public final class ShapeCheck {
    private final Shapes shapes;

    public ShapeCheck(Graph shapesGraph) {
        this.shapes = Shapes.parse(shapesGraph);
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
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        List<Violation> out = new ArrayList<>();
        PrefixMapping pm = AKG.prefixes();
        for (ReportEntry e : report.getEntries()) {
            Path p = e.resultPath();
            String path = p == null ? "" : p.toString(new org.apache.jena.sparql.core.Prologue(pm));
            String msg = e.message() != null ? e.message() : "violates " + e.sourceConstraintComponent();
            out.add(new Violation(e.focusNode(), path, msg, e.severity() == Severity.Violation));
        }
        out.sort(Comparator.comparing((Violation v) -> !v.error()).thenComparing(v -> v.focus().toString())
            .thenComparing(Violation::path));
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
