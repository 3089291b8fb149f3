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

    @Mixin
    ServerOptions server;

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
        if (server.given() && !dryRun)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--server needs --dry-run: to store a document through a running alignkg, POST it to /api/documents");
        String shown = file.toString();
        byte[] bytes = TextExtractor.readFile(file, shown);
        TextExtractor.Format f = formatOf(shown);
        String text = TextExtractor.extract(bytes, f, shown);
        Map<String, Object> result;
        if (server.given()) {
            // The text is extracted here (PDF, HTML, Markdown) and sent as plain text, so the
            // server links exactly what a local dry run would.
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("url", url);
            body.put("authors", authors);
            if (date != null) body.put("date", date);
            body.put("text", text);
            result = server.client(java.time.Duration.ofSeconds(120)).previewLink(body);
        } else {
            DocumentInput doc = new DocumentInput(title, url, authors, date, text, null, f.mediaType(), SourceLocation.of(shown));
            try (TripleStore store = options.open()) {
                LinkService service = new LinkService(store, ShippedFiles.shapes(options.ontology));
                Linked linked = dryRun ? service.preview(doc) : service.addDocument(doc);
                if (!dryRun)
                    try (PassageIndex index = PassageIndex.open(PassageIndex.dirOf(store.cacheDir()))) {
                        new SimilarService(store, index, SentenceEncoder.shared()).refresh(org.alignkg.Progress.NONE);
                    }
                result = linked.describe(!dryRun);
            }
        }
        if (json) spec.commandLine().getOut().println(toJson(result));
        else print(spec.commandLine().getOut(), result);
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

    /** The result for programs ({@link LinkService.Linked#describe}), offsets in code points. */
    static String toJson(Map<String, Object> result) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text output, from the same data as the JSON (so a local and a --server dry run print alike). */
    @SuppressWarnings("unchecked")
    static void print(PrintWriter out, Map<String, Object> r) {
        boolean stored = Boolean.TRUE.equals(r.get("stored"));
        List<Map<String, Object>> families = (List<Map<String, Object>>) r.get("families");
        List<Map<String, Object>> concepts = (List<Map<String, Object>>) r.get("concepts");
        List<Map<String, Object>> limitations = (List<Map<String, Object>>) r.get("limitations");
        out.printf("document <%s>%s%n", r.get("document"), stored ? "" : " (dry run: not stored)");
        out.printf("  %d mention(s) of %d concept(s) in %,d characters%n", num(r.get("mentions")).intValue(), concepts.size(),
            num(r.get("characters")).intValue());
        if (!families.isEmpty()) {
            out.println("families:");
            for (Map<String, Object> f : families)
                out.printf(Locale.ROOT, "  %.3f  %s  %s  <%s>%n", num(f.get("score")).doubleValue(), f.get("label"), f.get("methods"), f.get("iri"));
        }
        out.println("concepts:");
        if (concepts.isEmpty()) out.println("  (none found)");
        for (Map<String, Object> c : concepts) {
            int mentions = num(c.get("mentions")).intValue();
            out.printf(Locale.ROOT, "  %.3f  %s (%d mention%s; %s)  <%s>%n", num(c.get("score")).doubleValue(), c.get("label"), mentions,
                mentions == 1 ? "" : "s", c.get("methods"), c.get("iri"));
            List<Map<String, Object>> evidence = (List<Map<String, Object>>) c.get("evidence");
            if (!evidence.isEmpty()) out.printf("         \"%s\"%n", evidence.get(0).get("text"));
        }
        out.println("limitations:");
        if (limitations.isEmpty()) out.println("  (none above the threshold)");
        for (Map<String, Object> l : limitations) {
            out.printf(Locale.ROOT, "  %.3f  L%d %s  <%s>%n", num(l.get("score")).doubleValue(), num(l.get("number")).intValue(), l.get("label"), l.get("iri"));
            out.printf("         via %s%n", String.join(", ", ((List<String>) l.get("sharedConcepts")).stream()
                .map(c -> c.substring(c.lastIndexOf('/') + 1)).toList()));
            for (Map<String, Object> p : (List<Map<String, Object>>) l.get("evidence")) out.printf("         \"%s\"%n", p.get("text"));
        }
    }

    private static Number num(Object o) {
        return (Number) o;
    }
}
