package org.alignkg.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import java.util.Map;

import org.alignkg.QueryTimeoutException;
import org.alignkg.StoreUnavailableException;
import org.alignkg.query.QueryRunner;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.query.ARQ;
import org.apache.jena.rdflink.RDFLink;
import org.apache.jena.rdflink.RDFLinkHTTP;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.alignkg.TestData;
import org.alignkg.cli.CliRun;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.store.SparqlStore;
import org.alignkg.store.TripleStore;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreSuite} over a real Fuseki (TDB2 + jena-text, from docs/fuseki/alignkg.ttl) on
 * loopback, with full-text search through {@code text:query}; and the faults: an engine that is
 * not there, one that goes away while the server runs and comes back.
 */
class FusekiStoreIT extends StoreSuite {
    private FusekiFixture fuseki;

    @Override protected TripleStore openStore(Path dir) {
        fuseki = FusekiFixture.start(dir.resolve("fuseki"));
        return SparqlStore.open(endpoints(fuseki.datasetUrl()), dir.resolve("cache"))
            .validateWith(ShippedFiles.shapes(TestData.ONTOLOGY));
    }

    private static SparqlStore.Endpoints endpoints(String url) {
        return new SparqlStore.Endpoints(url, null, null, null, null, SparqlStore.TextSearch.JENA_TEXT);
    }

    @Override protected void stopEngine() {
        if (fuseki != null) fuseki.close();
    }

    @Test
    void the_portable_regex_search_finds_what_text_query_finds_first() {
        var regex = SparqlStore.open(new SparqlStore.Endpoints(fuseki.datasetUrl(), null, null, null, null, SparqlStore.TextSearch.REGEX),
            folder.resolve("cache"));
        try (regex) {
            var viaIndex = store.searchText("oversight", 200).stream().map(m -> m.subject()).toList();
            var viaFilter = regex.searchText("oversight", 200).stream().map(m -> m.subject()).toList();
            assertThat(viaFilter).isNotEmpty();
            assertThat(viaIndex).containsAll(viaFilter.subList(0, 1));
        }
    }

    @Test
    void a_query_over_the_time_limit_is_a_timeout_as_on_the_embedded_store() {
        Object old = ARQ.getContext().get(ARQ.queryTimeout);
        // The Fuseki in this JVM stops the query itself after 5 s, so it does not run on after we gave up.
        ARQ.getContext().set(ARQ.queryTimeout, "5000");
        try {
            QueryRunner runner = new QueryRunner(store, 300);
            Query q = QueryFactory.create("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
            assertThatThrownBy(() -> runner.select(q, Map.of()))
                .isInstanceOf(QueryTimeoutException.class).hasMessageContaining("time limit");
        } finally {
            if (old == null) ARQ.getContext().unset(ARQ.queryTimeout);
            else ARQ.getContext().set(ARQ.queryTimeout, old);
        }
        assertThat(get("/id/limitation/2", "text/turtle").statusCode()).isEqualTo(200);
    }

    @Test
    void one_update_request_is_all_or_nothing_on_fuseki() {
        try (RDFLink link = RDFLinkHTTP.service(fuseki.datasetUrl()).build()) {
            // The second operation fails (nothing listens on port 1) after the first has run, in the same request.
            assertThatThrownBy(() -> link.update("INSERT DATA { GRAPH <urn:atomic:g> { <urn:a> <urn:b> \"c\" } } ; LOAD <http://127.0.0.1:1/none.ttl> INTO GRAPH <urn:atomic:h>"))
                .isInstanceOf(HttpException.class);
            assertThat(link.queryAsk("ASK { GRAPH <urn:atomic:g> { ?s ?p ?o } }")).isFalse();
        }
    }

    @Test
    void a_server_that_is_not_there_is_one_line_naming_the_url_and_exit_69() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/alignkg";
        assertThatThrownBy(() -> SparqlStore.open(endpoints(url), folder.resolve("cache")))
            .isInstanceOf(StoreUnavailableException.class).hasMessageContaining(url);
        CliRun run = CliRun.of("stats", "--store", "sparql:" + url);
        assertThat(run.exit()).isEqualTo(69);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("alignkg: ").contains(url).doesNotContain("\tat ");
    }

    @Test
    void a_store_argument_that_is_a_url_without_sparql_prefix_is_refused_and_makes_no_folder() {
        CliRun run = CliRun.of("stats", "--store", "http://127.0.0.1:1/x");
        assertThat(run.exit()).isEqualTo(65);
        assertThat(run.err()).contains("sparql:http://");
        assertThat(Path.of("http:")).doesNotExist();
    }

    @Test
    void cli_reads_go_to_the_engine_and_work_while_it_is_shared() {
        CliRun run = CliRun.of("query", "--store", "sparql:" + fuseki.datasetUrl(), "--format", "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { ?l a <https://w3id.org/alignkg/ontology#Limitation> }");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("n", "5");
    }

    @Test
    void the_engine_going_away_is_a_503_with_the_reason_and_the_server_recovers_when_it_returns() {
        assertThat(get("/id/limitation/2", "text/turtle").statusCode()).isEqualTo(200);
        fuseki.stop();
        try {
            HttpResponse<String> down = get("/api/search?q=oversight", "application/json");
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains(fuseki.datasetUrl()).doesNotContain("\tat ");
            HttpResponse<String> sparql = get("/sparql?query=" + enc("ASK {}"), "application/sparql-results+json");
            assertThat(sparql.statusCode()).isEqualTo(503);
        } finally {
            fuseki.restart();
        }
        HttpResponse<String> back = get("/id/limitation/2", "text/turtle");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(get("/api/search?q=oversight", "application/json").statusCode()).isEqualTo(200);
    }
}
