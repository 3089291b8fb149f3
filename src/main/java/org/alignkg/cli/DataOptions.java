package org.alignkg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.alignkg.Progress;
import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.store.TripleStore;

import picocli.CommandLine.Option;

/** The data folder of the commands that bring the store up to date ({@code sync}, {@code serve}). */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data", description = "Data folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--no-corpus", description = "Skip the shipped corpus (Zotero CSV files under the data folder): curated data only, no embedding model needed.")
    boolean noCorpus;

    /** Loads what changed in the ontology folder (when on disk) and the data folder. */
    LoadResult sync(TripleStore store, StoreOptions options, Progress progress) {
        List<Path> dirs = new ArrayList<>();
        if (Files.isDirectory(options.ontology)) dirs.add(options.ontology);
        dirs.add(data);
        // The shipped corpus (a Zotero CSV under data/) is imported and linked against the curated
        // data being synced, as one more file of the sync.
        if (noCorpus) return options.loader(store, progress).sync(dirs);
        org.apache.jena.graph.Graph curated = org.alignkg.link.Training.readData(data);
        return options.loader(store, progress)
            .deriving(new org.alignkg.link.CorpusImport(curated, new java.io.PrintWriter(System.err, true)))
            .sync(dirs);
    }
}
