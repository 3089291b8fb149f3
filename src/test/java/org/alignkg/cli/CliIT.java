package org.alignkg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.alignkg.store.KgStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/** The commands, run in-process on a temporary store, as a user would type them. */
class CliIT {
    @TempDir
    Path tmp;

    CliRun run(String... args) {
        return CliRun.of(args);
    }

    String store() {
        return tmp.resolve("store").toString();
    }

    @Test
    void sync_loads_the_shipped_data_once_and_prints_the_summary() {
        CliRun first = run("sync", "--no-corpus", "--store", store());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("loaded \\d+ file\\(s\\)");
        assertThat(first.out()).contains("limitations: 5");
        assertThat(first.out()).contains("https://w3id.org/alignkg/graph/data/limitations.ttl");

        CliRun second = run("sync", "--no-corpus", "--store", store());
        assertThat(second.exit()).isZero();
        assertThat(second.out()).startsWith("store is up to date");
    }

    @Test
    void query_prints_rows_in_each_result_format() {
        run("sync", "--no-corpus", "--store", store());
        String q = "PREFIX akg: <https://w3id.org/alignkg/ontology#> SELECT ?n WHERE { ?l a akg:Limitation ; akg:number ?n } ORDER BY ?n";
        CliRun csv = run("query", "--store", store(), "--format", "csv", q);
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out().split("\r?\n")).containsExactly("n", "1", "2", "3", "4", "5");

        CliRun tsv = run("query", "--store", store(), "--format", "tsv", q);
        assertThat(tsv.out().split("\r?\n")).containsExactly("?n", "1", "2", "3", "4", "5");

        CliRun table = run("query", "--store", store(), q);
        assertThat(table.out()).contains("| n |").contains("| 1 |").contains("| 5 |");

        CliRun json = run("query", "--store", store(), "--format", "json", q);
        assertThat(json.out()).contains("\"vars\"").contains("\"value\": \"3\"");
    }

    @Test
    void query_answers_akgf_similar_with_the_passage_that_matched_and_refuses_bad_arguments() {
        run("sync", "--no-corpus", "--store", store());
        String q = "PREFIX akgf: <https://w3id.org/alignkg/fn#> SELECT ?hit ?passage { (?hit ?score ?passage) akgf:similar "
            + "(\"Using AI assistants to evaluate other AI systems could amplify the assistants' own subtle errors and biases.\" 2 \"limitation\") }";
        CliRun csv = run("query", "--store", store(), "--format", "csv", q);
        assertThat(csv.exit()).as(csv.err()).isZero();
        String[] lines = csv.out().split("\r?\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("hit,passage");
        assertThat(lines[1]).isEqualTo("https://w3id.org/alignkg/limitation/2,\"Using AI assistance for evaluation has the potential to scale up "
            + "or amplify even subtle inconsistencies, biases, or vulnerabilities present in the AI assistant.\"");
        assertThat(lines[2]).startsWith("https://w3id.org/alignkg/limitation/");

        CliRun bad = run("query", "--store", store(), "PREFIX akgf: <https://w3id.org/alignkg/fn#> SELECT ?hit { ?hit akgf:similar (\"x\" 500) }");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).contains("akgf:similar: the number of hits must be an integer 1..100, got 500").doesNotContain("Exception");
    }

    @Test
    void a_named_query_pages_with_limit_and_offset_and_free_text_refuses_them() {
        run("sync", "--no-corpus", "--store", store());
        CliRun page = run("query", "--store", store(), "--format", "csv", "--limit", "2", "--offset", "1", "limitations-verbatim");
        assertThat(page.exit()).as(page.err()).isZero();
        assertThat(page.out().split("\r?\n")).extracting(l -> l.split(",")[0])
            .containsExactly("limitation", "https://w3id.org/alignkg/limitation/2", "https://w3id.org/alignkg/limitation/3");
        CliRun free = run("query", "--store", store(), "--limit", "2", "SELECT * { ?s ?p ?o }");
        assertThat(free.exit()).isEqualTo(65);
        assertThat(free.err().strip()).isEqualTo("alignkg: --limit: paging applies to named queries only; write LIMIT/OFFSET in the query text");
        CliRun bad = run("query", "--store", store(), "--offset", "-3", "limitations-verbatim");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err().strip()).isEqualTo("alignkg: parameter '--offset': must be an integer from 0 to 9223372036854775807, got '-3'");
    }

    @Test
    void query_answers_ask_and_construct() {
        run("sync", "--no-corpus", "--store", store());
        CliRun ask = run("query", "--store", store(), "--format", "csv",
            "ASK { <https://w3id.org/alignkg/limitation/3> ?p ?o }");
        assertThat(ask.out().split("\r?\n")).containsExactly("_askResult", "true");

        CliRun construct = run("query", "--store", store(), "--format", "ntriples",
            "CONSTRUCT { <https://w3id.org/alignkg/limitation/2> <http://schema.org/text> ?t } WHERE { <https://w3id.org/alignkg/limitation/2> <http://schema.org/text> ?t }");
        assertThat(construct.exit()).isZero();
        assertThat(construct.out().strip()).isEqualTo(
            "<https://w3id.org/alignkg/limitation/2> <http://schema.org/text> \"Using AI assistance for evaluation has the potential to scale up or amplify even subtle inconsistencies, biases, or vulnerabilities present in the AI assistant.\" .");
    }

    @Test
    void a_query_syntax_error_names_line_and_column_and_exits_65() {
        run("sync", "--no-corpus", "--store", store());
        CliRun bad = run("query", "--store", store(), "SELECT ?x WHERE { ?x ?y }");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).startsWith("alignkg: query:1:25: SPARQL syntax error: unexpected \"}\"; expected <IRIref>, <PNAME_NS>, ");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void a_format_that_does_not_fit_the_query_is_a_usage_error() {
        run("sync", "--no-corpus", "--store", store());
        CliRun bad = run("query", "--store", store(), "--format", "turtle", "SELECT * { ?s ?p ?o } LIMIT 1");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).startsWith("alignkg: --format: 'turtle' is an RDF format; SELECT and ASK give");
    }

    @Test
    void load_of_a_bad_file_exits_65_with_location_and_leaves_the_store_as_it_was() {
        run("sync", "--no-corpus", "--store", store());
        String before;
        try (KgStore s = KgStore.open(tmp.resolve("store"))) { before = s.contentHash(); }
        CliRun bad = run("load", "--store", store(), "src/test/resources/fixtures/invalid/newline-in-literal.ttl");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err().strip()).isEqualTo(
            "alignkg: src/test/resources/fixtures/invalid/newline-in-literal.ttl:3: Illegal carriage return or new line in literal");
        try (KgStore s = KgStore.open(tmp.resolve("store"))) { assertThat(s.contentHash()).isEqualTo(before); }
    }

    @Test
    void validate_checks_without_writing_anything() {
        CliRun ok = run("validate", "--store", store(), "data");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("valid: ");
        assertThat(tmp.resolve("store")).doesNotExist();

        CliRun bad = run("validate", "--store", store(), "data", "src/test/resources/fixtures/invalid/limitation-with-one-concept.ttl");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).contains("limitation-with-one-concept.ttl:5: akgr:limitation/99 (akg:concerns)");
    }

    @Test
    void stats_as_json_counts_limitations_concepts_and_graphs() throws Exception {
        run("sync", "--no-corpus", "--store", store());
        CliRun stats = run("stats", "--store", store(), "--json");
        assertThat(stats.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(stats.out());
        assertThat(json.get("limitations").asLong()).isEqualTo(5);
        assertThat(json.get("concepts").asLong()).isGreaterThanOrEqualTo(120);   // the topical scheme only, not the newsletter categories
        assertThat(json.get("graphs").has("https://w3id.org/alignkg/graph/data/concepts.ttl")).isTrue();
    }

    @Test
    void export_writes_a_file_that_loads_into_a_fresh_store_with_the_same_triples() throws Exception {
        run("sync", "--no-corpus", "--store", store());
        Path out = tmp.resolve("all.trig");
        CliRun export = run("export", "--store", store(), "--format", "trig", "--output", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.size(out)).isPositive();

        String fresh = tmp.resolve("fresh").toString();
        CliRun load = run("load", "--store", fresh, out.toString());
        assertThat(load.exit()).as(load.err()).isZero();
        try (KgStore a = KgStore.open(tmp.resolve("store"))) {
            long dataTriples = a.graphSizes().entrySet().stream()
                .filter(e -> !e.getKey().endsWith("/graph/system")).mapToLong(e -> e.getValue()).sum();
            try (KgStore b = KgStore.open(tmp.resolve("fresh"))) {
                long loaded = b.graphSizes().entrySet().stream()
                    .filter(e -> !e.getKey().endsWith("/graph/system")).mapToLong(e -> e.getValue()).sum();
                assertThat(loaded).isEqualTo(dataTriples);
            }
        }
    }

    @Test
    void missing_arguments_and_unknown_options_are_usage_errors() {
        CliRun noArgs = run("load", "--store", store());
        assertThat(noArgs.exit()).isEqualTo(2);
        assertThat(noArgs.err()).contains("Missing required parameter");
        CliRun unknown = run("stats", "--stroe", store());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("Unknown options: '--stroe'");
    }

    @Test
    void every_command_has_help() {
        for (String cmd : new String[] { "sync", "load", "validate", "query", "stats", "export" }) {
            CliRun help = run(cmd, "--help");
            assertThat(help.exit()).as(cmd).isZero();
            assertThat(help.out()).as(cmd).startsWith("Usage: alignkg " + cmd);
        }
    }
}
