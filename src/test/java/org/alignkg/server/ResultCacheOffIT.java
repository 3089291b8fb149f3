package org.alignkg.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.alignkg.server.TestServer.enc;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.javalin.Javalin;

/**
 * {@code --result-cache 0} turns every result cache off: two servers over one store, one with the
 * default cache and one with none. A second identical request to each cached endpoint (free
 * SPARQL, a named query, the Service Description, VoID, a server-side graph layout) is answered
 * from the cache by the first and computed again by the second, seen in {@code /metrics} and in
 * the layout's own {@code cached} flag; both give the same answer.
 */
class ResultCacheOffIT {
    static Path dir;
    static TestServer cached;
    static Javalin plainApp;
    static TestServer plain;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("alignkg-cache-off");
        cached = TestServer.withShippedData(dir, TestServer.config(30_000, List.of()));
        plain = TestServer.start(cached.store, TestServer.config(30_000, List.of()).withResultCache(0));
        plainApp = plain.app;
    }

    @AfterAll
    static void stop() throws Exception {
        if (plainApp != null) plainApp.stop();
        if (cached != null) cached.close();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static long metric(TestServer s, String name) {
        String body = s.get("/metrics", null).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)").matcher(body);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Sends {@code request} twice to {@code s}; returns how much {@code counter} rose and the two bodies. */
    private static Map.Entry<Long, List<String>> twice(TestServer s, String counter, java.util.function.Function<TestServer, HttpResponse<String>> request) {
        long before = metric(s, counter);
        HttpResponse<String> a = request.apply(s);
        HttpResponse<String> b = request.apply(s);
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
        // The Service Description and VoID name the server's own address.
        return Map.entry(metric(s, counter) - before, List.of(a.body().replace(s.base, "{base}"), b.body().replace(s.base, "{base}")));
    }

    private void computedOnceWithAndTwiceWithout(String counter, java.util.function.Function<TestServer, HttpResponse<String>> request) {
        computedOnceWithAndTwiceWithout(counter, request, false);
    }

    /** {@code turtle}: the bodies are compared as graphs (a description's blank nodes come out in any order). */
    private void computedOnceWithAndTwiceWithout(String counter, java.util.function.Function<TestServer, HttpResponse<String>> request, boolean turtle) {
        long hits = metric(cached, "alignkg_result_cache_hits_total");
        var on = twice(cached, counter, request);
        var off = twice(plain, counter, request);
        assertThat(on.getKey()).as("computed by the server with the cache").isEqualTo(1);
        assertThat(off.getKey()).as("computed by the server without").isEqualTo(2);
        assertThat(on.getValue().get(1)).isEqualTo(on.getValue().get(0));
        if (!turtle) assertThat(off.getValue()).containsExactlyElementsOf(on.getValue());
        else for (String body : off.getValue())
            assertThat(graph(body).isIsomorphicWith(graph(on.getValue().get(0)))).as(body).isTrue();
        if (counter.equals("alignkg_query_executions_total"))
            assertThat(metric(cached, "alignkg_result_cache_hits_total") - hits).isEqualTo(1);
        assertThat(metric(plain, "alignkg_result_cache_hits_total")).isZero();
    }

    private static org.apache.jena.graph.Graph graph(String turtle) {
        return org.apache.jena.riot.RDFParser.fromString(turtle, org.apache.jena.riot.Lang.TURTLE).toGraph();
    }

    @Test
    void free_sparql_is_run_again_for_every_request_without_the_cache() {
        String q = "PREFIX akg: <https://w3id.org/alignkg/ontology#>\nSELECT ?l ?n WHERE { ?l a akg:Limitation ; akg:number ?n } ORDER BY ?n";
        computedOnceWithAndTwiceWithout("alignkg_query_executions_total",
            s -> s.post("/sparql", "application/x-www-form-urlencoded", "query=" + enc(q), "Accept", "application/sparql-results+json"));
        assertThat(cached.query(q, "application/sparql-results+json").body()).contains("\"n\"");
    }

    @Test
    void a_named_query_is_run_again_for_every_request_without_the_cache() {
        computedOnceWithAndTwiceWithout("alignkg_query_executions_total",
            s -> s.get("/api/queries/limitation?number=2", "text/csv"));
        assertThat(plain.get("/api/queries/limitation?number=2", "text/csv").body())
            .startsWith("limitation,label\r\nhttps://w3id.org/alignkg/limitation/2,");
    }

    @Test
    void the_service_description_and_void_are_computed_again_for_every_request_without_the_cache() {
        computedOnceWithAndTwiceWithout("alignkg_descriptions_computed_total", s -> s.get("/sparql", "text/turtle"), true);
        computedOnceWithAndTwiceWithout("alignkg_descriptions_computed_total", s -> s.get("/.well-known/void", "text/turtle"), true);
    }

    @Test
    void a_server_side_layout_is_computed_again_for_every_request_without_the_cache() {
        Supplier<String> path = () -> "/api/graph?layout=server";
        // With the cache, the second answer is the first one kept (the whole view, per store generation:
        // its body still says how the layout was first computed; the Server-Timing header says it was a hit).
        assertThat(cached.get(path.get(), null).body()).contains("\"name\":\"server\"");
        assertThat(cached.get(path.get(), null).headers().firstValue("Server-Timing").orElse("")).contains("cache;desc=hit");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = plain.get(path.get(), null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Server-Timing").orElse("")).contains("cache;desc=miss");
            assertThat(r.body()).contains("\"name\":\"server\"").contains("\"cached\":false").doesNotContain("\"cached\":true");
        }
    }
}
