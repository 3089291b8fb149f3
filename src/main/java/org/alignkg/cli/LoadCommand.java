package org.alignkg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.alignkg.ingest.Loader.LoadResult;
import org.alignkg.store.TripleStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Loads RDF files into the store, all of them or none. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = { "Load RDF files and folders into the store in one transaction: all land or none does.",
        "Each file becomes (or replaces) its own named graph. Folders are walked recursively;",
        "files without an RDF extension (.ttl .trig .nt .nq .rdf .owl .jsonld .xml .trix ...) are skipped." })
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "RDF format of every listed file (turtle, trig, ntriples, nquads, rdfxml, jsonld, trix); default: from the extension.")
    String format;

    @Option(names = "--bulk",
        description = "Stream one large N-Triples/N-Quads file straight into the store (same validation, same all-or-nothing);"
            + " automatic for such files of 100 MiB or more.")
    boolean bulk;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files or folders to load.")
    List<Path> paths;

    @Override
    public Integer call() {
        try (TripleStore store = options.open()) {
            LoadResult r = options.loader(store, new ConsoleProgress(spec.commandLine().getErr())).load(paths, format, bulk);
            var out = spec.commandLine().getOut();
            out.printf("loaded %d file(s), %,d triples%n", r.loaded().size(), r.triples());
            for (String f : r.loaded()) out.println("  " + f);
            if (!r.skipped().isEmpty()) out.printf("skipped %d file(s) without an RDF extension%n", r.skipped().size());
        }
        return 0;
    }
}
