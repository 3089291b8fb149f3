package org.alignkg.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alignkg.TestData;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.store.SparqlStore;
import org.alignkg.store.TripleStore;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.rdflink.RDFLink;
import org.apache.jena.rdflink.RDFLinkHTTP;
import org.apache.jena.sparql.exec.http.QuerySendMode;
import org.junit.jupiter.api.Test;

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
        return SparqlStore.open(endpoints, dir.resolve("cache")).withRequestLimit(1000).validateWith(ShippedFiles.shapes(TestData.ONTOLOGY));
    }

    /** Virtuoso 7.2.5's own answers, each a bug of its SPARQL compiler (README, "Running over another SPARQL server"). */
    @Override protected Map<String, String> engineDifferences() {
        return Map.of(
            "concept-hierarchy", "an xsd:boolean result (BOUND(?x), even STRDT(\"true\", xsd:boolean)) comes back as xsd:integer 0/1: Virtuoso has no boolean value");
    }

    @Override protected void afterSync() throws IOException {
        virtuoso.refreshTextIndex();
    }

    @Test
    void one_update_request_is_not_all_or_nothing_on_virtuoso() {
        // What the README says about Virtuoso: a request whose second operation fails keeps its first.
        try (RDFLink link = RDFLinkHTTP.newBuilder().queryEndpoint(virtuoso.sparqlUrl()).updateEndpoint(virtuoso.updateUrl())
                .querySendMode(QuerySendMode.asPostForm).build()) {
            assertThatThrownBy(() -> link.update("INSERT DATA { GRAPH <urn:atomic:g> { <urn:a> <urn:b> \"c\" } } ; LOAD <http://127.0.0.1:1/none.ttl> INTO GRAPH <urn:atomic:h>"))
                .isInstanceOf(HttpException.class);
            assertThat(link.queryAsk("ASK { GRAPH <urn:atomic:g> { ?s ?p ?o } }")).isTrue();
            link.update("DROP SILENT GRAPH <urn:atomic:g>");
        }
    }

    @Test
    void the_engine_going_away_is_a_503_with_the_reason_and_the_server_recovers_when_it_returns() throws IOException {
        assertThat(get("/id/limitation/2", "text/turtle").statusCode()).isEqualTo(200);
        try {
            virtuoso.stop();
            HttpResponse<String> down = get("/api/search?q=oversight", "application/json");
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains(virtuoso.sparqlUrl()).doesNotContain("\tat ").doesNotContain(virtuoso.password());
            assertThat(get("/sparql?query=" + enc("ASK {}"), "application/sparql-results+json").statusCode()).isEqualTo(503);
        } finally {
            virtuoso.restart();
        }
        HttpResponse<String> back = get("/id/limitation/2", "text/turtle");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(get("/api/search?q=oversight", "application/json").statusCode()).isEqualTo(200);
    }

    @Override protected void stopEngine() {
        if (virtuoso != null) virtuoso.close();
    }
}
