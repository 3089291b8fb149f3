package org.alignkg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.alignkg.InvalidInputException;
import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.link.DocumentReader;
import org.alignkg.link.LinkService;
import org.alignkg.link.LinkService.Linked;
import org.alignkg.store.TripleStore;
import org.alignkg.store.PassageIndex;
import org.alignkg.link.SimilarService;
import org.alignkg.embed.SentenceEncoder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Imports many documents from JSON Lines or BibTeX, tagging each, in one transaction. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = { "Import documents from JSON Lines (one object per line: title, authors, date, url, text or abstract)",
        "or BibTeX (.bib, as Zotero exports it), tag each and store them all in one transaction.",
        "A bad record is reported with its line (and record number) and skipped; with --strict the import is refused." })
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Parameters(paramLabel = "FILE", description = "A .jsonl (or .ndjson) or .bib file.")
    Path file;

    @Option(names = "--strict", description = "Refuse the whole import (store nothing) if any record is bad.")
    boolean strict;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "jsonl, bibtex or zotero-csv (default: a Zotero CSV header is detected, else by extension).")
    String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DocumentReader.Batch batch = DocumentReader.read(file, file.toString(),
            format == null ? null : DocumentReader.Format.of(format));
        if (strict && !batch.errors().isEmpty()) {
            for (InvalidInputException e : batch.errors()) err.println("alignkg: " + e.getMessage());
            InvalidInputException first = batch.errors().get(0);
            throw new InvalidInputException(first.location(), first.detail() + " (--strict: nothing imported; "
                + batch.errors().size() + " bad record" + (batch.errors().size() == 1 ? "" : "s") + ")");
        }
        for (InvalidInputException e : batch.errors()) err.println("alignkg: " + e.getMessage() + " (skipped)");
        if (batch.documents().isEmpty())
            throw new InvalidInputException(SourceLocation.of(file.toString()), "no valid records; nothing imported");
        long t0 = System.nanoTime();
        List<Linked> linked;
        try (TripleStore store = options.open();
             PassageIndex index = PassageIndex.open(PassageIndex.dirOf(store.cacheDir()))) {
            LinkService service = new LinkService(store, ShippedFiles.shapes(options.ontology));
            linked = service.addDocuments(batch.documents(), new DocumentProgress(err, batch.documents().size()));
            new SimilarService(store, index, SentenceEncoder.shared()).refresh(new ConsoleProgress(err));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long mentions = linked.stream().mapToLong(l -> l.result().mentions().size()).sum();
        long suggestions = linked.stream().mapToLong(l -> l.result().limitations().size()).sum();
        out.printf("imported %,d document(s) in %.1f s (%,.0f documents/s); skipped %d bad record(s); merged %d duplicate(s)%n",
            linked.size(), secs, linked.size() / Math.max(secs, 1e-9), batch.errors().size(), batch.duplicatesMerged());
        out.printf("  %,d concept mention(s), %,d limitation suggestion(s)%n", mentions, suggestions);
        return 0;
    }

    /** "tagging: 1,500/10,000 documents" on standard error, at most twice a second. */
    static final class DocumentProgress implements Progress {
        private final PrintWriter err;
        private final long total;
        private String task = "";
        private long last;
        private boolean shown;

        DocumentProgress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        @Override public void begin(String task) {
            this.task = task;
            this.shown = false;
            this.last = System.nanoTime();
        }

        @Override public void advance(long done) {
            long now = System.nanoTime();
            if (now - last < 500_000_000L && done != total) return;
            last = now;
            shown = true;
            err.printf("\r%s: %,d/%,d documents   ", task, done, total);
            err.flush();
        }

        @Override public void end() {
            if (shown) err.println();
            err.flush();
        }
    }
}
