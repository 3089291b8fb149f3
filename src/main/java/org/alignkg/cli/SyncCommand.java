package org.alignkg.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.query.StoreStats;
import org.alignkg.store.TripleStore;
import org.alignkg.store.PassageIndex;
import org.alignkg.link.SimilarService;
import org.alignkg.embed.SentenceEncoder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Loads data/ and ontology/ when the store is empty or out of date, then prints a summary. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Load data/ and ontology/ into the store when it is empty or out of date, and print a summary.")
final class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (TripleStore store = options.open();
             PassageIndex index = PassageIndex.open(PassageIndex.dirOf(store.cacheDir()))) {
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
            LoadResult r = dataOptions.sync(store, options, progress);
            if (r.loaded().isEmpty() && r.removed().isEmpty()) out.println("store is up to date");
            else out.printf("loaded %d file(s), %,d triples%s%n", r.loaded().size(), r.triples(),
                r.removed().isEmpty() ? "" : "; removed " + String.join(", ", r.removed()));
            var refreshed = dataOptions.noCorpus ? new SimilarService.Refresh(0, 0, 0)
                : new SimilarService(store, index, SentenceEncoder.shared()).refresh(progress);
            if (refreshed.graphsIndexed() > 0 || refreshed.graphsRemoved() > 0)
                out.printf("vector index: %,d passages of %d graph(s) embedded, %d graph(s) dropped%n",
                    refreshed.passages(), refreshed.graphsIndexed(), refreshed.graphsRemoved());
            StatsCommand.print(out, store, StoreStats.of(store));
        }
        return 0;
    }
}
