package org.alignkg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.alignkg.ingest.Loader;
import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.query.StoreStats;
import org.alignkg.store.KgStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Loads data/ and ontology/ when the store is empty or out of date, then prints a summary. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Load data/ and ontology/ into the store when it is empty or out of date, and print a summary.")
final class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data", description = "Data folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KgStore store = options.open()) {
            LoadResult r = sync(store, options, data, new ConsoleProgress(spec.commandLine().getErr()));
            if (r.loaded().isEmpty() && r.removed().isEmpty()) out.println("store is up to date");
            else out.printf("loaded %d file(s), %,d triples%s%n", r.loaded().size(), r.triples(),
                r.removed().isEmpty() ? "" : "; removed " + String.join(", ", r.removed()));
            StatsCommand.print(out, store, StoreStats.of(store));
        }
        return 0;
    }

    /** The folders a sync covers: the ontology folder (when on disk) and the data folder. */
    static LoadResult sync(KgStore store, StoreOptions options, Path data, org.alignkg.Progress progress) {
        List<Path> dirs = new ArrayList<>();
        if (Files.isDirectory(options.ontology)) dirs.add(options.ontology);
        dirs.add(data);
        Loader loader = options.loader(store, progress);
        return loader.sync(dirs);
    }
}
