package org.alignkg.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.alignkg.ontology.AKG;
import org.alignkg.query.OntologyTerms.Term;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code /ontology} page: every class and property of {@code ontology/alignkg.ttl} with label,
 * comment, super terms, domain and range, and a class diagram drawn by {@code /ui/ontology.js} from
 * a JSON data block (data, not script: the CSP allows it).
 */
final class OntologyPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HEADINGS = Map.of("Class", "Classes", "ObjectProperty", "Object properties",
        "DatatypeProperty", "Datatype properties", "AnnotationProperty", "Annotation properties");

    private OntologyPage() { }

    static String render(List<Term> terms) {
        Map<String, Term> byIri = new LinkedHashMap<>();
        terms.forEach(t -> byIri.put(t.iri(), t));
        StringBuilder sb = new StringBuilder(PageLayout.start("Ontology", "/ontology",
            "/webjars/cytoscape/3.33.1/dist/cytoscape.min.js", "/ui/common.js", "/ui/ontology.js"));
        sb.append("<main class=\"wide\">\n<h1>The alignkg ontology</h1>\n")
            .append("<p>Generated from <code>ontology/alignkg.ttl</code> as loaded in the store: ")
            .append(terms.stream().filter(t -> t.kind().equals("Class")).count()).append(" classes and ")
            .append(terms.stream().filter(t -> !t.kind().equals("Class")).count())
            .append(" properties. Own terms live in <code>").append(AKG.NS).append("</code>; reused terms are only declared, their meaning is their vocabulary's. ")
            .append("<a href=\"/id/ontology\">The ontology as linked data</a>.</p>\n");
        sb.append("<h2 id=\"diagram-heading\">Class diagram</h2>\n")
            .append("<p class=\"hint\">Boxes are classes (own terms darker), solid arrows are object properties from domain to range, dashed arrows are <em>subclass of</em>. The lists below say the same in words.</p>\n")
            .append("<div id=\"class-diagram\" class=\"diagram\" role=\"img\" aria-labelledby=\"diagram-heading\"></div>\n");
        sb.append("<script type=\"application/json\" id=\"diagram-data\">").append(diagramJson(terms)).append("</script>\n");
        sb.append("<nav class=\"toc\" aria-label=\"Terms\"><ul>\n");
        for (String kind : List.of("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty"))
            if (terms.stream().anyMatch(t -> t.kind().equals(kind)))
                sb.append("<li><a href=\"#").append(kind).append("\">").append(HEADINGS.get(kind)).append("</a></li>\n");
        sb.append("</ul></nav>\n");
        for (String kind : List.of("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")) {
            List<Term> group = terms.stream().filter(t -> t.kind().equals(kind)).toList();
            if (group.isEmpty()) continue;
            sb.append("<section id=\"").append(kind).append("\">\n<h2>").append(HEADINGS.get(kind)).append("</h2>\n");
            for (Term t : group) term(sb, t, byIri);
            sb.append("</section>\n");
        }
        return sb.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void term(StringBuilder sb, Term t, Map<String, Term> byIri) {
        sb.append("<article class=\"term").append(t.own() ? " own" : "").append("\" id=\"").append(ResourcePage.esc(anchor(t.iri()))).append("\">\n")
            .append("<h3>").append(ResourcePage.esc(t.label())).append(" <code>").append(ResourcePage.esc(qname(t.iri())))
            .append("</code></h3>\n<dl>\n");
        sb.append("<dt>IRI</dt><dd><a href=\"").append(ResourcePage.esc(ResourcePage.href(t.iri()))).append("\">")
            .append(ResourcePage.esc(t.iri())).append("</a></dd>\n");
        if (t.comment() != null) sb.append("<dt>Comment</dt><dd>").append(ResourcePage.esc(t.comment())).append("</dd>\n");
        links(sb, t.kind().equals("Class") ? "Subclass of" : "Subproperty of", t.supers(), byIri);
        links(sb, "Domain", t.domains(), byIri);
        links(sb, "Range", t.ranges(), byIri);
        sb.append("</dl>\n</article>\n");
    }

    private static void links(StringBuilder sb, String name, List<String> iris, Map<String, Term> byIri) {
        if (iris.isEmpty()) return;
        sb.append("<dt>").append(name).append("</dt><dd>");
        for (int i = 0; i < iris.size(); i++) {
            if (i > 0) sb.append(", ");
            String iri = iris.get(i);
            String href = byIri.containsKey(iri) ? "#" + anchor(iri) : ResourcePage.href(iri);
            sb.append("<a href=\"").append(ResourcePage.esc(href)).append("\">").append(ResourcePage.esc(qname(iri))).append("</a>");
        }
        sb.append("</dd>\n");
    }

    /**
     * Prefixed name with the longest matching namespace: Jena's shortForm may pick {@code akgr:}
     * (the base) over {@code akg:} (the ontology namespace under it) and print akgr:ontology#X.
     */
    static String qname(String iri) {
        String best = null;
        String bestNs = "";
        for (var e : AKG.prefixes().getNsPrefixMap().entrySet()) {
            String ns = e.getValue();
            if (iri.startsWith(ns) && ns.length() > bestNs.length() && iri.length() > ns.length()) {
                best = e.getKey();
                bestNs = ns;
            }
        }
        return best == null ? iri : best + ":" + iri.substring(bestNs.length());
    }

    /** Fragment id of a term: its prefixed name with the colon made safe. */
    static String anchor(String iri) {
        return qname(iri).replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** Nodes: classes and every class a domain, range or superclass names; edges: subclass and object properties. */
    static String diagramJson(List<Term> terms) {
        Set<String> classes = new LinkedHashSet<>();
        terms.stream().filter(t -> t.kind().equals("Class")).forEach(t -> classes.add(t.iri()));
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Term t : terms) {
            if (t.kind().equals("Class"))
                for (String s : t.supers()) {
                    classes.add(s);
                    edges.add(edge(t.iri(), s, "subclass of", "subclass"));
                }
            if (t.kind().equals("ObjectProperty"))
                for (String d : t.domains())
                    for (String r : t.ranges()) {
                        classes.add(d);
                        classes.add(r);
                        edges.add(edge(d, r, qname(t.iri()), "property"));
                    }
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (String c : classes) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", c);
            data.put("label", qname(c));
            data.put("own", c.startsWith(AKG.NS));
            nodes.add(Map.of("data", data));
        }
        try {
            // "</" would end the data block early
            return JSON.writeValueAsString(Map.of("nodes", nodes, "edges", edges)).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> edge(String s, String t, String label, String kind) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", s + " " + label + " " + t);
        data.put("source", s);
        data.put("target", t);
        data.put("label", label);
        data.put("kind", kind);
        return Map.of("data", data);
    }
}
