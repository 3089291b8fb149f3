package org.alignkg.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.alignkg.TestData;
import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.ontology.AKG;
import org.alignkg.query.NamedQueries;
import org.alignkg.query.NamedQuery;
import org.alignkg.query.QueryRunner;
import org.alignkg.query.ResultTable;
import org.alignkg.server.ServerApp;
import org.alignkg.server.ServerConfig;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

/**
 * One suite, every store kind: the shipped data synced into the store, then the named queries'
 * expected answers, linked-data pages, the graph API, linking a document, full-text search and the
 * write path's refusals, through the same server code. A store kind is a subclass that says how to
 * open an empty store: {@link EmbeddedStoreIT} (TDB2 folder), {@link FusekiStoreIT} (a real Fuseki
 * on loopback), {@link VirtuosoStoreIT} (Virtuoso open source 7 as a child process). Another
 * engine is one more subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreSuite {
    static final String TOKEN = "suite-token-3b7d";
    static final String L2 = AKG.BASE + "limitation/2";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXPECTED = TestData.ROOT.resolve("src/test/resources/expected");

    protected Path folder;
    protected TripleStore store;
    protected Javalin app;
    protected String base;
    protected LoadResult firstSync;
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An empty store of this kind in (or with its cache in) {@code dir}, checking writes against the shipped shapes. */
    protected abstract TripleStore openStore(Path dir);

    /** Stops whatever engine {@link #openStore} started. */
    protected void stopEngine() { }

    /** After the shipped data is in: an engine whose text index lags its writes catches up here. */
    protected void afterSync() throws Exception { }

    @BeforeAll
    void start() throws Exception {
        folder = Files.createTempDirectory("alignkg-store-suite");
        store = openStore(folder);
        firstSync = TestData.loader(store).sync(List.of(TestData.ONTOLOGY, TestData.DATA));
        afterSync();
        NamedQueries queries = NamedQueries.load(TestData.QUERIES, "queries");
        ServerConfig config = new ServerConfig(30_000, TOKEN, List.of(), 1 << 20);
        app = ServerApp.create(store, queries, config).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) app.stop();
        if (store != null) store.close();
        stopEngine();
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    // ---- the data -----------------------------------------------------------------------------

    @Test
    void sync_pushes_every_shipped_file_and_a_second_sync_changes_nothing() {
        assertThat(firstSync.loaded()).hasSizeGreaterThan(5);
        assertThat(store.loadedFiles()).hasSize(firstSync.loaded().size());
        long gen = store.generation();
        String hash = store.contentHash();
        LoadResult again = TestData.loader(store).sync(List.of(TestData.ONTOLOGY, TestData.DATA));
        assertThat(again.loaded()).isEmpty();
        assertThat(store.contentHash()).isEqualTo(hash);
        assertThat(store.generation()).isEqualTo(gen);
    }

    @Test
    void export_pulls_every_graph_with_the_sizes_the_store_reports() {
        Map<String, Long> sizes = store.graphSizes();
        assertThat(sizes).containsKey(AKG.SYSTEM_GRAPH);
        Map<String, Long> copied = new LinkedHashMap<>();
        store.copyAll().forEach((g, graph) -> copied.put(g.getURI(), (long) graph.size()));
        assertThat(copied).isEqualTo(sizes);
        assertThat(store.quadCount()).isEqualTo(sizes.values().stream().mapToLong(Long::longValue).sum());
    }

    // ---- named queries ------------------------------------------------------------------------

    Stream<NamedQuery> queries() {
        return NamedQueries.load(TestData.QUERIES, "queries").all().stream();
    }

    /**
     * Named queries this engine answers wrongly, by id, with the engine's reason (each one in the
     * README). Their test checks that the answer still differs; every other query must match.
     */
    protected Map<String, String> engineDifferences() {
        return Map.of();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void named_query_returns_its_expected_rows(NamedQuery q) throws Exception {
        List<String> expected = Files.readAllLines(EXPECTED.resolve(q.id() + ".tsv"), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isEmpty()).toList();
        Map<String, Node> bindings = new LinkedHashMap<>();
        for (NamedQuery.Param p : q.params())
            if (!p.example().isEmpty()) bindings.put(p.name(), NamedQueries.toNode(p, p.example()));
        QueryRunner runner = new QueryRunner(store, 30_000);
        List<String> actual = new ArrayList<>();
        boolean ordered = q.query().hasOrderBy();
        if (q.query().isAskType()) {
            actual.add("boolean");
            actual.add(Boolean.toString(runner.ask(q.query(), bindings)));
        } else if (q.query().isSelectType()) {
            ResultTable t = runner.select(q.query(), bindings);
            actual.add(String.join("\t", t.vars()));
            for (List<Node> row : t.rows()) actual.add(String.join("\t", row.stream().map(StoreSuite::cell).toList()));
        } else {
            Model model = runner.graph(q.query(), bindings);
            actual.add("triples");
            model.getGraph().find().forEachRemaining(t ->
                actual.add(cell(t.getSubject()) + "\t" + cell(t.getPredicate()) + "\t" + cell(t.getObject())));
            ordered = false;
        }
        String difference = engineDifferences().get(q.id());
        if (difference != null) {
            // A documented engine bug (README, "Running over another SPARQL server"): the test holds
            // that the engine still answers differently, so a fixed engine shows up here.
            List<String> sortedActual = actual.stream().sorted().toList(), sortedExpected = expected.stream().sorted().toList();
            assertThat(sortedActual).as(q.id() + " differs on this engine: " + difference).isNotEqualTo(sortedExpected);
            return;
        }
        if (ordered) {
            assertThat(actual).as(q.id()).containsExactlyElementsOf(expected);
        } else {
            // Without ORDER BY an engine may return rows in any order: compare them as a multiset.
            assertThat(actual.get(0)).as(q.id()).isEqualTo(expected.get(0));
            assertThat(actual.subList(1, actual.size())).as(q.id()).containsExactlyInAnyOrderElementsOf(expected.subList(1, expected.size()));
        }
    }

    /** The expected-file cell format of NamedQueriesIT. */
    static String cell(Node n) {
        if (n == null) return "";
        if (n.isURI()) return "<" + n.getURI() + ">";
        if (n.isBlank()) return "_:b";
        return n.getLiteralLexicalForm().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    // ---- linked data, graph API, search -------------------------------------------------------

    @Test
    void a_limitation_page_is_served_as_turtle_and_html_and_an_unknown_iri_is_404() {
        HttpResponse<String> ttl = get("/id/limitation/2", "text/turtle");
        assertThat(ttl.statusCode()).as(ttl.body()).isEqualTo(200);
        Model m = ModelFactory.createDefaultModel();
        m.read(new StringReader(ttl.body()), base, "TURTLE");
        assertThat(m.contains(m.createResource(L2), RDF.type, m.createResource(AKG.Limitation.getURI()))).isTrue();
        HttpResponse<String> html = get("/id/limitation/2", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains(L2);
        assertThat(get("/id/limitation/no-such-thing", "text/turtle").statusCode()).isEqualTo(404);
    }

    @Test
    void the_graph_api_answers_nodes_and_edges_with_the_limitations_in_it() throws Exception {
        HttpResponse<String> r = get("/api/graph", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode g = JSON.readTree(r.body());
        assertThat(g.at("/elements/nodes").size()).isGreaterThan(80);
        assertThat(g.at("/elements/edges").size()).isGreaterThan(80);
        List<String> ids = new ArrayList<>();
        g.at("/elements/nodes").forEach(n -> ids.add(n.at("/data/id").asText()));
        assertThat(ids).contains(L2);
    }

    @Test
    void full_text_search_finds_the_concept_with_a_marked_snippet() throws Exception {
        HttpResponse<String> r = get("/api/search?q=" + enc("oversight"), "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode hits = JSON.readTree(r.body()).get("hits");
        assertThat(hits.size()).isPositive();
        JsonNode concept = null;
        for (JsonNode h : hits) if (h.get("iri").asText().equals(AKG.BASE + "concept/scalable-oversight")) concept = h;
        assertThat(concept).as(r.body()).isNotNull();
        assertThat(concept.get("type").asText()).isEqualTo("concept");
        assertThat(concept.get("label").asText()).isEqualTo("Scalable oversight");
        assertThat(concept.get("snippet").asText().toLowerCase()).contains("<b>oversight</b>");
        assertThat(JSON.readTree(get("/api/search?q=" + enc("zzqxnotaword"), "application/json").body()).get("hits").size()).isZero();
    }

    // ---- writes -------------------------------------------------------------------------------

    @Test
    void posting_a_document_links_it_and_its_page_and_graph_are_there() throws Exception {
        String text = "Self-critiquing models\n\nWe fine-tune large language models to write natural language critiques"
            + " using behavioral cloning. Critiques written by our models help humans find flaws in summaries that they"
            + " would have otherwise missed. This AI-assisted evaluation is a step towards scalable oversight.";
        String body = "{\"title\":\"Self-critiquing models\",\"url\":\"https://example.org/critiques\",\"authors\":[\"W. Saunders\"],"
            + "\"date\":\"2022-06\",\"text\":" + JSON.writeValueAsString(text) + "}";
        HttpResponse<String> r = post("/api/documents", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode b = JSON.readTree(r.body());
        String id = b.get("id").asText();
        assertThat(b.get("suggestions").size()).isPositive();
        assertThat(store.graphNames()).contains(b.get("graph").asText());
        assertThat(get("/id/document/" + id, "text/turtle").statusCode()).isEqualTo(200);
    }

    @Test
    void a_valid_update_is_visible_and_a_non_conforming_one_is_refused_with_the_store_unchanged() throws Exception {
        String g = AKG.GRAPH_BASE + "suite/notes";
        HttpResponse<String> ok = post("/sparql/update", "application/sparql-update",
            "INSERT DATA { GRAPH <" + g + "> { <" + L2 + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"suite note\" } }");
        assertThat(ok.statusCode()).as(ok.body()).isIn(200, 204);
        HttpResponse<String> ask = get("/sparql?query=" + enc("ASK { <" + L2 + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"suite note\" }"),
            "application/sparql-results+json");
        assertThat(ask.body()).contains("true");

        String before = store.contentHash();
        long triples = store.quadCount();
        // A limitation without any of its required properties violates the shipped shapes.
        HttpResponse<String> bad = post("/sparql/update", "application/sparql-update",
            "INSERT DATA { GRAPH <" + g + "> { <" + AKG.BASE + "limitation/99> a <" + AKG.Limitation.getURI() + "> } }");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
        assertThat(bad.body()).contains("SHACL").doesNotContain("\tat ");
        assertThat(store.contentHash()).isEqualTo(before);
        assertThat(store.quadCount()).isEqualTo(triples);
    }

    @Test
    void a_backup_restored_gives_back_the_same_content() throws Exception {
        String before = store.contentHash();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long quads = store.backup(out);
        assertThat(quads).isEqualTo(store.quadCount());
        Path file = folder.resolve("backup.nq.gz");
        Files.write(file, out.toByteArray());
        assertThat(store.restore(file)).isEqualTo(quads);
        assertThat(store.contentHash()).isEqualTo(before);
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    HttpResponse<String> post(String path, String type, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
            .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(180)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    static Node uri(String s) {
        return NodeFactory.createURI(s);
    }
}
