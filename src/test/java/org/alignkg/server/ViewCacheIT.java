package org.alignkg.server;

import static org.alignkg.server.TestServer.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The views computed once per store generation ({@link ViewCache}): the second request is served from the cache, a
 * write makes the next one compute again and show it, the Server-Timing header says which, and the graph page carries
 * the concept map as a data island equal to {@code /api/graph}.
 */
class ViewCacheIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LIMITATION = "https://w3id.org/alignkg/limitation/2";

    @RegisterExtension
    static final TestServer server = TestServer.shippedData(TestServer.config(10_000, List.of()));

    static HttpResponse<String> get(String path) {
        HttpResponse<String> r = server.get(path, "text/html");
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
        return r;
    }

    static String timing(HttpResponse<String> r) {
        return r.headers().firstValue("Server-Timing").orElse("");
    }

    @Test
    void each_view_is_computed_once_per_store_generation_and_says_so_in_server_timing() {
        for (String path : List.of("/timeline", "/compare", "/id/limitation/2", "/id/document/b01-a-challenge-for-agi-organizations",
                "/api/graph?layout=server", "/timeline?limitation=2")) {
            HttpResponse<String> first = get(path);
            HttpResponse<String> again = get(path);
            assertThat(timing(first)).as(path).matches("app;dur=\\d+\\.\\d, cache;desc=(miss|hit)");
            assertThat(timing(again)).as(path).matches("app;dur=\\d+\\.\\d, cache;desc=hit");
            assertThat(again.body()).as(path).isEqualTo(first.body());
        }
    }

    @Test
    void a_write_makes_the_views_compute_again_and_show_it() {
        get("/id/limitation/2");
        assertThat(timing(get("/id/limitation/2"))).endsWith("cache;desc=hit");
        get("/timeline");
        String label = "Cached view check " + System.nanoTime();
        String update = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> DELETE { GRAPH ?g { <" + LIMITATION + "> rdfs:label ?l } } "
            + "INSERT { GRAPH ?g { <" + LIMITATION + "> rdfs:label \"" + label + "\"@en } } WHERE { GRAPH ?g { <" + LIMITATION + "> rdfs:label ?l } }";
        HttpResponse<String> ok = server.post("/sparql/update", "application/x-www-form-urlencoded", "update=" + enc(update),
            "Authorization", "Bearer " + TestServer.TOKEN);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        HttpResponse<String> page = get("/id/limitation/2");
        assertThat(timing(page)).endsWith("cache;desc=miss");
        assertThat(page.body()).contains(label);
        HttpResponse<String> timeline = get("/timeline");
        assertThat(timing(timeline)).endsWith("cache;desc=miss");
        assertThat(timeline.body()).contains(label);
    }

    @Test
    void a_bad_parameter_is_refused_every_time_and_never_cached() {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = server.get("/timeline?year=20x1", "text/plain");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("year must be four digits, not '20x1'\n");
        }
    }

    @Test
    void the_graph_page_carries_the_concept_map_and_the_legend_as_data_islands_and_no_inline_script() throws Exception {
        HttpResponse<String> page = get("/graph");
        assertThat(timing(page)).startsWith("app;dur=");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"graph-data\">(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(data.find()).isTrue();
        assertThat(JSON.readTree(data.group(1))).isEqualTo(JSON.readTree(server.get("/api/graph", "application/json").body()));
        Matcher legend = Pattern.compile("<script type=\"application/json\" id=\"graph-legend\">(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(legend.find()).isTrue();
        assertThat(JSON.readTree(legend.group(1))).isEqualTo(JSON.readTree(server.get("/api/graph/legend", "application/json").body()));
        // every other script is a file of this server; nothing in the islands can end them early
        assertThat(Pattern.compile("<script(?! src=\"/(ui|webjars)/)(?! type=\"application/json\")").matcher(page.body()).find()).isFalse();
        assertThat(data.group(1)).doesNotContain("<");
        // the other graph views fetch their data: no island
        assertThat(get("/graph?view=full").body()).doesNotContain("application/json");
        assertThat(get("/graph?focus=" + enc(LIMITATION)).body()).doesNotContain("application/json");
    }
}
