package org.alignkg.ontology;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shared.PrefixMapping;

/** Vocabulary constants of alignkg: the one place where the base IRI is written. */
public final class AKG {
    private AKG() { }

    /** Base of every alignkg IRI; instances live directly under it. */
    public static final String BASE = "https://w3id.org/alignkg/";
    /** The ontology's own IRI. */
    public static final String ONTOLOGY = BASE + "ontology";
    /** Namespace of the ontology's classes and properties. */
    public static final String NS = ONTOLOGY + "#";
    /** Prefix of named-graph IRIs (one graph per loaded file). */
    public static final String GRAPH_BASE = BASE + "graph/";
    /** Graph holding the store's own bookkeeping (which file was loaded when, with which hash). */
    public static final String SYSTEM_GRAPH = GRAPH_BASE + "system";

    public static final Node Limitation = term("Limitation");
    public static final Node Statement = term("Statement");
    public static final Node contentHash = term("contentHash");
    public static final Node sourceFile = term("sourceFile");
    public static final Node number = term("number");
    public static final Node tripleCount = term("tripleCount");
    public static final Node concerns = term("concerns");

    public static Node term(String local) {
        return NodeFactory.createURI(NS + local);
    }

    /** Prefixes used in printed tables, exports and the query editor. */
    public static PrefixMapping prefixes() {
        PrefixMapping pm = PrefixMapping.Factory.create();
        pm.setNsPrefix("akg", NS);
        pm.setNsPrefix("akgr", BASE);
        pm.setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        pm.setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        pm.setNsPrefix("owl", "http://www.w3.org/2002/07/owl#");
        pm.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        pm.setNsPrefix("skos", "http://www.w3.org/2004/02/skos/core#");
        pm.setNsPrefix("dcterms", "http://purl.org/dc/terms/");
        pm.setNsPrefix("prov", "http://www.w3.org/ns/prov#");
        pm.setNsPrefix("oa", "http://www.w3.org/ns/oa#");
        pm.setNsPrefix("cito", "http://purl.org/spar/cito/");
        pm.setNsPrefix("fabio", "http://purl.org/spar/fabio/");
        pm.setNsPrefix("schema", "http://schema.org/");
        pm.setNsPrefix("foaf", "http://xmlns.com/foaf/0.1/");
        pm.setNsPrefix("prism", "http://prismstandard.org/namespaces/basic/2.0/");
        pm.setNsPrefix("sh", "http://www.w3.org/ns/shacl#");
        pm.setNsPrefix("text", "http://jena.apache.org/text#");
        pm.lock();
        return pm;
    }
}
