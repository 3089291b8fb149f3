package org.alignkg.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.alignkg.ontology.AKG;
import org.alignkg.store.TripleStore;
import org.apache.jena.query.Query;

/** Counts that summarise the store: triples per graph, instances per class, key entities. */
public record StoreStats(long triples, Map<String, Long> graphs, Map<String, Long> classes,
                         long concepts, long limitations, long documents, long generation) {

    private static final String PREFIXES = """
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX akg: <%s>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX cito: <http://purl.org/spar/cito/>
        """.formatted(AKG.NS);
    private static final Query CLASSES = Sparql.parseQuery(PREFIXES
        + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { ?s rdf:type ?c } GROUP BY ?c ORDER BY DESC(?n) ?c", "stats");
    private static final Query COUNTS = Sparql.parseQuery(PREFIXES + """
        SELECT
          (COUNT(DISTINCT ?concept) AS ?concepts)
          (COUNT(DISTINCT ?limitation) AS ?limitations)
          (COUNT(DISTINCT ?doc) AS ?documents)
        {
          { ?concept a skos:Concept ; skos:inScheme <%sscheme/concepts> }
          UNION { ?limitation a akg:Limitation }
          UNION { ?link cito:hasCitingEntity ?doc }
        }""".formatted(AKG.BASE), "stats");

    public static StoreStats of(TripleStore store) {
        QueryRunner runner = new QueryRunner(store, 60_000);
        return of(store.graphSizes(), q -> runner.select(q, Map.of()), store.generation());
    }

    /**
     * The counts from the graph sizes (in IRI order) and a way to run the two SELECTs: on the
     * store, or on a running alignkg's endpoint ({@code stats --server}), so both print the same.
     */
    public static StoreStats of(Map<String, Long> graphs, Function<Query, ResultTable> select, long generation) {
        long triples = graphs.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> classes = new LinkedHashMap<>();
        ResultTable t = select.apply(CLASSES);
        for (int i = 0; i < t.size(); i++)
            classes.put(AKG.prefixes().shortForm(t.get(i, "c").toString()), number(t, i, "n"));
        ResultTable c = select.apply(COUNTS);
        return new StoreStats(triples, graphs, classes, number(c, 0, "concepts"), number(c, 0, "limitations"),
            number(c, 0, "documents"), generation);
    }

    private static long number(ResultTable t, int row, String var) {
        var n = t.get(row, var);
        return n == null ? 0 : Long.parseLong(n.getLiteralLexicalForm());
    }
}
