package org.alignkg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.alignkg.Progress;
import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.store.KgStore;
import org.alignkg.store.TripleStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Parses files and checks them against the shapes, without touching the store. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = { "Parse RDF files and check them, together with the ontology, against the SHACL shapes.",
        "Nothing is written: the check runs on a scratch in-memory store." })
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files or folders to check.")
    List<Path> paths;

    @Override
    public Integer call() {
        List<Path> all = new ArrayList<>();
        if (Files.isDirectory(options.ontology)) all.add(options.ontology);
        all.addAll(paths);
        try (TripleStore scratch = KgStore.inMemory()) {
            LoadResult r = options.loader(scratch, Progress.NONE).load(all, null);
            spec.commandLine().getOut().printf("valid: %d file(s), %,d triples conform to the shapes%n",
                r.loaded().size(), r.triples());
        }
        return 0;
    }
}
