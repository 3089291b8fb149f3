package org.alignkg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.link.DocumentInput;
import org.alignkg.link.LinkService;
import org.alignkg.link.LinkService.Linked;
import org.alignkg.link.TagResult;
import org.alignkg.link.TextExtractor;
import org.alignkg.store.TripleStore;
import org.alignkg.store.PassageIndex;
import org.alignkg.link.SimilarService;
import org.alignkg.embed.SentenceEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Tags one document, prints the concepts and limitations it bears on, and stores it. */
@Command(name = "link", mixinStandardHelpOptions = true,
    description = { "Tag a document (plain text, Markdown, HTML or PDF) with the concept scheme, print the concepts",
        "and the limitations it bears on with the passages that show it, and store it (unless --dry-run) in its",
        "own named graph with its text, the mention annotations and the suggested links, in one transaction." })
final class LinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions options;

    @Parameters(paramLabel = "FILE", description = "The document: .txt, .md, .html/.htm or .pdf.")
    Path file;

    @Option(names = "--title", required = true, description = "Title of the document.")
    String title;

    @Option(names = "--url", required = true, description = "Absolute http(s) URL of the document.")
    String url;

    @Option(names = "--author", paramLabel = "NAME", description = "An author (repeat for several).")
    List<String> authors = List.of();

    @Option(names = "--date", paramLabel = "DATE", description = "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
    String date;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, markdown, html or pdf (default: from the extension).")
    String format;

    @Option(names = "--dry-run", description = "Print the suggestions but store nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON (families, concepts, limitations, each with its methods' scores and evidence passages).")
    boolean json;

    @Override
    public Integer call() {
        String shown = file.toString();
        byte[] bytes = TextExtractor.readFile(file, shown);
        TextExtractor.Format f = formatOf(shown);
        String text = TextExtractor.extract(bytes, f, shown);
        DocumentInput doc = new DocumentInput(title, url, authors, date, text, null, f.mediaType(), SourceLocation.of(shown));
        try (TripleStore store = options.open()) {
            LinkService service = new LinkService(store, ShippedFiles.shapes(options.ontology));
            Linked linked = dryRun ? service.preview(doc) : service.addDocument(doc);
            if (!dryRun)
                try (PassageIndex index = PassageIndex.open(PassageIndex.dirOf(store.cacheDir()))) {
                    new SimilarService(store, index, SentenceEncoder.shared()).refresh(org.alignkg.Progress.NONE);
                }
            if (json) spec.commandLine().getOut().println(toJson(linked, dryRun));
            else print(spec.commandLine().getOut(), linked, dryRun);
        }
        return 0;
    }

    private TextExtractor.Format formatOf(String shown) {
        if (format == null) return TextExtractor.Format.ofFileName(shown);
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "text", "txt", "plain" -> TextExtractor.Format.TEXT;
            case "markdown", "md" -> TextExtractor.Format.MARKDOWN;
            case "html", "htm" -> TextExtractor.Format.HTML;
            case "pdf" -> TextExtractor.Format.PDF;
            default -> throw new InvalidInputException(SourceLocation.of("--format"),
                "unknown format '" + format + "'; known: text, markdown, html, pdf");
        };
    }

    /** The result for programs: the same content as the text output, with offsets (UTF-16 and code points). */
    static String toJson(Linked l, boolean dryRun) {
        TagResult r = l.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("document", l.documentIri());
        m.put("stored", !dryRun);
        m.put("linker", org.alignkg.link.Linker.VERSION);
        m.put("mentions", r.mentions().size());
        m.put("families", r.families().stream().map(f -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("iri", f.family());
            x.put("label", f.prefLabel());
            x.put("score", f.score());
            x.put("methods", f.methods());
            return x;
        }).toList());
        m.put("concepts", r.concepts().stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("iri", c.concept());
            x.put("label", c.prefLabel());
            x.put("family", c.family());
            x.put("score", c.score());
            x.put("mentions", c.mentions());
            x.put("methods", c.methods());
            x.put("evidence", c.evidence().stream().map(p -> passage(r, p)).toList());
            return x;
        }).toList());
        m.put("limitations", r.limitations().stream().map(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("iri", s.limitation());
            x.put("number", s.number());
            x.put("label", s.label());
            x.put("score", s.score());
            x.put("methods", s.methods());
            x.put("sharedConcepts", s.sharedConcepts());
            x.put("evidence", s.passages().stream().map(p -> passage(r, p)).toList());
            return x;
        }).toList());
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> passage(TagResult r, TagResult.Passage p) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("text", p.text());
        x.put("start", r.codePointOffset(p.start()));
        x.put("end", r.codePointOffset(p.end()));
        return x;
    }

    static void print(PrintWriter out, Linked l, boolean dryRun) {
        TagResult r = l.result();
        out.printf("document <%s>%s%n", l.documentIri(), dryRun ? " (dry run: not stored)" : "");
        out.printf("  %d mention(s) of %d concept(s) in %,d characters%n", r.mentions().size(), r.concepts().size(), r.text().length());
        if (!r.families().isEmpty()) {
            out.println("families:");
            for (TagResult.FamilyScore f : r.families())
                out.printf(Locale.ROOT, "  %.3f  %s  %s  <%s>%n", f.score(), f.prefLabel(), f.methods(), f.family());
        }
        out.println("concepts:");
        if (r.concepts().isEmpty()) out.println("  (none found)");
        for (TagResult.ConceptScore c : r.concepts()) {
            out.printf(Locale.ROOT, "  %.3f  %s (%d mention%s; %s)  <%s>%n", c.score(), c.prefLabel(), c.mentions(),
                c.mentions() == 1 ? "" : "s", c.methods(), c.concept());
            if (!c.evidence().isEmpty()) out.printf("         \"%s\"%n", c.evidence().get(0).text());
        }
        out.println("limitations:");
        if (r.limitations().isEmpty()) out.println("  (none above the threshold)");
        for (TagResult.LimitationSuggestion s : r.limitations()) {
            out.printf(Locale.ROOT, "  %.3f  L%d %s  <%s>%n", s.score(), s.number(), s.label(), s.limitation());
            out.printf("         via %s%n", String.join(", ", s.sharedConcepts().stream()
                .map(c -> c.substring(c.lastIndexOf('/') + 1)).toList()));
            for (TagResult.Passage p : s.passages()) out.printf("         \"%s\"%n", p.text());
        }
    }
}
