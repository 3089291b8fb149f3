package org.alignkg.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.alignkg.TestData;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.store.SparqlStore;
import org.alignkg.store.TripleStore;

/**
 * {@link StoreSuite} over Virtuoso open source 7 ({@link VirtuosoServer}: Debian's package, a
 * generated virtuoso.ini on free loopback ports): queries on the anonymous {@code /sparql}, updates
 * on {@code /sparql-auth} with Digest credentials, full-text search through {@code bif:contains}.
 */
class VirtuosoStoreIT extends StoreSuite {
    private VirtuosoServer virtuoso;

    @Override protected TripleStore openStore(Path dir) {
        try {
            virtuoso = VirtuosoServer.start(dir.resolve("virtuoso"));
            virtuoso.enableTextIndex();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var endpoints = new SparqlStore.Endpoints(virtuoso.sparqlUrl(), virtuoso.updateUrl(), virtuoso.graphStoreUrl(),
            virtuoso.user(), virtuoso.password(), SparqlStore.TextSearch.VIRTUOSO);
        return SparqlStore.open(endpoints, dir.resolve("cache")).validateWith(ShippedFiles.shapes(TestData.ONTOLOGY));
    }

    @Override protected void afterSync() throws IOException {
        virtuoso.refreshTextIndex();
    }

    @Override protected void stopEngine() {
        if (virtuoso != null) virtuoso.close();
    }
}
