package org.alignkg.server;

import static org.alignkg.server.TestServer.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

/**
 * The document and search routes of issue 4 over the shipped data: each happy path with its
 * exact JSON fields, each refusal with its status and message and an unchanged store, curated
 * and suggested links kept apart over HTTP, and {@code text:query} at {@code /sparql}.
 */
class DocumentRoutesIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json";
    static final String AUTH = "Authorization";
    static final String BEARER = "Bearer " + TestServer.TOKEN;
    static final String L2 = "https://w3id.org/alignkg/limitation/2";
    static final String L3 = "https://w3id.org/alignkg/limitation/3";
    static final String TEXT = "Self-critiquing models\n\nWe fine-tune large language models to write natural language critiques"
        + " using behavioral cloning. On a topic-based summarization task, critiques written by our models help humans find"
        + " flaws in summaries that they would have otherwise missed. This AI-assisted evaluation is a step towards scalable"
        + " oversight, although evaluator bias could be amplified.";
    static final List<String> SUGGESTION_FIELDS = List.of("n", "iri", "kind", "cited", "label", "score", "rationale",
        "accepted", "taggerVersion", "generatedAt", "evidence");
    static final List<String> PROBLEM_FIELDS = List.of("title", "status", "type", "details");

    @RegisterExtension
    static final TestServer server = TestServer.shippedData(TestServer.config(10_000, List.of()));



    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static String doc(String title, String url, String text) {
        return "{\"title\":" + quote(title) + ",\"url\":" + quote(url) + ",\"authors\":[\"William Saunders\",\"Jan Leike\"],"
            + "\"date\":\"2022-06\",\"text\":" + quote(text) + "}";
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> postDocument(String body, String... headers) {
        return server.post("/api/documents", JSON_TYPE, body, headers);
    }

    /** Stores a document through the API and returns the 201 response's JSON. */
    JsonNode created(String title) {
        HttpResponse<String> r = postDocument(doc(title, "https://example.org/" + title.replace(' ', '-'), TEXT), AUTH, BEARER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    /** Runs {@code request}, asserts status and message, and that the store did not change. */
    void refused(Supplier<HttpResponse<String>> request, int status, String messagePart) {
        String before = server.store.contentHash();
        HttpResponse<String> r = request.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON_TYPE));
        JsonNode p = json(r);
        assertThat(fieldNames(p)).containsExactlyElementsOf(PROBLEM_FIELDS);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).contains(messagePart);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(server.store.contentHash()).as("store unchanged after a refused request").isEqualTo(before);
    }

    // ---- POST /api/documents ------------------------------------------------------------

    @Test
    void post_document_stores_it_and_answers_201_with_iri_location_and_suggestions() {
        HttpResponse<String> r = postDocument(doc("Self-critiquing models", "https://arxiv.org/abs/2206.05802", TEXT), AUTH, BEARER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode b = json(r);
        assertThat(fieldNames(b)).containsExactly("id", "document", "graph", "title", "mentions", "suggestions");
        String id = b.get("id").asText();
        assertThat(id).matches("self-critiquing-models-[0-9a-f]{8}");
        assertThat(b.get("document").asText()).isEqualTo("https://w3id.org/alignkg/document/" + id);
        assertThat(b.get("graph").asText()).isEqualTo("https://w3id.org/alignkg/graph/document/" + id);
        assertThat(b.get("title").asText()).isEqualTo("Self-critiquing models");
        assertThat(b.get("mentions").asInt()).isPositive();
        assertThat(r.headers().firstValue("Location")).hasValue("/id/document/" + id);

        JsonNode s = b.get("suggestions");
        assertThat(s.size()).isPositive();
        assertThat(fieldNames(s.get(0))).containsExactlyElementsOf(SUGGESTION_FIELDS);
        for (int i = 0; i < s.size(); i++) {
            JsonNode x = s.get(i);
            assertThat(x.get("n").asInt()).isEqualTo(i + 1);
            assertThat(x.get("kind").asText()).isIn("limitation", "concept");
            assertThat(x.get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(x.get("accepted").asBoolean()).isFalse();
            assertThat(x.get("evidence").size()).isBetween(1, 3);
            JsonNode e = x.get("evidence").get(0);
            assertThat(fieldNames(e)).containsExactly("start", "end", "exact", "prefix", "suffix");
            // offsets are code points in the stored text; this text is all BMP, so they index the string
            String stored = TEXT;
            assertThat(stored.substring(e.get("start").asInt(), e.get("end").asInt())).isEqualTo(e.get("exact").asText());
            if (i > 0) assertThat(x.get("score").asDouble()).isLessThanOrEqualTo(s.get(i - 1).get("score").asDouble());
        }
        // the critiques text is about AI-assisted evaluation: limitation 2 is suggested
        List<String> cited = new ArrayList<>();
        s.forEach(x -> cited.add(x.get("cited").asText()));
        assertThat(cited).contains(L2);

        // GET the linked-data page the Location names
        assertThat(server.get("/id/document/" + id, "text/turtle").statusCode()).isEqualTo(200);
    }

    @Test
    void post_document_accepts_markdown_and_html() {
        String md = "# Critiques\n\nThis **AI-assisted evaluation** is a step towards *scalable oversight*.";
        HttpResponse<String> r = postDocument("{\"title\":\"Markdown critiques\",\"url\":\"https://example.org/md\","
            + "\"format\":\"markdown\",\"text\":" + quote(md) + "}", AUTH, BEARER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode b = json(r);
        assertThat(b.get("suggestions").toString()).doesNotContain("**");
        String html = "<html><body><h1>Critiques</h1><p>This <b>AI-assisted evaluation</b> helps scalable oversight.</p></body></html>";
        r = postDocument("{\"title\":\"HTML critiques\",\"url\":\"https://example.org/html\",\"format\":\"html\","
            + "\"authors\":\"A. Author; B. Author\",\"text\":" + quote(html) + "}", AUTH, BEARER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String stored = server.query("PREFIX schema: <http://schema.org/> SELECT ?t { <https://w3id.org/alignkg/text/"
            + json(r).get("id").asText() + "> schema:text ?t }", "text/csv").body();
        assertThat(stored).contains("AI-assisted evaluation").doesNotContain("<b>").doesNotContain("<p>");
    }

    @Test
    void post_document_needs_the_token_401_without_403_wrong() {
        String body = doc("Unauthorised", "https://example.org/u", TEXT);
        refused(() -> postDocument(body), 401, "Authorization: Bearer");
        assertThat(postDocument(body).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        refused(() -> postDocument(body, AUTH, "Bearer wrong"), 403, "wrong update token");
    }

    @Test
    void post_document_is_403_when_the_server_has_no_token() {
        Javalin readOnly = ServerApp.create(server.store, org.alignkg.query.NamedQueries.of(java.util.Map.of()),
            ServerConfig.defaults()).start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + readOnly.port();
            refused(() -> server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/documents"))
                .header("Content-Type", JSON_TYPE).header(AUTH, BEARER)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(doc("No token", "https://example.org/n", TEXT)))),
                403, "writes are disabled on this server");
        } finally {
            readOnly.stop();
        }
    }

    @Test
    void post_document_refuses_bad_bodies_naming_the_field() {
        refused(() -> postDocument("{\"title\": \"x\",", AUTH, BEARER), 400, "the request body is not JSON");
        refused(() -> postDocument("[1,2]", AUTH, BEARER), 400, "the request body must be a JSON object");
        refused(() -> postDocument("{\"url\":\"https://example.org/a\",\"text\":\"RLHF\"}", AUTH, BEARER), 400, "request body: no title");
        refused(() -> postDocument("{\"title\":\"  \",\"url\":\"https://example.org/a\",\"text\":\"RLHF\"}", AUTH, BEARER), 400, "no title");
        refused(() -> postDocument("{\"title\":\"A\",\"url\":\"papers/a.pdf\",\"text\":\"RLHF\"}", AUTH, BEARER), 400,
            "URL 'papers/a.pdf' is not an absolute http(s) URL");
        refused(() -> postDocument("{\"title\":\"A\",\"text\":\"RLHF\"}", AUTH, BEARER), 400, "no URL");
        refused(() -> postDocument("{\"title\":\"A\",\"url\":\"https://example.org/a\"}", AUTH, BEARER), 400, "no text and no abstract");
        refused(() -> postDocument("{\"title\":\"A\",\"url\":\"https://example.org/a\",\"text\":\"RLHF\",\"date\":\"June 2022\"}", AUTH, BEARER),
            400, "date 'June 2022' is not YYYY, YYYY-MM or YYYY-MM-DD");
        refused(() -> postDocument("{\"title\":42,\"url\":\"https://example.org/a\",\"text\":\"RLHF\"}", AUTH, BEARER), 400,
            "field 'title' must be a string");
        refused(() -> postDocument("{\"title\":\"A\",\"url\":\"https://example.org/a\",\"text\":\"RLHF\",\"authors\":[1]}", AUTH, BEARER),
            400, "field 'authors' must be an array of strings");
        refused(() -> postDocument("{\"titel\":\"A\",\"url\":\"https://example.org/a\",\"text\":\"RLHF\"}", AUTH, BEARER), 400,
            "unknown field 'titel'");
        refused(() -> postDocument("{\"title\":\"A\",\"url\":\"https://example.org/a\",\"text\":\"RLHF\",\"format\":\"pdf\"}", AUTH, BEARER),
            400, "field 'format' must be text, markdown or html");
        refused(() -> server.post("/api/documents", "text/plain", "RLHF", AUTH, BEARER), 415, "application/json");
        refused(() -> postDocument("{\"title\":\"A\",\"url\":\"https://example.org/a\",\"text\":" + quote("x".repeat(70_000)) + "}",
            AUTH, BEARER), 413, "larger than the limit");
    }

    // ---- POST /api/link (dry run) ------------------------------------------------------

    @Test
    void post_link_answers_what_linking_would_give_and_stores_nothing_without_a_token() {
        String before = server.store.contentHash();
        HttpResponse<String> r = server.post("/api/link", JSON_TYPE, doc("Self-critiquing models", "https://arxiv.org/abs/2206.05802", TEXT));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(fieldNames(b)).containsExactly("document", "stored", "linker", "mentions", "characters", "families", "concepts", "limitations");
        assertThat(b.get("stored").asBoolean()).isFalse();
        assertThat(b.get("characters").asInt()).isEqualTo(TEXT.length());
        assertThat(b.get("document").asText()).matches("https://w3id.org/alignkg/document/self-critiquing-models-[0-9a-f]{8}");
        List<String> limitations = new ArrayList<>();
        b.get("limitations").forEach(l -> limitations.add(l.get("iri").asText()));
        assertThat(limitations).contains(L2);
        JsonNode evidence = b.get("limitations").get(0).get("evidence").get(0);
        assertThat(TEXT.substring(evidence.get("start").asInt(), evidence.get("end").asInt())).isEqualTo(evidence.get("text").asText());
        assertThat(server.store.contentHash()).as("a dry run stores nothing").isEqualTo(before);
        // the document was not stored: it has no suggestions to list
        String id = b.get("document").asText().substring("https://w3id.org/alignkg/document/".length());
        assertThat(server.get("/api/documents/" + id + "/suggestions", JSON_TYPE).statusCode()).isEqualTo(404);
    }

    @Test
    void post_link_refuses_bad_bodies_as_post_document_does() {
        refused(() -> server.post("/api/link", JSON_TYPE, "{\"url\":\"https://example.org/a\",\"text\":\"RLHF\"}"), 400, "request body: no title");
        refused(() -> server.post("/api/link", JSON_TYPE, "{\"title\":\"A\",\"url\":\"papers/a.pdf\",\"text\":\"RLHF\"}"), 400,
            "URL 'papers/a.pdf' is not an absolute http(s) URL");
        refused(() -> server.post("/api/link", "text/plain", "RLHF"), 415, "application/json");
    }

    // ---- GET /api/documents/{id}/suggestions -------------------------------------------

    @Test
    void get_suggestions_lists_what_post_returned() {
        JsonNode made = created("Suggestions listing");
        HttpResponse<String> r = server.get("/api/documents/" + made.get("id").asText() + "/suggestions", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON_TYPE));
        JsonNode b = json(r);
        assertThat(fieldNames(b)).containsExactly("document", "suggestions");
        assertThat(b.get("document").asText()).isEqualTo(made.get("document").asText());
        assertThat(b.get("suggestions")).isEqualTo(made.get("suggestions"));
    }

    @Test
    void get_suggestions_of_a_curated_document_is_an_empty_list() {
        HttpResponse<String> r = server.get("/api/documents/b02-my-thoughts-on-openais-alignment-plan/suggestions", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("suggestions").size()).isZero();
    }

    @Test
    void get_suggestions_of_an_unknown_document_is_404() {
        refused(() -> server.get("/api/documents/no-such-document-00000000/suggestions", null), 404,
            "no document 'no-such-document-00000000'");
        refused(() -> server.get("/api/documents/Bad%20Id!/suggestions", null), 404, "no document 'Bad Id!'");
    }

    // ---- accepting a suggestion ---------------------------------------------------------

    @Test
    void accept_by_number_records_a_curated_link_with_who_and_when() {
        JsonNode made = created("Accept by number");
        String id = made.get("id").asText();
        JsonNode first = made.get("suggestions").get(0);
        HttpResponse<String> r = server.post("/api/documents/" + id + "/suggestions/1/accept", JSON_TYPE,
            "{\"relation\":\"supports\",\"curator\":\"Ada Lovelace\",\"rationale\":\"The critiques make AI-assisted evaluation concrete.\"}",
            AUTH, BEARER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode b = json(r);
        assertThat(fieldNames(b)).containsExactly("link", "document", "relation", "cited", "curator", "curatorName",
            "generatedAt", "rationale", "suggestion");
        assertThat(b.get("document").asText()).isEqualTo(made.get("document").asText());
        assertThat(b.get("relation").asText()).isEqualTo("http://purl.org/spar/cito/supports");
        assertThat(b.get("cited").asText()).isEqualTo(first.get("cited").asText());
        assertThat(b.get("curator").asText()).isEqualTo("https://w3id.org/alignkg/agent/ada-lovelace");
        assertThat(b.get("curatorName").asText()).isEqualTo("Ada Lovelace");
        assertThat(b.get("generatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(b.get("rationale").asText()).isEqualTo("The critiques make AI-assisted evaluation concrete.");
        assertThat(b.get("suggestion").asText()).isEqualTo(first.get("iri").asText());
        assertThat(r.headers().firstValue("Location")).hasValue("/resource?iri=" + enc(b.get("link").asText()));

        // the listing now shows it accepted; who and when are in the store
        JsonNode after = json(server.get("/api/documents/" + id + "/suggestions", null)).get("suggestions");
        assertThat(after.get(0).get("accepted").asBoolean()).isTrue();
        String who = server.query("PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
            + "SELECT ?name ?time { <" + b.get("link").asText() + "> prov:wasAttributedTo ?a ; prov:generatedAtTime ?time . ?a foaf:name ?name }",
            "text/csv").body();
        assertThat(who).contains("Ada Lovelace").contains(b.get("generatedAt").asText());
    }

    @Test
    void accept_by_iri_in_the_body_uses_the_tokens_curator_and_the_default_relation() {
        Javalin withCurator = ServerApp.create(server.store, org.alignkg.query.NamedQueries.of(java.util.Map.of()),
            TestServer.config(10_000, List.of()).withCurator("https://w3id.org/alignkg/agent/alignkg-curators")).start("127.0.0.1", 0);
        try {
            JsonNode made = created("Accept by IRI");
            String id = made.get("id").asText();
            JsonNode second = made.get("suggestions").get(1);
            HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + withCurator.port() + "/api/documents/" + id + "/suggestions/accept"))
                .header("Content-Type", JSON_TYPE).header(AUTH, BEARER)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"suggestion\":" + quote(second.get("iri").asText()) + "}")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode b = json(r);
            assertThat(b.get("curator").asText()).isEqualTo("https://w3id.org/alignkg/agent/alignkg-curators");
            assertThat(b.get("relation").asText()).isEqualTo("http://purl.org/spar/cito/discusses");
            assertThat(b.get("rationale").asText()).isEqualTo(second.get("rationale").asText());
            assertThat(b.get("suggestion").asText()).isEqualTo(second.get("iri").asText());
        } finally {
            withCurator.stop();
        }
    }

    @Test
    void accept_refusals_name_the_problem_and_write_nothing() {
        JsonNode made = created("Accept refusals");
        String id = made.get("id").asText();
        String path = "/api/documents/" + id + "/suggestions/1/accept";
        String ok = "{\"curator\":\"Ada Lovelace\"}";
        refused(() -> server.post(path, JSON_TYPE, ok), 401, "Authorization: Bearer");
        refused(() -> server.post(path, JSON_TYPE, ok, AUTH, "Bearer nope"), 403, "wrong update token");
        refused(() -> server.post(path, JSON_TYPE, "{}", AUTH, BEARER), 400, "field 'curator' is required");
        refused(() -> server.post(path, JSON_TYPE, "{\"curator\":\"Ada\",\"relation\":\"likes\"}", AUTH, BEARER), 400,
            "unknown relation 'likes'");
        refused(() -> server.post(path, JSON_TYPE, "{\"curator\":\"Ada\",", AUTH, BEARER), 400, "the request body is not JSON");
        refused(() -> server.post(path, JSON_TYPE, "{\"curator\":\"Ada\",\"who\":1}", AUTH, BEARER), 400, "unknown field 'who'");
        refused(() -> server.post("/api/documents/" + id + "/suggestions/999/accept", JSON_TYPE, ok, AUTH, BEARER), 404,
            "no suggestion 999 for this document");
        refused(() -> server.post("/api/documents/" + id + "/suggestions/first/accept", JSON_TYPE, ok, AUTH, BEARER), 404,
            "no suggestion 'first'");
        refused(() -> server.post("/api/documents/nope-00000000/suggestions/1/accept", JSON_TYPE, ok, AUTH, BEARER), 404,
            "no document 'nope-00000000'");
        refused(() -> server.post("/api/documents/" + id + "/suggestions/accept", JSON_TYPE, ok, AUTH, BEARER), 400,
            "field 'suggestion' is required");
        refused(() -> server.post("/api/documents/" + id + "/suggestions/accept", JSON_TYPE,
            "{\"curator\":\"Ada\",\"suggestion\":\"https://w3id.org/alignkg/link/b01-supports-l5\"}", AUTH, BEARER), 404,
            "is not a suggestion for this document");
    }

    @Test
    void curated_and_suggested_links_are_never_confused_over_http() {
        JsonNode made = created("Curated versus suggested");
        String id = made.get("id").asText();
        JsonNode suggestions = made.get("suggestions");
        assertThat(suggestions.size()).isGreaterThan(1);
        String curatedQuery = "PREFIX akg: <https://w3id.org/alignkg/ontology#> PREFIX cito: <http://purl.org/spar/cito/> "
            + "SELECT ?link ?derived { ?link a akg:CuratedLink ; cito:hasCitingEntity <" + made.get("document").asText() + "> . "
            + "OPTIONAL { ?link <http://www.w3.org/ns/prov#wasDerivedFrom> ?derived FILTER(CONTAINS(STR(?derived), '-suggests-')) } }";
        assertThat(json(server.query(curatedQuery, "application/sparql-results+json")).at("/results/bindings").size()).isZero();

        HttpResponse<String> r = server.post("/api/documents/" + id + "/suggestions/1/accept", JSON_TYPE,
            "{\"curator\":\"Grace Hopper\"}", AUTH, BEARER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String link = json(r).get("link").asText();

        JsonNode rows = json(server.query(curatedQuery, "application/sparql-results+json")).at("/results/bindings");
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).at("/link/value").asText()).isEqualTo(link);
        assertThat(rows.get(0).at("/derived/value").asText()).isEqualTo(suggestions.get(0).get("iri").asText());
        // no suggestion is a curated link, and the accepted one is still only a suggestion
        String mixed = "PREFIX akg: <https://w3id.org/alignkg/ontology#> ASK { ?x a akg:CuratedLink , akg:SuggestedLink }";
        assertThat(json(server.query(mixed, "application/sparql-results+json")).get("boolean").asBoolean()).isFalse();
        // the other suggestions are unaccepted and still have no plain CiTO triple
        JsonNode after = json(server.get("/api/documents/" + id + "/suggestions", null)).get("suggestions");
        for (int i = 1; i < after.size(); i++) {
            assertThat(after.get(i).get("accepted").asBoolean()).isFalse();
            String plain = "ASK { <" + made.get("document").asText() + "> ?p <" + after.get(i).get("cited").asText()
                + "> FILTER(STRSTARTS(STR(?p), 'http://purl.org/spar/cito/')) }";
            if (!after.get(i).get("cited").asText().equals(after.get(0).get("cited").asText()))
                assertThat(json(server.query(plain, "application/sparql-results+json")).get("boolean").asBoolean()).isFalse();
        }
    }

    // ---- GET /api/search ----------------------------------------------------------------

    @Test
    void search_InstructGPT_finds_limitation_3_first_with_a_highlighted_snippet() {
        HttpResponse<String> r = server.get("/api/search?q=InstructGPT&limit=5", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(fieldNames(b)).containsExactly("query", "limit", "hits");
        assertThat(b.get("query").asText()).isEqualTo("InstructGPT");
        assertThat(b.get("limit").asInt()).isEqualTo(5);
        JsonNode hits = b.get("hits");
        assertThat(hits.size()).isBetween(1, 5);
        JsonNode top = hits.get(0);
        assertThat(fieldNames(top)).containsExactly("type", "label", "iri", "snippet", "score");
        assertThat(top.get("iri").asText()).isEqualTo(L3);
        assertThat(top.get("type").asText()).isEqualTo("limitation");
        assertThat(top.get("label").asText()).isEqualTo("Lessons from aligning today's systems may not carry over to AGI");
        assertThat(top.get("snippet").asText()).contains("<b>InstructGPT</b>");
        assertThat(top.get("score").asDouble()).isPositive();
        // after the limitations, the other hits by Lucene score; limitation 3 alone is a limitation here
        for (int i = 2; i < hits.size(); i++)
            assertThat(hits.get(i).get("score").asDouble()).isLessThanOrEqualTo(hits.get(i - 1).get("score").asDouble());
        List<String> types = new ArrayList<>();
        hits.forEach(h -> types.add(h.get("type").asText()));
        assertThat(types.subList(1, types.size())).doesNotContain("limitation");
    }

    @Test
    void search_default_limit_is_10() {
        JsonNode b = json(server.get("/api/search?q=alignment", null));
        assertThat(b.get("limit").asInt()).isEqualTo(10);
        assertThat(b.get("hits").size()).isEqualTo(10);
    }

    @Test
    void search_refuses_empty_q_and_bad_limit() {
        refused(() -> server.get("/api/search", null), 400, "parameter 'q' is required");
        refused(() -> server.get("/api/search?q=+", null), 400, "parameter 'q' is required");
        refused(() -> server.get("/api/search?q=RLHF&limit=ten", null), 400, "parameter 'limit' must be an integer from 1 to 1000, got 'ten'");
        refused(() -> server.get("/api/search?q=RLHF&limit=0", null), 400, "parameter 'limit'");
        refused(() -> server.get("/api/search?q=" + enc("title:(unclosed"), null), 400, "cannot parse 'title:(unclosed'");
    }

    // ---- text:query at /sparql ----------------------------------------------------------

    @Test
    void text_query_works_at_the_sparql_endpoint() {
        String q = "PREFIX text: <http://jena.apache.org/text#> PREFIX schema: <http://schema.org/> "
            + "SELECT ?s ?score { (?s ?score) text:query (schema:text \"InstructGPT\") } ORDER BY DESC(?score) ?s";
        HttpResponse<String> r = server.query(q, "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> subjects = new ArrayList<>();
        json(r).at("/results/bindings").forEach(b -> subjects.add(b.at("/s/value").asText()));
        assertThat(subjects).contains(L3);
        // and through every field, as the search route does
        String any = "PREFIX text: <http://jena.apache.org/text#> SELECT ?s { ?s text:query \"InstructGPT\" }";
        assertThat(json(server.query(any, "application/sparql-results+json")).at("/results/bindings").size()).isPositive();
    }
}
