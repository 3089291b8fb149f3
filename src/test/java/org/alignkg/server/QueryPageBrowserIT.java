package org.alignkg.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.alignkg.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The SPARQL editor in a real headless Chromium. */
@Tag("browser")
class QueryPageBrowserIT extends BrowserSupport {

    private static int rows() {
        return driver.findElements(By.cssSelector("#results-table tbody tr")).size();
    }

    @Test
    void the_editor_runs_an_example_query_and_shows_its_rows() throws Exception {
        open("/query");
        assertThat(driver.findElements(By.cssSelector(".CodeMirror .cm-keyword"))).as("SPARQL highlighting").isNotEmpty();
        new Select(find("#examples")).selectByValue("limitations-verbatim");
        assertThat((String) js("return window.alignkgEditor.getValue()")).contains("SELECT");
        find("#run").click();
        waitFor("rows shown", () -> rows() > 0);
        long expected = Files.readAllLines(TestData.ROOT.resolve("src/test/resources/expected/limitations-verbatim.tsv"), StandardCharsets.UTF_8)
            .stream().filter(l -> !l.isEmpty()).count() - 1;
        assertThat(rows()).isEqualTo((int) expected);
        // IRIs link to their resource pages
        assertThat(find("#results-table tbody a").getAttribute("href")).contains("/id/");
        assertThat(find("#downloads").isDisplayed()).isTrue();
        assertThat(consoleErrors()).as("no script errors or CSP violations").isEmpty();
    }

    @Test
    void an_example_with_a_parameter_runs_with_its_example_value() {
        open("/query?example=limitations-by-concept");
        find("#run").click();
        waitFor("rows shown", () -> rows() > 0);
        assertThat(find("#results-table").getText()).contains("interpretability");
    }

    @Test
    void a_syntax_error_is_shown_with_its_position() {
        open("/query");
        js("window.alignkgEditor.setValue('SELECT * WHERE {\\n  ?s ?p \\n}')");
        find("#run").click();
        waitFor("error shown", () -> find("#error").isDisplayed());
        assertThat(find("#error").getText()).contains("Line 3").containsIgnoringCase("syntax error");
        assertThat(driver.findElements(By.cssSelector(".CodeMirror .cm-error-token"))).as("error marked in the editor").isNotEmpty();
    }

    @Test
    void a_construct_result_shows_as_triples_and_as_a_graph() {
        open("/query?example=graph-neighbourhood");
        find("#run").click();
        waitFor("triples shown", () -> rows() > 0);
        find("#tab-graph").click();
        waitFor("graph drawn", () -> Boolean.TRUE.equals(js("return !!window.alignkgResultGraph && window.alignkgResultGraph.nodes().length > 5")));
        assertThat(js("return window.alignkgResultGraph.nodes('[type = \"limitation\"]').length")).isEqualTo(1L);
    }

    @Test
    void a_link_from_the_graph_prefills_the_editor() {
        open("/query?q=" + java.net.URLEncoder.encode("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", StandardCharsets.UTF_8) + "&run=1");
        waitFor("rows shown", () -> rows() == 1);
    }
}
