package org.alignkg.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Virtuoso fixture works the way the remote store will use it: SPARQL Update and the Graph Store
 * protocol through Jena's {@code RDFConnection} with Digest credentials, queries on the anonymous
 * endpoint, {@code bif:contains} after a text-index rule, and a stop that leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VirtuosoServerIT {
    private static final String G = "https://w3id.org/alignkg/test/graph/virtuoso";

    @TempDir
    static Path tmp;
    static VirtuosoServer virtuoso;

    @BeforeAll
    static void start() throws IOException {
        virtuoso = VirtuosoServer.start(tmp.resolve("virtuoso"));
        // Jena's HTTP layer answers Virtuoso's Digest challenge with these, for every URL under the server.
        AuthEnv.get().registerUsernamePassword(URI.create(virtuoso.baseUrl() + "/"), virtuoso.user(), virtuoso.password());
    }

    @AfterAll
    static void stop() {
        if (virtuoso != null) {
            AuthEnv.get().unregisterUsernamePassword(URI.create(virtuoso.baseUrl() + "/"));
            virtuoso.close();
        }
    }

    static RDFConnection connect() {
        return RDFConnectionRemote.newBuilder()
            .queryEndpoint(virtuoso.sparqlUrl())
            .updateEndpoint(virtuoso.updateUrl())
            .gspEndpoint(virtuoso.graphStoreUrl())
            .build();
    }

    @Test
    @Order(1)
    void the_endpoints_are_on_loopback_ports_and_the_password_is_not_the_default() throws IOException {
        assertThat(virtuoso.sparqlUrl()).isEqualTo("http://127.0.0.1:" + virtuoso.httpPort() + "/sparql");
        assertThat(virtuoso.updateUrl()).endsWith("/sparql-auth");
        assertThat(virtuoso.graphStoreUrl()).endsWith("/sparql-graph-crud-auth");
        assertThat(virtuoso.password()).isNotEqualTo("dba").startsWith("akg");
        assertThat(ProcessHandle.of(virtuoso.pid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(Files.readString(tmp.resolve("virtuoso/virtuoso.ini").toAbsolutePath(), StandardCharsets.UTF_8))
            .contains("ServerPort = 127.0.0.1:" + virtuoso.httpPort()).contains("ServerPort = 127.0.0.1:" + virtuoso.sqlPort());
    }

    @Test
    @Order(2)
    void an_update_with_credentials_lands_in_the_named_graph_and_is_read_back() {
        try (RDFConnection conn = connect()) {
            conn.update("INSERT DATA { GRAPH <" + G + "> {"
                + " <https://w3id.org/alignkg/test/l1> <http://schema.org/text> \"robustness and interpretability are underemphasized\" ."
                + " <https://w3id.org/alignkg/test/l2> <http://schema.org/text> \"evaluation assistance may amplify flaws\" } }");
            List<String> rows = new ArrayList<>();
            conn.querySelect("SELECT ?s ?t { GRAPH <" + G + "> { ?s <http://schema.org/text> ?t } } ORDER BY ?s",
                row -> rows.add(row.getResource("s").getURI() + " " + row.getLiteral("t").getLexicalForm()));
            assertThat(rows).containsExactly(
                "https://w3id.org/alignkg/test/l1 robustness and interpretability are underemphasized",
                "https://w3id.org/alignkg/test/l2 evaluation assistance may amplify flaws");
        }
    }

    @Test
    @Order(3)
    void the_anonymous_endpoint_refuses_updates() {
        try (RDFConnection anonymous = RDFConnectionRemote.newBuilder().queryEndpoint(virtuoso.sparqlUrl())
                .updateEndpoint(virtuoso.sparqlUrl()).build()) {
            assertThatThrownBy(() -> anonymous.update("INSERT DATA { GRAPH <" + G + "> { <https://w3id.org/alignkg/test/x> <https://w3id.org/alignkg/test/p> \"no\" } }"))
                .isInstanceOf(HttpException.class);
            assertThat(anonymous.queryAsk("ASK { GRAPH <" + G + "> { <https://w3id.org/alignkg/test/x> ?p ?o } }")).isFalse();
        }
    }

    @Test
    @Order(4)
    void the_graph_store_protocol_puts_gets_and_deletes_a_graph() {
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString("<https://w3id.org/alignkg/test/doc> <http://purl.org/dc/terms/title> \"Our approach to alignment research\" .", Lang.TURTLE).parse(m);
        String g2 = G + "/gsp";
        try (RDFConnection conn = connect()) {
            conn.put(g2, m);
            Model back = conn.fetch(g2);
            assertThat(back.isIsomorphicWith(m)).as("graph read back through GSP: %s", back.listStatements().toList()).isTrue();
            assertThat(conn.queryAsk("ASK { GRAPH <" + g2 + "> { <https://w3id.org/alignkg/test/doc> ?p \"Our approach to alignment research\" } }")).isTrue();
            conn.delete(g2);
            assertThat(conn.queryAsk("ASK { GRAPH <" + g2 + "> { ?s ?p ?o } }")).isFalse();
        }
    }

    @Test
    @Order(5)
    void bif_contains_finds_words_once_the_text_index_rule_is_added() throws IOException {
        String q = "SELECT ?s { GRAPH <" + G + "> { ?s <http://schema.org/text> ?t . ?t bif:contains \"interpretability\" } } ORDER BY ?s";
        virtuoso.enableTextIndex();
        assertThat(select(q, "s")).containsExactly("https://w3id.org/alignkg/test/l1");
        // A later write is searchable once the index is brought up to date (Virtuoso indexes in batches).
        try (RDFConnection conn = connect()) {
            conn.update("INSERT DATA { GRAPH <" + G + "> { <https://w3id.org/alignkg/test/l3> <http://schema.org/text> \"interpretability tools may not scale\" } }");
        }
        virtuoso.refreshTextIndex();
        assertThat(select(q, "s")).containsExactly("https://w3id.org/alignkg/test/l1", "https://w3id.org/alignkg/test/l3");
    }

    /**
     * Queries the anonymous endpoint with the string as written: {@code bif:} is Virtuoso's own
     * predeclared prefix, so Jena must send the query without parsing it.
     */
    static List<String> select(String query, String var) {
        List<String> out = new ArrayList<>();
        try (QueryExecHTTP qe = QueryExecHTTP.service(virtuoso.sparqlUrl()).queryString(query).build()) {
            qe.select().forEachRemaining(b -> out.add(b.get(var).getURI()));
        }
        return out;
    }

    @Test
    @Order(6)
    void sql_errors_are_reported() {
        assertThatThrownBy(() -> virtuoso.sql("select no_such_function();"))
            .hasMessageContaining("isql-vt failed").hasMessageContaining("no_such_function").hasMessageNotContaining(virtuoso.password());
    }

    @Test
    @Order(7)
    void close_stops_the_process() throws InterruptedException {
        long pid = virtuoso.pid();
        virtuoso.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("virtuoso-t %d after close()", pid).isFalse();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> http.send(java.net.http.HttpRequest.newBuilder(URI.create(virtuoso.sparqlUrl())).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
    }
}
