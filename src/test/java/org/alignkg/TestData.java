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
    /**
     * The shipped store with the real corpus, as a fresh {@code sync} builds it (40-70 s and the embedding model the
     * first time): built once per build and shared by the tests that need the corpus ({@code link/ShippedCorpusIT},
     * {@code server/ViewsPaintBenchmarkBrowserIT}); a later sync finds it current and changes nothing.
     */
    public static final Path SHIPPED_STORE = ROOT.resolve("target/shipped-store");
    private static boolean shippedStoreSynced;

    private TestData() { }

    public static Loader loader(org.alignkg.store.TripleStore store) {
        return new Loader(store, ShippedFiles.shapes(ONTOLOGY), Progress.NONE, ROOT);
    }

    /**
     * Brings {@link #SHIPPED_STORE} up to date with {@code alignkg sync} (a no-op when it is), once per JVM, and
     * returns its folder. The store is closed again: open it with {@code KgStore.open}.
     */
    public static synchronized Path shippedStore() {
        if (!shippedStoreSynced) {
            org.alignkg.cli.CliRun sync = org.alignkg.cli.CliRun.of("sync", "--store", SHIPPED_STORE.toString());
            if (sync.exit() != 0) throw new IllegalStateException("sync of " + SHIPPED_STORE + " failed (exit " + sync.exit() + "): " + sync.err());
            shippedStoreSynced = true;
        }
        return SHIPPED_STORE;
    }

    /** Loads ontology/ and data/ as {@code sync} does. */
    public static void loadShipped(org.alignkg.store.TripleStore store) {
        loader(store).sync(List.of(ONTOLOGY, DATA));
    }
}
