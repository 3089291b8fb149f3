package org.alignkg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

import org.alignkg.StoreUnavailableException;
import org.alignkg.store.TripleStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the whole store as gzip N-Quads from one read transaction. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = { "Write the whole store (every graph, bookkeeping included) as gzip-compressed N-Quads,",
        "from one read transaction. While 'alignkg serve' holds the store, give --server (its POST /admin/backup, token in ALIGNKG_TOKEN).",
        "The output file appears only when complete." })
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Mixin
    ServerOptions server;

    @Option(names = { "-o", "--output" }, required = true, paramLabel = "FILE", description = "Backup file to write (FILE.nq.gz).")
    Path output;

    @Override
    public Integer call() throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        long quads;
        if (server.given()) {
            ServerClient client = server.client(Duration.ofMinutes(30));
            Path tmp = Files.createTempFile(dir, ".backup", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    client.backup(out);
                }
                quads = countQuads(tmp, client.url());
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
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
        }
        spec.commandLine().getOut().printf("backed up %,d quads to %s (%,d bytes)%n", quads, output, Files.size(output));
        return 0;
    }

    /**
     * The quads (lines) of a backup the server sent; reading it to the end also proves it complete:
     * a server that failed half-way cut the connection before the gzip trailer.
     */
    private static long countQuads(Path gz, String server) {
        long n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; )
                for (int i = 0; i < r; i++) if (buf[i] == '\n') n++;
        } catch (IOException e) {
            throw new StoreUnavailableException("the backup from alignkg at " + server + " is incomplete (" + e.getMessage() + "); nothing was written", e);
        }
        return n;
    }
}
