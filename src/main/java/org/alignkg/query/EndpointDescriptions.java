package org.alignkg.query;

import java.util.Map;

import org.alignkg.ontology.AKG;
import org.alignkg.store.TripleStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;

/**
 * RDF that describes the endpoint: the SPARQL 1.1 Service Description served at the endpoint and
 * the VoID description of the dataset served at {@code /.well-known/void}.
 */
public final class EndpointDescriptions {
    public static final String SD = "http://www.w3.org/ns/sparql-service-description#";
    public static final String VOID = "http://rdfs.org/ns/void#";
    private static final String FORMATS = "http://www.w3.org/ns/formats/";

    private EndpointDescriptions() { }

    /** The Service Description of the endpoint at {@code endpointUrl}. */
    public static Model service(TripleStore store, String endpointUrl, boolean updates) {
        Model m = model();
        Resource svc = m.createResource(endpointUrl + "#service")
            .addProperty(RDF.type, m.createResource(SD + "Service"))
            .addProperty(p(m, SD, "endpoint"), m.createResource(endpointUrl))
            .addProperty(p(m, SD, "supportedLanguage"), m.createResource(SD + "SPARQL11Query"))
            .addProperty(p(m, SD, "feature"), m.createResource(SD + "UnionDefaultGraph"));
        if (updates) svc.addProperty(p(m, SD, "supportedLanguage"), m.createResource(SD + "SPARQL11Update"));
        for (String f : new String[] { "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
            "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads" })
            svc.addProperty(p(m, SD, "resultFormat"), m.createResource(FORMATS + f));
        Map<String, Long> sizes = store.graphSizes();
        long total = sizes.entrySet().stream().filter(e -> !e.getKey().equals(AKG.SYSTEM_GRAPH)).mapToLong(Map.Entry::getValue).sum();
        Resource dataset = m.createResource().addProperty(RDF.type, m.createResource(SD + "Dataset"));
        svc.addProperty(p(m, SD, "defaultDataset"), dataset);
        dataset.addProperty(p(m, SD, "defaultGraph"), m.createResource().addProperty(RDF.type, m.createResource(SD + "Graph"))
            .addLiteral(p(m, VOID, "triples"), m.createTypedLiteral(Long.toString(total), XSDDatatype.XSDinteger)));
        sizes.forEach((g, n) -> {
            if (g.equals(AKG.SYSTEM_GRAPH)) return;
            dataset.addProperty(p(m, SD, "namedGraph"), m.createResource().addProperty(RDF.type, m.createResource(SD + "NamedGraph"))
                .addProperty(p(m, SD, "name"), m.createResource(g))
                .addProperty(p(m, SD, "graph"), m.createResource().addProperty(RDF.type, m.createResource(SD + "Graph"))
                    .addLiteral(p(m, VOID, "triples"), m.createTypedLiteral(Long.toString(n), XSDDatatype.XSDinteger))));
        });
        return m;
    }

    /** The VoID description: triples, classes, properties, subjects, named graphs as subsets. */
    public static Model voidDescription(TripleStore store, String serverUrl) {
        Model m = model();
        Map<String, Long> sizes = store.graphSizes();
        long[] counts = store.read(dsg -> {
            java.util.Set<Node> classes = new java.util.HashSet<>();
            java.util.Set<Node> props = new java.util.HashSet<>();
            java.util.Set<Node> subjects = new java.util.HashSet<>();
            java.util.Set<Node> objects = new java.util.HashSet<>();
            Node system = org.apache.jena.graph.NodeFactory.createURI(AKG.SYSTEM_GRAPH);
            var it = dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                var q = it.next();
                if (q.getGraph().equals(system)) continue; // the store's bookkeeping is not data
                props.add(q.getPredicate());
                subjects.add(q.getSubject());
                objects.add(q.getObject());
                if (q.getPredicate().equals(RDF.type.asNode())) classes.add(q.getObject());
            }
            return new long[] { 0, classes.size(), props.size(), subjects.size(), objects.size() };
        });
        // triples as /health and the service description count them: per named graph, summed
        counts[0] = sizes.entrySet().stream().filter(e -> !e.getKey().equals(AKG.SYSTEM_GRAPH)).mapToLong(Map.Entry::getValue).sum();
        Resource ds = m.createResource(serverUrl + "/.well-known/void#dataset")
            .addProperty(RDF.type, m.createResource(VOID + "Dataset"))
            .addProperty(org.apache.jena.vocabulary.DCTerms.title, "alignkg: limitations of OpenAI's alignment research approach (2022)", "en")
            .addProperty(p(m, VOID, "sparqlEndpoint"), m.createResource(serverUrl + "/sparql"))
            .addProperty(p(m, VOID, "uriSpace"), AKG.BASE)
            .addProperty(p(m, VOID, "vocabulary"), m.createResource(AKG.NS))
            .addProperty(p(m, VOID, "rootResource"), m.createResource(AKG.ONTOLOGY))
            .addProperty(p(m, VOID, "uriLookupEndpoint"), serverUrl + "/resource?iri=")
            .addLiteral(p(m, VOID, "triples"), integer(m, counts[0]))
            .addLiteral(p(m, VOID, "classes"), integer(m, counts[1]))
            .addLiteral(p(m, VOID, "properties"), integer(m, counts[2]))
            .addLiteral(p(m, VOID, "distinctSubjects"), integer(m, counts[3]))
            .addLiteral(p(m, VOID, "distinctObjects"), integer(m, counts[4]));
        sizes.forEach((g, n) -> {
            if (g.equals(AKG.SYSTEM_GRAPH)) return;
            ds.addProperty(p(m, VOID, "subset"), m.createResource(g).addProperty(RDF.type, m.createResource(VOID + "Dataset"))
                .addLiteral(p(m, VOID, "triples"), integer(m, n))
                .addProperty(p(m, VOID, "dataDump"), m.createResource(serverUrl + "/data?graph=" + java.net.URLEncoder.encode(g, java.nio.charset.StandardCharsets.UTF_8))));
        });
        return m;
    }

    private static org.apache.jena.rdf.model.Literal integer(Model m, long n) {
        return m.createTypedLiteral(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Model model() {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefixes(AKG.prefixes());
        m.setNsPrefix("sd", SD);
        m.setNsPrefix("void", VOID);
        return m;
    }

    private static Property p(Model m, String ns, String local) {
        return m.createProperty(ns + local);
    }
}
