package org.alignkg.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.alignkg.Progress;
import org.alignkg.TestData;
import org.alignkg.ingest.Loader;
import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.store.KgStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorIT {
    @TempDir
    Path tmp;

    @Test
    void generated_corpus_parses_and_conforms_to_the_shapes_on_top_of_the_shipped_data() throws IOException {
        Path file = tmp.resolve("synth.nt");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new CorpusGenerator(CorpusGeneratorTest.concepts == null ? concepts() : CorpusGeneratorTest.concepts,
                Progress.NONE).write(5_000, 3, false, w);
        }
        try (KgStore store = KgStore.open(tmp.resolve("tdb"))) {
            TestData.loadShipped(store);
            Loader loader = TestData.loader(store);
            // The normal path validates the whole union with SHACL: no shortcut involved.
            LoadResult r = loader.load(List.of(file), null);
            assertThat(r.triples()).isBetween(4_750L, 5_250L);
        }
    }

    private static List<SynthConcept> concepts() {
        CorpusGeneratorTest.readConcepts();
        return CorpusGeneratorTest.concepts;
    }
}
