package org.alignkg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.alignkg.store.TripleStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Replaces the store's content with a backup, in one transaction. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = { "Replace everything in the store with a backup written by 'backup' or POST /admin/backup.",
        "The file is read and checked first; a corrupt or truncated file is refused and the store is unchanged.",
        "Then one write transaction replaces all graphs. Stop 'alignkg serve' first (it locks the store)." })
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Parameters(paramLabel = "FILE", description = "Backup file (gzip N-Quads, FILE.nq.gz).")
    Path file;

    @Override
    public Integer call() {
        long quads;
        String hash;
        try (TripleStore store = options.open()) {
            quads = store.restore(file);
            hash = store.contentHash();
        }
        spec.commandLine().getOut().printf("restored %,d quads from %s (content sha256 %s)%n", quads, file, hash);
        return 0;
    }
}
