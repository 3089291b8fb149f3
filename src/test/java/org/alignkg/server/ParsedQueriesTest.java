package org.alignkg.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.alignkg.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The parsed-query cache: sized from configuration, keyed output only when answers are cached. */
class ParsedQueriesTest {
    static final String BASE = "http://127.0.0.1:1/sparql";
    static final String Q = "SELECT ?o WHERE { <https://w3id.org/alignkg/limitation/1> ?p ?o } ORDER BY ?o";

    @Test
    void a_kept_text_is_parsed_once_and_a_cache_of_size_zero_parses_every_time() {
        ParsedQueries kept = new ParsedQueries(16, true);
        assertThat(kept.parse(Q, BASE)).isSameAs(kept.parse(Q, BASE));
        ParsedQueries none = new ParsedQueries(0, true);
        ParsedQueries.Parsed a = none.parse(Q, BASE);
        ParsedQueries.Parsed b = none.parse(Q, BASE);
        assertThat(a).isNotSameAs(b);
        assertThat(a.query()).isEqualTo(b.query());
    }

    @Test
    void with_a_result_cache_the_normalised_text_keys_the_answer_and_volatile_queries_are_not_cacheable() {
        ParsedQueries keyed = new ParsedQueries(16, true);
        ParsedQueries.Parsed p = keyed.parse("# a comment\n" + Q, BASE);
        assertThat(p.cacheable()).isTrue();
        assertThat(p.normalised()).isEqualTo(keyed.parse(Q.replace(" WHERE", "\n  WHERE"), BASE).normalised());
        assertThat(keyed.parse("SELECT (NOW() AS ?t) {}", BASE).cacheable()).isFalse();
        assertThat(keyed.parse("SELECT ?s { ?s ?p ?o FILTER EXISTS { BIND(RAND() AS ?r) } }", BASE).cacheable()).isFalse();
    }

    @Test
    void without_a_result_cache_no_normalised_text_is_made_and_nothing_is_cacheable() {
        ParsedQueries plain = new ParsedQueries(16, false);
        ParsedQueries.Parsed p = plain.parse(Q, BASE);
        assertThat(p.cacheable()).isFalse();
        assertThat(p.normalised()).isNull();
        assertThat(p.query().getResultVars()).isEqualTo(List.of("o"));
    }

    @Test
    void service_is_refused_with_or_without_the_result_cache_also_inside_exists_and_sub_selects() {
        for (boolean keyed : new boolean[] { true, false }) {
            ParsedQueries pq = new ParsedQueries(16, keyed);
            for (String q : List.of("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                    "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?x } } }",
                    "SELECT * { { SELECT ?s { SERVICE <http://example.org/sparql> { ?s ?p ?o } } } }"))
                assertThatThrownBy(() -> pq.parse(q, BASE)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("SERVICE <http://example.org/sparql> refused: federated queries are disabled");
        }
    }

    @Test
    void the_parsed_query_cache_size_comes_from_the_system_property_or_the_config() {
        String old = System.getProperty(ServerConfig.PARSED_QUERIES_PROPERTY);
        try {
            System.clearProperty(ServerConfig.PARSED_QUERIES_PROPERTY);
            assertThat(ServerConfig.defaults().parsedQueryEntries()).isEqualTo(ServerConfig.DEFAULT_PARSED_QUERIES);
            System.setProperty(ServerConfig.PARSED_QUERIES_PROPERTY, "5");
            assertThat(ServerConfig.defaults().parsedQueryEntries()).isEqualTo(5);
            assertThat(ServerConfig.defaults().withParsedQueryCache(0).parsedQueryEntries()).isZero();
            System.setProperty(ServerConfig.PARSED_QUERIES_PROPERTY, "-1");
            assertThatThrownBy(ServerConfig::defaults).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dalignkg.cache.parsed-queries must be a number of entries (0 or more), not '-1'");
        } finally {
            if (old == null) System.clearProperty(ServerConfig.PARSED_QUERIES_PROPERTY);
            else System.setProperty(ServerConfig.PARSED_QUERIES_PROPERTY, old);
        }
    }

    @Test
    void result_cache_memory_is_split_between_answers_and_layouts() {
        ServerConfig c = ServerConfig.defaults().withResultCache(64L << 20);
        assertThat(c.responseCacheBytes()).isEqualTo(56L << 20);
        assertThat(c.layoutCacheBytes()).isEqualTo(8L << 20);
        ServerConfig off = c.withResultCache(0);
        assertThat(off.responseCacheBytes()).isZero();
        assertThat(off.layoutCacheBytes()).isZero();
    }
}
