package org.alignkg.server;

import java.util.List;

import org.alignkg.ontology.AKG;
import org.alignkg.query.EndpointDescriptions;
import org.alignkg.query.ResourceDescription;
import org.alignkg.query.ResultFormat;
import org.alignkg.store.TripleStore;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Linked data: {@code /id/X} is {@code https://w3id.org/alignkg/X} (the ontology included),
 * {@code /resource?iri=} any IRI of the store. HTML for browsers, the concise bounded description
 * in RDF otherwise. Also the dataset's VoID description at {@code /.well-known/void}.
 */
final class LinkedDataRoutes {
    /** null value = the HTML page. */
    private static final List<Conneg.Offer<ResultFormat>> OFFERS = List.of(
        new Conneg.Offer<>("text/html", null),
        new Conneg.Offer<>("application/xhtml+xml", null),
        new Conneg.Offer<>("text/turtle", ResultFormat.TURTLE),
        new Conneg.Offer<>("application/ld+json", ResultFormat.JSONLD),
        new Conneg.Offer<>("application/n-triples", ResultFormat.NTRIPLES),
        new Conneg.Offer<>("application/rdf+xml", ResultFormat.RDFXML));
    static final String CSS;

    static {
        try (var in = LinkedDataRoutes.class.getResourceAsStream("/web/page.css")) {
            CSS = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final TripleStore store;
    private final org.alignkg.query.QueryRunner runner;

    /** Serialised VoID descriptions, per store generation: in the one result cache (--result-cache). */
    private final ResultCache descriptions;

    /** The evidence pages, once per store generation. */
    private final ViewCache cached;

    LinkedDataRoutes(TripleStore store, ResultCache descriptions, ViewCache cached) {
        this.store = store;
        this.descriptions = descriptions;
        this.cached = cached;
        this.runner = new org.alignkg.query.QueryRunner(store, 30_000);
    }

    void register(RoutesConfig routes) {
        routes.get("/id/<path>", ctx -> describe(ctx, AKG.BASE + ctx.pathParam("path")));
        routes.get("/resource", ctx -> {
            String iri = ctx.queryParam("iri");
            if (iri == null || iri.isBlank()) throw new HttpProblem(400, "give the IRI to describe: /resource?iri=...");
            describe(ctx, iri);
        });
        routes.get("/.well-known/void", this::voidDescription);
        routes.get("/assets/page.css", ctx -> {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType("text/css; charset=utf-8").result(CSS);
        });
    }

    private void describe(Context ctx, String iri) {
        ctx.header("Vary", "Accept");
        String accept = ctx.header("Accept");
        ResultFormat fmt;
        boolean html;
        String override = ctx.queryParam("format");
        if (override != null && !override.equalsIgnoreCase("html")) {
            fmt = Formats.choose(ctx, Formats.GRAPHS, true);
            html = false;
        } else if (override != null) {
            fmt = null;
            html = true;
        } else {
            fmt = chooseFormat(accept);
            html = fmt == null;
        }
        ResourceDescription d = ResourceDescription.of(store, iri)
            .orElseThrow(() -> new HttpProblem(404, "nothing is known about <" + iri + ">"));
        if (html) {
            ctx.contentType("text/html; charset=utf-8").result(page(ctx, d));
            ServerTiming.finish(ctx);
        } else {
            ctx.contentType(Formats.contentType(fmt));
            fmt.writeGraph(ctx.outputStream(), d.cbd());
        }
    }

    /**
     * The HTML page: a limitation's or a document's evidence page, else the plain resource page. The evidence pages
     * carry one script of this server (the nearest-documents section, from /api/similar), so they get the UI's CSP
     * (script-src 'self', connect-src 'self'; still no inline script or style); every other resource page has none.
     */
    private byte[] page(Context ctx, ResourceDescription d) {
        String kind = org.alignkg.query.Evidence.kind(runner, d.iri()).orElse("");
        // An evidence page is some ten queries (links, anchor, related statements, cross-plan links, suggestions,
        // mentions): rendered once per store generation. Which page it is, and the facts a document page needs
        // (a few triples of one subject), are looked up on every request. What a page is rendered from is read again
        // inside the cache's computation, after it has read the generation (see ResultCache): a write in between
        // must not leave a page of older data filed under the newer generation.
        String iri = d.iri();
        switch (kind) {
            case "limitation" -> {
                ctx.header("Content-Security-Policy", PageLayout.UI_CSP);
                return cached.get(ctx, "evidence " + iri, () -> {
                    ResourceDescription r = ResourceDescription.of(store, iri).orElse(d);
                    Integer number = r.outgoing().stream().filter(t -> t.getPredicate().getURI().equals(org.alignkg.ontology.AKG.NS + "number"))
                        .map(t -> t.getObject().getLiteralLexicalForm()).findFirst().map(Integer::valueOf).orElse(null);
                    return utf8(EvidencePages.limitationPage(r, org.alignkg.query.Evidence.anchor(runner, iri).orElse(null), number,
                        org.alignkg.query.Evidence.links(runner, iri, null), org.alignkg.query.Evidence.related(runner, iri),
                        org.alignkg.query.PlanMatrix.crossLinks(runner).stream().filter(c -> c.from().equals(iri) || c.to().equals(iri)).toList()));
                });
            }
            case "document" -> {
                var facts = org.alignkg.query.Evidence.document(runner, d.iri());
                if (facts.isEmpty()) return utf8(ResourcePage.render(d));
                ctx.header("Content-Security-Policy", PageLayout.UI_CSP);
                return cached.get(ctx, "evidence " + iri, () -> utf8(EvidencePages.documentPage(ResourceDescription.of(store, iri).orElse(d),
                    org.alignkg.query.Evidence.document(runner, iri).orElse(facts.get()), org.alignkg.query.Evidence.links(runner, null, iri),
                    org.alignkg.query.Evidence.suggestions(runner, iri), org.alignkg.query.Evidence.mentions(runner, iri))));
            }
            default -> {
                return utf8(ResourcePage.render(d));
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The chosen RDF format, or null for HTML. Conneg over offers where HTML is a null value. */
    private static ResultFormat chooseFormat(String accept) {
        // Conneg.choose cannot return a null value, so HTML is stood in for by TABLE here
        List<Conneg.Offer<ResultFormat>> offers = OFFERS.stream()
            .map(o -> new Conneg.Offer<>(o.mediaType(), o.value() == null ? ResultFormat.TABLE : o.value())).toList();
        ResultFormat f = Conneg.choose(accept, offers).orElseThrow(() -> new HttpProblem(406,
            "available: text/html, text/turtle, application/ld+json, application/n-triples, application/rdf+xml"));
        return f == ResultFormat.TABLE ? null : f;
    }

    private void voidDescription(Context ctx) {
        ResultFormat fmt = Formats.choose(ctx, Formats.GRAPHS.subList(0, 4), true);
        ctx.contentType(Formats.contentType(fmt));
        String base = ServerApp.baseUrl(ctx);
        // A full scan of the store: once per store generation, not per request.
        ctx.result(descriptions.computeIfAbsent("void " + fmt + " " + base, store, SparqlRoutes.DESCRIPTION_MAX_BYTES, () -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            fmt.writeGraph(out, EndpointDescriptions.voidDescription(store, base));
            return out.toByteArray();
        }));
    }
}
