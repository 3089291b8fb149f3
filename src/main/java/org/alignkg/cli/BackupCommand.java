package org.alignkg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.alignkg.store.TripleStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the whole store as gzip N-Quads from one read transaction. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = { "Write the whole store (every graph, bookkeeping included) as gzip-compressed N-Quads,",
        "from one read transaction. While 'alignkg serve' holds the store, use its POST /admin/backup instead.",
        "The output file appears only when complete." })
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Option(names = { "-o", "--output" }, required = true, paramLabel = "FILE", description = "Backup file to write (FILE.nq.gz).")
    Path output;

    @Override
    public Integer call() throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        long quads;
        try (TripleStore store = options.open()) {
            Path tmp = Files.createTempFile(dir, ".backup", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                quads = store.backup(out);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            // Moved into place only when complete: a failed backup never leaves half a file.
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        spec.commandLine().getOut().printf("backed up %,d quads to %s (%,d bytes)%n", quads, output, Files.size(output));
        return 0;
    }
}
