package org.alignkg.server;

import java.util.List;

import org.alignkg.query.Evidence;
import org.alignkg.query.QueryRunner;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /timeline[?limitation=N&year=Y&relation=R&kind=curated|suggested]}: the evidence timeline of every
 * limitation, rendered on the server (SVG and a table), and the documents of one mark when one is chosen.
 */
final class EvidenceRoutes {
    private final QueryRunner runner;
    private final org.alignkg.query.NamedQueries queries;
    private final ViewCache cached;

    EvidenceRoutes(QueryRunner runner, org.alignkg.query.NamedQueries queries, ViewCache cached) {
        this.runner = runner;
        this.queries = queries;
        this.cached = cached;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    void register(RoutesConfig routes) {
        routes.get("/timeline", this::timeline);
        routes.get("/compare", ctx -> compare(ctx, false));
        routes.get("/compare.csv", ctx -> compare(ctx, true));
    }

    /** {@code /compare[?plan=IRI...&facet=IRI&q=words&rows=facet|concept]}, and the same matrix as CSV. */
    private void compare(Context ctx, boolean csv) {
        String rows = ctx.queryParam("rows");
        if (rows != null && !rows.isBlank() && !rows.equals("facet") && !rows.equals("concept"))
            throw new HttpProblem(400, "rows must be 'facet' or 'concept', not '" + rows + "'");
        String facet = ctx.queryParam("facet");
        ComparePage.Filter f = new ComparePage.Filter(ComparePage.set(ctx.queryParams("plan")), facet == null || facet.isBlank() ? null : facet.strip(),
            ctx.queryParam("q"), "concept".equals(rows));
        if (csv && queries.get(org.alignkg.query.PlanMatrix.QUERY_ID).isEmpty())
            throw new HttpProblem(404, "no plan-concept-matrix query in this build (issue 12)");
        // once per store generation and filter (the matrix query joins every plan's statements and their concepts)
        byte[] body = cached.get(ctx, (csv ? "compare.csv " : "compare ") + f, () -> {
            var entries = org.alignkg.query.PlanMatrix.entries(queries, runner);
            if (csv) return utf8(ComparePage.csv(entries.get(), org.alignkg.query.PlanMatrix.facets(runner), f));
            return utf8(entries.isEmpty() ? ComparePage.awaiting()
                : ComparePage.render(entries.get(), org.alignkg.query.PlanMatrix.facets(runner), org.alignkg.query.PlanMatrix.crossLinks(runner), f));
        });
        ctx.header("Cache-Control", "no-cache");
        if (csv) {
            ctx.header("Content-Disposition", "attachment; filename=\"alignkg-plan-comparison.csv\"");
            ctx.contentType("text/csv; charset=utf-8").result(body);
            ServerTiming.finish(ctx);
            return;
        }
        ctx.header("Content-Security-Policy", PageLayout.UI_CSP);
        ctx.contentType("text/html; charset=utf-8").result(body);
        ServerTiming.finish(ctx);
    }

    private void timeline(Context ctx) {
        String n = ctx.queryParam("limitation");
        String year = ctx.queryParam("year");
        String relation = ctx.queryParam("relation");
        String kind = ctx.queryParam("kind");
        boolean choice = n != null || year != null || relation != null || kind != null;
        // every parameter checked before anything is computed or cached
        int number = n == null ? -1 : GraphApiRoutes.integer(ctx, "limitation", -1, 1, 100_000);
        if (year != null && !year.matches("\\d{4}")) throw new HttpProblem(400, "year must be four digits, not '" + year + "'");
        if (relation != null && !Timeline.RELATIONS.contains(relation))
            throw new HttpProblem(400, "relation must be one of " + String.join(", ", Timeline.RELATIONS) + ", not '" + relation + "'");
        if (kind != null && !kind.equals("curated") && !kind.equals("suggested"))
            throw new HttpProblem(400, "kind must be 'curated' or 'suggested', not '" + kind + "'");
        // once per store generation and choice of mark
        byte[] body = cached.get(ctx, "timeline " + (choice ? number + " " + year + " " + relation + " " + kind : ""), () -> {
            List<Evidence.Link> links = Evidence.links(runner, null, null);
            Timeline t = Timeline.of(links);
            List<Evidence.Link> selected = null;
            String selection = null;
            if (choice) {
                selected = links.stream().filter(l -> (number < 0 || l.number() == number) && (year == null || l.year().map(year::equals).orElse(false))
                    && (relation == null || Timeline.relationOf(l).equals(relation))
                    && (kind == null || l.curated() == kind.equals("curated"))).toList();
                selection = selected.size() + (selected.size() == 1 ? " document link" : " document links")
                    + (kind == null ? "" : " (" + kind + ")") + (relation == null ? "" : " · " + Timeline.wordOf(relation))
                    + (number < 0 ? "" : " · limitation " + number) + (year == null ? "" : " · " + year);
            }
            return utf8(EvidencePages.timelinePage(t, selected, selection));
        });
        ctx.header("Content-Security-Policy", PageLayout.UI_CSP);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(body);
        ServerTiming.finish(ctx);
    }
}
