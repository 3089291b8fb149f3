package org.alignkg.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.alignkg.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Render benchmark: the graph page lays out and draws 2,000 nodes and 5,000 edges (synthetic) in
 * headless Chromium. The time is measured by the page from creating the renderer to the first frame
 * after the layout (data fetch excluded), best of three loads, and written to target/bench/.
 * The target is 2 s; on the 2-CPU development machine the best run is about 2.6-3.0 s
 * (bench/README.md), so the default limit here is a 5 s regression guard, not the target.
 * Set ALIGNKG_RENDER_LIMIT_MS=2000 to check the target itself.
 */
@Tag("browser")
@Tag("bench") // a benchmark: run with `mvn -Pbench verify`, not in the default suite
class GraphRenderBenchmarkBrowserIT extends BrowserSupport {
    static final long LIMIT_MS = Long.parseLong(setting("ALIGNKG_RENDER_LIMIT_MS", "5000"));

    @Test
    void two_thousand_nodes_and_five_thousand_edges_render_within_the_limit() throws Exception {
        long best = Long.MAX_VALUE;
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            open("/graph?synthetic=2000x5000");
            assertThat(js("return window.alignkgGraph.cy.nodes().length")).isEqualTo(2000L);
            assertThat(js("return window.alignkgGraph.cy.edges().length")).isEqualTo(5000L);
            long ms = Long.parseLong((String) js("return document.body.dataset.renderMs"));
            runs.append(ms).append(" [").append(js("return document.body.dataset.renderParts + ' (' + document.body.dataset.initParts + ')'")).append("]").append(i < 2 ? ", " : "");
            best = Math.min(best, ms);
        }
        String line = Instant.now() + " render 2000 nodes / 5000 edges: best " + best + " ms (runs: " + runs + " ms); "
            + Runtime.getRuntime().availableProcessors() + " CPUs; " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        Path out = TestData.ROOT.resolve("target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("graph-render.txt"), line + "\n", StandardCharsets.UTF_8);
        System.out.println(line);
        assertThat(best).as("render time in ms").isLessThan(LIMIT_MS);
    }
}
