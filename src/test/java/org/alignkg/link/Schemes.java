package org.alignkg.link;

import java.nio.file.Path;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;

/** The shipped concept scheme and limitations, read once for unit tests (no store). */
final class Schemes {
    private Schemes() { }

    static final Path ROOT = Path.of("").toAbsolutePath();
    private static ConceptScheme shipped;
    private static Tagger tagger;

    static synchronized ConceptScheme shipped() {
        if (shipped == null) {
            Graph g = GraphFactory.createGraphMem();
            for (String f : new String[] { "data/concepts.ttl", "data/limitations.ttl" })
                RDFDataMgr.read(g, ROOT.resolve(f).toString());
            shipped = ConceptScheme.of(g);
        }
        return shipped;
    }

    static synchronized Tagger tagger() {
        if (tagger == null) tagger = new Tagger(shipped());
        return tagger;
    }
}
