package org.alignkg.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.alignkg.InvalidInputException;
import org.apache.jena.query.Query;
import org.junit.jupiter.api.Test;

/** Header lines of named query files, and paging of their answers. */
class NamedQueryHeaderTest {
    private static final String BODY = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100 OFFSET 5\n";

    @Test
    void a_parameter_named_like_an_api_parameter_is_refused_with_file_and_line() {
        assertThatThrownBy(() -> NamedQueries.of(Map.of("q", "# title: T\n# param: limit integer 3\nSELECT ?limit { ?s ?p ?limit }\n")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("queries/q.rq:2: 'limit' is reserved for the API (format, limit, offset); rename the parameter");
    }

    @Test
    void page_replaces_the_query_limit_and_offset_and_leaves_the_original_alone() {
        Query q = NamedQueries.of(Map.of("q", "# title: T\n" + BODY)).get("q").orElseThrow().query();
        Query paged = Page.parse("10", "20", "limit", "offset").applyTo(q);
        assertThat(paged.getLimit()).isEqualTo(10);
        assertThat(paged.getOffset()).isEqualTo(20);
        assertThat(q.getLimit()).isEqualTo(100);
        assertThat(q.getOffset()).isEqualTo(5);
        Query onlyOffset = Page.parse(null, "0", "limit", "offset").applyTo(q);
        assertThat(onlyOffset.getLimit()).isEqualTo(100);
        assertThat(onlyOffset.getOffset()).isZero();
        assertThat(Page.parse(null, null, "limit", "offset").applyTo(q)).isSameAs(q);
    }

    @Test
    void page_keys_differ_per_page_and_are_empty_for_the_default() {
        assertThat(Page.DEFAULT.key()).isEmpty();
        assertThat(Page.parse("10", null, "limit", "offset").key()).isEqualTo(" limit=10 offset=null");
        assertThat(Page.parse("10", "10", "limit", "offset").key()).isNotEqualTo(Page.parse("10", "0", "limit", "offset").key());
    }

    @Test
    void bad_page_values_name_the_parameter_as_the_caller_spelt_it() {
        assertThatThrownBy(() -> Page.parse("100001", null, "--limit", "--offset"))
            .hasMessage("parameter '--limit': must be an integer from 0 to 100000, got '100001'");
        assertThatThrownBy(() -> Page.parse(null, "1.5", "--limit", "--offset"))
            .hasMessage("parameter '--offset': must be an integer from 0 to 9223372036854775807, got '1.5'");
    }
}
