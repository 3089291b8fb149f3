package org.alignkg.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.alignkg.SourceLocation;
import org.alignkg.link.DocumentInput;
import org.alignkg.link.LinkService;
import org.alignkg.link.LinkService.CuratedLink;
import org.alignkg.link.LinkService.SearchHit;
import org.alignkg.link.LinkService.Suggestion;
import org.alignkg.link.TextExtractor;
import org.alignkg.ontology.AKG;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Documents and search (issue 4), over {@link LinkService}:
 * <ul>
 * <li>{@code POST /api/documents} (token): tag and store a document; 201 with its suggestions</li>
 * <li>{@code GET /api/documents/{id}/suggestions}: the tagger's suggestions, best first</li>
 * <li>{@code POST /api/documents/{id}/suggestions/{n}/accept} (token), or
 *     {@code POST /api/documents/{id}/suggestions/accept} with {@code "suggestion"} in the body:
 *     record a curated link, with who and when</li>
 * <li>{@code GET /api/search?q=...&limit=}: ranked full-text hits</li>
 * </ul>
 * Handlers parse the request and shape the JSON; the service does the work in one transaction,
 * and bad input is refused before it starts, so a refusal writes nothing.
 */
final class DocumentRoutes {
    static final String DOCUMENT_BASE = AKG.BASE + "document/";
    private static final Set<String> DOCUMENT_FIELDS = Set.of("title", "url", "authors", "date", "text", "abstract", "format");
    private static final Set<String> ACCEPT_FIELDS = Set.of("suggestion", "relation", "rationale", "curator");
    /** Relation a suggestion is accepted with when the body names none: what the tagger claimed. */
    static final String DEFAULT_RELATION = "discusses";
    static final int DEFAULT_LIMIT = 10;

    private final LinkService links;
    private final Auth auth;
    private final ServerConfig config;

    DocumentRoutes(LinkService links, Auth auth, ServerConfig config) {
        this.links = links;
        this.auth = auth;
        this.config = config;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/documents", this::add);
        routes.post("/api/link", this::preview);
        routes.get("/api/documents/{id}/suggestions", this::suggestions);
        routes.post("/api/documents/{id}/suggestions/accept", ctx -> accept(ctx, null));
        routes.post("/api/documents/{id}/suggestions/{n}/accept", ctx -> accept(ctx, ctx.pathParam("n")));
        routes.get("/api/search", this::search);
    }

    private DocumentInput documentOf(Context ctx) {
        JsonBody body = JsonBody.read(ctx, config.maxBodyBytes(), DOCUMENT_FIELDS, false);
        TextExtractor.Format format = format(body.string("format"));
        return new DocumentInput(body.string("title"), body.string("url"), body.stringList("authors"),
            body.string("date"), extract(body.string("text"), format), body.string("abstract"), format.mediaType(),
            SourceLocation.of("request body"));
    }

    /**
     * What linking the document would give, stored nowhere (the dry run of {@code alignkg link},
     * which {@code link --dry-run --server URL} asks for): no token, since nothing is written.
     */
    private void preview(Context ctx) {
        ctx.json(links.preview(documentOf(ctx)).describe(false));
    }

    private void add(Context ctx) {
        auth.requireToken(ctx);
        DocumentInput input = documentOf(ctx);
        LinkService.Linked linked = links.addDocument(input);
        String id = linked.ids().slug();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("document", linked.documentIri());
        out.put("graph", linked.ids().graph());
        out.put("title", input.title());
        out.put("mentions", linked.result().mentions().size());
        out.put("suggestions", suggestionsJson(links.listSuggestions(linked.documentIri())));
        ctx.status(201).header("Location", "/id/document/" + id).json(out);
    }

    private void suggestions(Context ctx) {
        String doc = documentIri(ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("document", doc);
        out.put("suggestions", suggestionsJson(links.listSuggestions(doc)));
        ctx.json(out);
    }

    private void accept(Context ctx, String n) {
        auth.requireToken(ctx);
        String doc = documentIri(ctx.pathParam("id"));
        JsonBody body = JsonBody.read(ctx, config.maxBodyBytes(), ACCEPT_FIELDS, true);
        Suggestion s = pick(doc, n, body.string("suggestion"));
        String curator = body.has("curator") ? body.string("curator") : config.curator();
        if (curator == null || curator.isBlank())
            throw new HttpProblem(400, "field 'curator' is required: name who accepts the suggestion"
                + " (this server has no --curator configured for its token)");
        String relation = body.has("relation") ? body.string("relation") : DEFAULT_RELATION;
        CuratedLink link = links.acceptSuggestion(s.iri(), LinkService.agentIriOf(curator), curator, relation,
            body.string("rationale"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("link", link.iri());
        out.put("document", link.document());
        out.put("relation", link.relation());
        out.put("cited", link.cited());
        out.put("curator", link.agent());
        out.put("curatorName", curator.strip());
        out.put("generatedAt", link.generatedAt());
        out.put("rationale", link.rationale());
        out.put("suggestion", link.suggestion());
        ctx.status(201).header("Location", "/resource?iri=" + java.net.URLEncoder.encode(link.iri(), java.nio.charset.StandardCharsets.UTF_8))
            .json(out);
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank())
            throw new HttpProblem(400, "parameter 'q' is required: the words to search for, e.g. /api/search?q=InstructGPT");
        int limit = limit(ctx.queryParam("limit"));
        List<SearchHit> hits = links.search(q, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", q);
        out.put("limit", limit);
        out.put("hits", hits.stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", h.type());
            m.put("label", h.label());
            m.put("iri", h.iri());
            m.put("snippet", h.snippet());
            m.put("score", h.score());
            return m;
        }).toList());
        ctx.json(out);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 1000) return n;
        } catch (NumberFormatException e) {
            // falls through to the message below, which quotes the value
        }
        throw new HttpProblem(400, "parameter 'limit' must be an integer from 1 to 1000, got '" + value + "'");
    }

    private static TextExtractor.Format format(String value) {
        if (value == null) return TextExtractor.Format.TEXT;
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text", "text/plain", "plain" -> TextExtractor.Format.TEXT;
            case "markdown", "md", "text/markdown" -> TextExtractor.Format.MARKDOWN;
            case "html", "text/html" -> TextExtractor.Format.HTML;
            default -> throw new HttpProblem(400, "field 'format' must be text, markdown or html, got '" + value + "'"
                + " (for PDF use 'alignkg link FILE.pdf')");
        };
    }

    private static String extract(String text, TextExtractor.Format format) {
        if (text == null || text.isBlank()) return text;
        return switch (format) {
            case MARKDOWN -> TextExtractor.markdown(text).strip();
            case HTML -> TextExtractor.html(text).strip();
            default -> text;
        };
    }

    /** The document IRI of a path id, 404 when the store has no such document. */
    private String documentIri(String id) {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,200}")) throw noDocument(id);
        String iri = DOCUMENT_BASE + id;
        if (!links.hasDocument(iri)) throw noDocument(id);
        return iri;
    }

    private static HttpProblem noDocument(String id) {
        return new HttpProblem(404, "no document '" + id + "' (ids are the last part of the document IRI, as POST /api/documents returns them)");
    }

    /** The suggestion the request names: by position {@code n} (1 = best) or by IRI in the body. */
    private Suggestion pick(String doc, String n, String iri) {
        List<Suggestion> all = links.listSuggestions(doc);
        if (n != null) {
            if (iri != null) throw new HttpProblem(400, "field 'suggestion' is not allowed when the path names suggestion " + n);
            int i;
            try {
                i = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new HttpProblem(404, "no suggestion '" + n + "': use its number (1 = best) from GET .../suggestions");
            }
            if (i < 1 || i > all.size())
                throw new HttpProblem(404, "no suggestion " + n + " for this document: it has " + all.size()
                    + " suggestion" + (all.size() == 1 ? "" : "s"));
            return all.get(i - 1);
        }
        if (iri == null || iri.isBlank())
            throw new HttpProblem(400, "field 'suggestion' is required: the IRI of one of the document's suggestions"
                + " (or POST to .../suggestions/{n}/accept)");
        return all.stream().filter(s -> s.iri().equals(iri)).findFirst()
            .orElseThrow(() -> new HttpProblem(404, "field 'suggestion': <" + iri + "> is not a suggestion for this document"));
    }

    private static List<Map<String, Object>> suggestionsJson(List<Suggestion> list) {
        int[] n = {0};
        return list.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", ++n[0]);
            m.put("iri", s.iri());
            m.put("kind", s.citedKind());
            m.put("cited", s.cited());
            m.put("label", s.citedLabel());
            m.put("score", s.score());
            m.put("rationale", s.rationale());
            m.put("accepted", s.accepted());
            m.put("taggerVersion", s.taggerVersion());
            m.put("generatedAt", s.generatedAt());
            m.put("evidence", s.evidence().stream().map(e -> {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("start", e.start());
                em.put("end", e.end());
                em.put("exact", e.exact());
                em.put("prefix", e.prefix());
                em.put("suffix", e.suffix());
                return em;
            }).toList());
            return m;
        }).toList();
    }
}
