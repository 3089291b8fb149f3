package org.alignkg.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.alignkg.TestData;
import org.alignkg.embed.SentenceEncoder;
import org.alignkg.link.SimilarService;
import org.alignkg.query.NamedQueries;
import org.alignkg.store.KgStore;
import org.alignkg.store.PassageIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code GET /api/similar} over the curated data: hits with passages, and the errors of bad parameters. */
class SimilarIT {
    static final String L = "https://w3id.org/alignkg/limitation/";
    @TempDir
    static Path tmp;
    static KgStore store;
    static PassageIndex index;
    static SimilarService similar;
    static RunningServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = KgStore.open(tmp.resolve("tdb"));
        TestData.loadShipped(store);
        index = PassageIndex.open(PassageIndex.dirOf(tmp.resolve("tdb")));
        similar = new SimilarService(store, index, SentenceEncoder.shared());
        similar.refresh(org.alignkg.Progress.NONE);
        server = RunningServer.start(store, NamedQueries.load(TestData.QUERIES, "queries"), ServerConfig.defaults(), similar, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        index.close();
        store.close();
    }

    static HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/similar?" + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void nearest_documents_to_a_limitation_name_their_passage() throws Exception {
        var r = get("iri=" + enc(L + "2") + "&type=document&limit=5");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode hits = json(r).get("hits");
        assertThat(hits).hasSize(5);
        for (JsonNode h : hits) {
            assertThat(h.get("type").asText()).isEqualTo("document");
            assertThat(h.get("passage").asText()).isNotBlank();
            assertThat(h.get("end").asInt()).isGreaterThan(h.get("start").asInt());
            assertThat(h.get("score").asDouble()).isBetween(-1.0, 1.0);
        }
        // best first
        assertThat(hits.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(hits.get(4).get("score").asDouble());
    }

    @Test
    void a_text_finds_the_limitation_it_paraphrases() throws Exception {
        var r = get("text=" + enc("Using AI assistants to evaluate other AI systems could amplify the assistants' own subtle errors and biases.")
            + "&type=limitation&limit=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("hits").get(0).get("iri").asText()).isEqualTo(L + "2");
    }

    @Test
    void the_query_itself_is_not_a_hit() throws Exception {
        var r = get("iri=" + enc(L + "3") + "&limit=20");
        assertThat(json(r).get("hits").findValuesAsText("iri")).doesNotContain(L + "3");
    }

    @Test
    void bad_parameters_are_400_naming_the_parameter_and_unknown_iris_404() throws Exception {
        assertThat(get("iri=" + enc("https://w3id.org/alignkg/nothing/here")).statusCode()).isEqualTo(404);
        var empty = get("text=");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("title").asText()).isEqualTo("text: empty text");
        var longText = get("text=" + "a".repeat(SimilarService.MAX_QUERY_CHARS + 1));
        assertThat(longText.statusCode()).isIn(400, 414);
        var limit = get("iri=" + enc(L + "1") + "&limit=0");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(json(limit).get("title").asText()).isEqualTo("limit: limit must be 1..100, got 0");
        var type = get("iri=" + enc(L + "1") + "&type=person");
        assertThat(json(type).get("title").asText()).startsWith("type: unknown type 'person'");
        assertThat(get("limit=3").statusCode()).isEqualTo(400);
        assertThat(json(get("iri=x&text=y")).get("title").asText()).isEqualTo("give exactly one of the parameters 'iri' and 'text'");
    }

    @Test
    void the_index_follows_the_store_and_refresh_is_a_no_op_when_current() {
        long before = index.size();
        assertThat(before).isGreaterThan(100);
        assertThat(similar.refresh(org.alignkg.Progress.NONE).graphsIndexed()).isZero();
        assertThat(index.size()).isEqualTo(before);
    }

    // ---- akgf:similar in SPARQL ----------------------------------------------------------------

    static final String PREFIXES = "PREFIX akgf: <https://w3id.org/alignkg/fn#> PREFIX dcterms: <http://purl.org/dc/terms/> ";

    static HttpResponse<String> sparql(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/sparql?query=" + enc(PREFIXES + query)))
            .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
    }

    static java.util.List<String> column(HttpResponse<String> r, String var) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode b : json(r).get("results").get("bindings")) out.add(b.has(var) ? b.get(var).get("value").asText() : null);
        return out;
    }

    @Test
    void sparql_similar_to_a_text_finds_the_limitation_it_paraphrases_with_the_passage() throws Exception {
        var r = sparql("SELECT ?hit ?score ?passage { (?hit ?score ?passage) akgf:similar "
            + "(\"Using AI assistants to evaluate other AI systems could amplify the assistants' own subtle errors and biases.\" 1 \"limitation\") }");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(column(r, "hit")).containsExactly(L + "2");
        assertThat(column(r, "passage")).containsExactly("Using AI assistance for evaluation has the potential to scale up or amplify even subtle "
            + "inconsistencies, biases, or vulnerabilities present in the AI assistant.");
        assertThat(Double.parseDouble(column(r, "score").get(0))).isBetween(0.5, 1.0);
    }

    @Test
    void sparql_similar_to_an_iri_gives_the_rows_of_the_api_and_composes_with_the_graph() throws Exception {
        var api = json(get("iri=" + enc(L + "2") + "&type=document&limit=5")).get("hits");
        var r = sparql("SELECT ?hit ?passage ?title { (?hit ?score ?passage) akgf:similar (<" + L + "2> 5 \"document\") . "
            + "?hit dcterms:title ?title } ORDER BY DESC(?score)");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(column(r, "hit")).containsExactlyElementsOf(api.findValuesAsText("iri"));
        assertThat(column(r, "passage")).containsExactlyElementsOf(api.findValuesAsText("passage"));
        assertThat(column(r, "title")).containsExactlyElementsOf(api.findValuesAsText("label"));
    }

    @Test
    void sparql_similar_runs_per_solution_and_an_iri_without_text_gives_no_row() throws Exception {
        var r = sparql("PREFIX akg: <https://w3id.org/alignkg/ontology#> SELECT ?l ?hit { ?l a akg:Limitation . "
            + "?hit akgf:similar (?l 2 \"limitation\") } ORDER BY ?l");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var ls = column(r, "l");
        var hits = column(r, "hit");
        assertThat(ls).hasSize(10).containsOnly(L + "1", L + "2", L + "3", L + "4", L + "5");
        for (int i = 0; i < ls.size(); i++) assertThat(hits.get(i)).startsWith(L).isNotEqualTo(ls.get(i));
        var none = sparql("SELECT ?hit { ?hit akgf:similar (<https://w3id.org/alignkg/nothing/here> 3) }");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(column(none, "hit")).isEmpty();
    }

    @Test
    void sparql_similar_with_bad_arguments_is_400_with_a_message() throws Exception {
        var limit = sparql("SELECT ?hit { ?hit akgf:similar (\"reward hacking\" 0) }");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body()).contains("akgf:similar: the number of hits must be an integer 1..100");
        var type = sparql("SELECT ?hit { ?hit akgf:similar (\"reward hacking\" 3 \"person\") }");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.body()).contains("akgf:similar: the type must be one of");
        var number = sparql("SELECT ?hit { ?hit akgf:similar (42) }");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body()).contains("akgf:similar: the first argument is a text (a string literal) or an IRI, got 42");
        var empty = sparql("SELECT ?hit { ?hit akgf:similar (\"  \") }");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("akgf:similar: empty text");
        var unbound = sparql("SELECT ?hit { ?hit akgf:similar (?q 3) }");
        assertThat(unbound.statusCode()).isEqualTo(400);
        assertThat(unbound.body()).contains("akgf:similar: the query argument ?q is not bound");
    }
}
