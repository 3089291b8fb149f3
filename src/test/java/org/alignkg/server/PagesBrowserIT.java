package org.alignkg.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Home, ontology and resource pages in a real headless Chromium. */
@Tag("browser")
class PagesBrowserIT extends BrowserSupport {

    @Test
    void home_shows_the_five_limitations_with_quotes_and_concepts_and_searches() {
        driver.get(base + "/");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#limitations blockquote.quote")).size() == 5);
        assertThat(find("#limitation-2 blockquote").getText()).startsWith("Using AI assistance for evaluation");
        assertThat(find("#limitation-2 .concepts").getText()).contains("AI-assisted evaluation", "Scalable oversight");
        assertThat(find("#counts").getText()).contains("5 limitations", "3 pillars");
        // full-text search: limitation 3 first, the matched word marked
        find("#search-text").sendKeys("InstructGPT", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#search-results li")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#search-results li")).get(0).getText())
            .startsWithIgnoringCase("limitation Lessons from aligning today");
        assertThat(find("#search-results mark").getText()).isEqualTo("InstructGPT");
        // a word typed half-way finds nothing in the full-text index; the label search takes over
        find("#search-text").clear();
        find("#search-text").sendKeys("interpretab", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> find("#search-results").getText().contains("interpretab”"));
        assertThat(find("#search-results").getText()).contains("Interpretability");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void the_ontology_page_lists_terms_and_draws_the_class_diagram() {
        driver.get(base + "/ontology");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(js("return !!window.alignkgOntology")));
        assertThat(((Number) js("return window.alignkgOntology.nodes().length")).intValue()).isGreaterThan(5);
        assertThat(find("#akg-Limitation").getText()).contains("Subclass of", "akg:Statement");
        assertThat(find("#akg-qualifiesPillar").getText()).contains("Domain", "akg:Limitation", "Range", "akg:Pillar");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void resource_pages_share_the_site_header() {
        driver.get(base + "/id/limitation/2");
        assertThat(find("header.site nav").getText()).contains("Graph", "SPARQL", "Ontology");
        assertThat(find("blockquote.quote").getText()).startsWith("Using AI assistance");
    }
}
