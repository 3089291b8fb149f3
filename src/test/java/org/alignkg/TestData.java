package org.alignkg;

import java.nio.file.Path;
import java.util.List;

import org.alignkg.ingest.Loader;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.store.KgStore;

/** Paths of the shipped files and a one-call load of them, for tests. Tests run from the project root. */
public final class TestData {
    public static final Path ROOT = Path.of("").toAbsolutePath();
    public static final Path DATA = ROOT.resolve("data");
    public static final Path ONTOLOGY = ROOT.resolve("ontology");
    public static final Path QUERIES = ROOT.resolve("queries");
    public static final Path SOURCE_TEXT = DATA.resolve("source/openai-2022-limitations.txt");
    public static final Path FIXTURES = ROOT.resolve("src/test/resources/fixtures");

    private TestData() { }

    public static Loader loader(org.alignkg.store.TripleStore store) {
        return new Loader(store, ShippedFiles.shapes(ONTOLOGY), Progress.NONE, ROOT);
    }

    /** Loads ontology/ and data/ as {@code sync} does. */
    public static void loadShipped(org.alignkg.store.TripleStore store) {
        loader(store).sync(List.of(ONTOLOGY, DATA));
    }
}
