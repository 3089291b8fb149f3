package org.alignkg.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.alignkg.Progress;
import org.alignkg.TestData;
import org.alignkg.ingest.RdfFileReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorpusGeneratorTest {
    static List<SynthConcept> concepts;

    @BeforeAll
    static void readConcepts() {
        concepts = SynthConcept.of(new RdfFileReader(Progress.NONE)
            .read(TestData.DATA.resolve("concepts.ttl"), "data/concepts.ttl", null, "https://w3id.org/alignkg/").defaultGraph());
    }

    static String generate(long triples, long seed, boolean quads) throws IOException {
        StringWriter out = new StringWriter();
        new CorpusGenerator(concepts, Progress.NONE).write(triples, seed, quads, out);
        return out.toString();
    }

    @Test
    void concepts_are_the_real_ones_from_concepts_ttl() {
        assertThat(concepts).hasSizeGreaterThan(20)
            .allMatch(c -> c.iri().startsWith("https://w3id.org/alignkg/concept/"));
    }

    @Test
    void the_same_seed_gives_the_same_bytes() throws IOException {
        assertThat(generate(5_000, 42, true)).isEqualTo(generate(5_000, 42, true));
    }

    @Test
    void a_different_seed_gives_different_bytes() throws IOException {
        assertThat(generate(5_000, 42, false)).isNotEqualTo(generate(5_000, 43, false));
    }

    @ParameterizedTest
    @ValueSource(longs = { 10_000, 30_000 }) // the range of the benchmarks starts at 10^4
    void the_size_is_within_five_percent_of_the_request(long n) throws IOException {
        long lines = generate(n, 7, false).lines().count();
        assertThat(lines).isBetween(Math.round(n * 0.95), Math.round(n * 1.05));
    }
}
