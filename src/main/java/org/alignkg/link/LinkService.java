package org.alignkg.link;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.alignkg.InvalidInputException;
import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.alignkg.ontology.AKG;
import org.alignkg.embed.SentenceEncoder;
import org.alignkg.store.Change;
import org.alignkg.store.FullTextIndex;
import org.alignkg.store.TripleStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;

/**
 * The linking service: tag a document and store it with its suggestions, list a document's
 * suggestions, accept one as a curated link, and search the full-text index. Independent of the
 * CLI and of HTTP (the server's {@code /api/documents} and {@code /api/search} routes call it);
 * returns plain records. Every method that writes does it in one store transaction.
 */
public final class LinkService {
    /** CiTO relations a curator may give an accepted link (docs/model.md). */
    public static final Set<String> RELATIONS = Set.of("supports", "disputes", "extends", "discusses",
        "citesAsPotentialSolution", "usesMethodIn", "critiques");

    private final TripleStore store;
    private Linker linker;
    private long linkerGeneration = -1;

    public LinkService(TripleStore store, Graph shapesGraph) {
        // The store checks every write, this service's included, against these shapes.
        this.store = Objects.requireNonNull(store, "store").validateWith(shapesGraph);
    }

    /**
     * The linker over the store's current concept scheme and limitations (rebuilt when the store
     * changed; the concepts' description embeddings come from the encoder's cache after the first).
     */
    public synchronized Linker linker() {
        if (linker == null || linkerGeneration != store.generation()) {
            linker = store.read(d -> {
                Graph u = d.getUnionGraph();
                ConceptScheme scheme = ConceptScheme.of(u);
                if (scheme.concepts().isEmpty())
                    throw new InvalidInputException(SourceLocation.of(store.location().toString()),
                        "the store has no SKOS concepts; run 'alignkg sync' (or load data/concepts.ttl) first");
                ConceptClassifier c = ConceptClassifier.shipped();
                return new Linker(scheme, SentenceEncoder.shared(), c, c.model().thresholds(), Training.limitationTexts(u, scheme));
            });
            linkerGeneration = store.generation();
        }
        return linker;
    }

    /** A tagged document: its IRIs and what the tagger found. */
    public record Linked(DocumentInput input, DocumentRdf.Ids ids, TagResult result) {
        public String documentIri() { return ids.document(); }

        /**
         * The result as plain data for JSON ({@code link --json}, {@code POST /api/link}): the
         * families, concepts and limitations, each with its methods' scores and its evidence
         * passages, offsets in code points of the stored text.
         */
        public Map<String, Object> describe(boolean stored) {
            TagResult r = result;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("document", documentIri());
            m.put("stored", stored);
            m.put("linker", Linker.VERSION);
            m.put("mentions", r.mentions().size());
            m.put("characters", r.text().length());
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
            m.put("limitations", r.limitations().stream().map(l -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("iri", l.limitation());
                x.put("number", l.number());
                x.put("label", l.label());
                x.put("score", l.score());
                x.put("methods", l.methods());
                x.put("sharedConcepts", l.sharedConcepts());
                x.put("evidence", l.passages().stream().map(p -> passage(r, p)).toList());
                return x;
            }).toList());
            return m;
        }

        private static Map<String, Object> passage(TagResult r, TagResult.Passage p) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("text", p.text());
            x.put("start", r.codePointOffset(p.start()));
            x.put("end", r.codePointOffset(p.end()));
            return x;
        }
    }

    /** Tags without storing (dry run). */
    public Linked preview(DocumentInput d) {
        return new Linked(d, DocumentRdf.idsOf(d), linker().tag(d.text()));
    }

    /** Tags and stores one document in its own named graph, replacing an earlier version (same title and URL). */
    public Linked addDocument(DocumentInput d) {
        return addDocuments(List.of(d), Progress.NONE).get(0);
    }

    /** Tags and stores many documents in one transaction: all are stored or none is. */
    public List<Linked> addDocuments(List<DocumentInput> docs, Progress progress) {
        List<Linked> linked = tagAll(docs, progress);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Graph> graphs = new LinkedHashMap<>();
        for (Linked l : linked) graphs.put(l.ids().graph(), DocumentRdf.of(l.input(), l.result(), now));
        progress.begin("writing");
        store.apply(Change.graphs(graphs, linked.isEmpty() ? "documents" : linked.get(0).input().where().source())
            .locatedBy(focus -> linked.stream().filter(l -> l.ids().document().equals(focus.toString()))
                .map(l -> l.input().where()).findFirst().orElse(linked.get(0).input().where()))
            .reporting(progress::advance));
        progress.end();
        return linked;
    }

    /**
     * Tags many documents, in order, two at a time per core (the encoder runs its own threads;
     * tagging and analysis overlap with it).
     */
    public List<Linked> tagAll(List<DocumentInput> docs, Progress progress) {
        return tagAll(linker(), docs, progress);
    }

    static List<Linked> tagAll(Linker l, List<DocumentInput> docs, Progress progress) {
        progress.begin("linking " + docs.size() + " documents", "documents");
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        List<Linked> out;
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            out = pool.submit(() -> docs.parallelStream().map(d -> {
                Linked x = new Linked(d, DocumentRdf.idsOf(d), l.tag(d.text()));
                long n = done.incrementAndGet();
                synchronized (progress) {
                    progress.advance(n);
                }
                return x;
            }).toList()).join();
        } finally {
            pool.shutdown();
        }
        progress.end();
        return out;
    }

    /**
     * A suggested link as listed for review, with up to {@link #EVIDENCE_PER_SUGGESTION} of the
     * mentions that justify it (first in text order).
     */
    public record Suggestion(String iri, String document, String cited, String citedKind, String citedLabel,
                             double score, String rationale, String taggerVersion, String generatedAt, boolean accepted,
                             List<Evidence> evidence) {
        public Suggestion {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * One mention as stored (Web Annotation text quote and position selectors): code point offsets
     * in the stored text, the matched words, and up to 32 characters either side.
     */
    public record Evidence(long start, long end, String exact, String prefix, String suffix) { }

    static final int EVIDENCE_PER_SUGGESTION = 3;

    /** Whether the store knows {@code documentIri} as a document (curated or submitted). */
    public boolean hasDocument(String documentIri) {
        Node doc = iri(documentIri, "document");
        return store.read(dsg -> dsg.getUnionGraph().contains(doc, uri(DocumentRdf.DCT + "title"), Node.ANY));
    }

    /** The suggestions for a document, best first; {@code accepted} tells whether a curated link already covers it. */
    public List<Suggestion> listSuggestions(String documentIri) {
        String q = """
            PREFIX akg: <https://w3id.org/alignkg/ontology#>
            PREFIX cito: <http://purl.org/spar/cito/>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?s ?cited ?score ?rationale ?version ?time ?kind ?label ?accepted WHERE {
              ?s a akg:SuggestedLink ; cito:hasCitingEntity ?doc ; cito:hasCitedEntity ?cited ;
                 akg:score ?score ; akg:rationale ?rationale ; akg:taggerVersion ?version ; prov:generatedAtTime ?time .
              BIND(IF(EXISTS { ?cited a akg:Limitation }, "limitation", "concept") AS ?kind)
              OPTIONAL { ?cited skos:prefLabel ?pl }
              OPTIONAL { ?cited rdfs:label ?rl }
              BIND(COALESCE(?pl, ?rl, STR(?cited)) AS ?label)
              BIND(EXISTS { ?c a akg:CuratedLink ; cito:hasCitingEntity ?doc ; cito:hasCitedEntity ?cited } AS ?accepted)
            } ORDER BY DESC(?score) ?s
            """;
        String evidenceQuery = """
            PREFIX akg: <https://w3id.org/alignkg/ontology#>
            PREFIX cito: <http://purl.org/spar/cito/>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX oa: <http://www.w3.org/ns/oa#>
            SELECT ?s ?start ?end ?exact ?prefix ?suffix WHERE {
              ?s a akg:SuggestedLink ; cito:hasCitingEntity ?doc ; prov:wasDerivedFrom ?a .
              ?a a oa:Annotation ; oa:hasTarget ?t .
              ?t oa:hasSelector ?pos , ?quote .
              ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
              ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
              OPTIONAL { ?quote oa:prefix ?prefix }
              OPTIONAL { ?quote oa:suffix ?suffix }
            } ORDER BY ?s ?start
            """;
        Node doc = iri(documentIri, "document");
        var docResource = org.apache.jena.rdf.model.ResourceFactory.createResource(doc.getURI());
        return store.read(dsg -> {
            Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(dsg)).query(evidenceQuery)
                    .substitution("doc", docResource).build()) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    List<Evidence> list = evidence.computeIfAbsent(s.getResource("s").getURI(), k -> new ArrayList<>());
                    if (list.size() < EVIDENCE_PER_SUGGESTION)
                        list.add(new Evidence(s.getLiteral("start").getLong(), s.getLiteral("end").getLong(),
                            s.getLiteral("exact").getLexicalForm(), lexical(s, "prefix"), lexical(s, "suffix")));
                }
            }
            List<Suggestion> out = new ArrayList<>();
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(dsg)).query(q)
                    .substitution("doc", docResource).build()) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    String iri = s.getResource("s").getURI();
                    out.add(new Suggestion(iri, documentIri, s.getResource("cited").getURI(),
                        s.getLiteral("kind").getString(), s.get("label").asNode().getLiteralLexicalForm(),
                        s.getLiteral("score").getDouble(), s.getLiteral("rationale").getLexicalForm(),
                        s.getLiteral("version").getLexicalForm(), s.getLiteral("time").getLexicalForm(),
                        s.getLiteral("accepted").getBoolean(), evidence.getOrDefault(iri, List.of())));
                }
            }
            return out;
        });
    }

    private static String lexical(QuerySolution s, String var) {
        return s.contains(var) ? s.getLiteral(var).getLexicalForm() : "";
    }

    /**
     * The agent IRI for a curator: an absolute http(s) IRI as given, else a name turned into
     * {@code https://w3id.org/alignkg/agent/<kebab-name>}.
     */
    public static String agentIriOf(String curator) {
        String c = Objects.requireNonNull(curator, "curator").strip();
        if (c.isEmpty()) throw new InvalidInputException(SourceLocation.of("curator"), "empty curator name");
        if (c.matches("(?i)^https?://\\S+$")) return c;
        return AKG.BASE + "agent/" + DocumentRdf.kebab(c, 64);
    }

    /** A curated link made by accepting a suggestion. */
    public record CuratedLink(String iri, String document, String relation, String cited, String agent,
                              String generatedAt, String rationale, String suggestion) { }

    /**
     * Accepts a suggestion as a curated link: a new {@code akg:CuratedLink} node (the suggestion
     * stays as it was, still a suggestion) with the plain CiTO triple, who accepted it and when,
     * derived from the suggestion and the document's URL. Stored in the document's curation graph,
     * so linking the document again does not remove it.
     *
     * @param relation one of {@link #RELATIONS} (CiTO local names)
     * @param rationale the curator's one-sentence rationale; null keeps the tagger's
     */
    public CuratedLink acceptSuggestion(String suggestionIri, String agentIri, String relation, String rationale) {
        return acceptSuggestion(suggestionIri, agentIri, null, relation, rationale);
    }

    /**
     * As {@link #acceptSuggestion(String, String, String, String)}; when {@code agentName} is given
     * and the store does not describe the agent yet, the curation graph also records it as a
     * {@code prov:Agent} with that {@code foaf:name}, so "who" keeps the name as the curator gave it.
     */
    public CuratedLink acceptSuggestion(String suggestionIri, String agentIri, String agentName, String relation, String rationale) {
        Node s = iri(suggestionIri, "suggestion");
        Node agent = iri(agentIri, "agent");
        if (!RELATIONS.contains(relation))
            throw new InvalidInputException(SourceLocation.of("relation"), "unknown relation '" + relation
                + "'; one of " + String.join(", ", new java.util.TreeSet<>(RELATIONS)));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        CuratedLink[] made = new CuratedLink[1];
        store.apply(Change.edit("suggestion", dsg -> {
            Graph u = dsg.getUnionGraph();
            if (!u.contains(s, uri(DocumentRdf.RDF + "type"), uri(AKG.NS + "SuggestedLink")))
                throw new InvalidInputException(SourceLocation.of("suggestion"), "no suggested link <" + suggestionIri + ">");
            Node doc = object(u, s, DocumentRdf.CITO + "hasCitingEntity");
            Node cited = object(u, s, DocumentRdf.CITO + "hasCitedEntity");
            Node url = object(u, doc, DocumentRdf.SCHEMA + "url");
            String why = rationale != null && !rationale.isBlank() ? rationale.strip()
                : object(u, s, AKG.NS + "rationale").getLiteralLexicalForm();
            String slug = DocumentRdf.kebab(ConceptScheme.localName(doc.getURI()), 80);
            Node link = uri(AKG.BASE + "link/" + slug + "-" + DocumentRdf.kebab(relation, 40) + "-"
                + DocumentRdf.kebab(cited.getURI().substring(AKG.BASE.length()), 60));
            Node g = uri(DocumentRdf.CURATION_GRAPH_BASE + slug);
            Node rel = uri(DocumentRdf.CITO + relation);
            dsg.deleteAny(g, link, Node.ANY, Node.ANY);
            dsg.add(g, doc, rel, cited);
            add(dsg, g, link, DocumentRdf.RDF + "type", uri(DocumentRdf.CITO + "Citation"));
            add(dsg, g, link, DocumentRdf.RDF + "type", uri(AKG.NS + "CuratedLink"));
            add(dsg, g, link, DocumentRdf.CITO + "hasCitingEntity", doc);
            add(dsg, g, link, DocumentRdf.CITO + "hasCitedEntity", cited);
            add(dsg, g, link, DocumentRdf.CITO + "hasCitationCharacterization", rel);
            add(dsg, g, link, AKG.NS + "rationale", NodeFactory.createLiteralLang(why, "en"));
            add(dsg, g, link, DocumentRdf.PROV + "wasAttributedTo", agent);
            add(dsg, g, link, DocumentRdf.PROV + "generatedAtTime", NodeFactory.createLiteralDT(now, XSDDatatype.XSDdateTime));
            add(dsg, g, link, DocumentRdf.PROV + "wasDerivedFrom", s);
            if (url != null) add(dsg, g, link, DocumentRdf.PROV + "wasDerivedFrom", url);
            if (agentName != null && !agentName.isBlank() && !u.contains(agent, uri(DocumentRdf.RDF + "type"), Node.ANY)) {
                add(dsg, g, agent, DocumentRdf.RDF + "type", uri(DocumentRdf.PROV + "Agent"));
                add(dsg, g, agent, DocumentRdf.FOAF + "name", NodeFactory.createLiteralString(agentName.strip()));
                add(dsg, g, agent, DocumentRdf.RDFS + "label", NodeFactory.createLiteralString(agentName.strip()));
            }
            made[0] = new CuratedLink(link.getURI(), doc.getURI(), DocumentRdf.CITO + relation, cited.getURI(),
                agentIri, now, why, suggestionIri);
        }));
        return made[0];
    }

    /** A search hit: what kind of thing, its label, its IRI, a snippet with {@code <b>} marks, and a score. */
    public record SearchHit(String type, String label, String iri, String snippet, double score) { }

    /** Literals read from the index before ranking, at least. */
    static final int SEARCH_POOL = 50;

    /**
     * Ranked full-text hits, one per resource (documents' stored texts count for their document).
     * The limitations that match come first, then every other hit, each group by Lucene score (of
     * the resource's best literal). Lucene scores each literal alone and favours short ones, so a
     * bare name ("InstructGPT" as an entity's label) or a link's one-line rationale would outrank
     * the limitation whose paragraph uses the word; the five limitations are what this graph is
     * about, and at most five hits can be limitations, so they lead without crowding out the rest.
     */
    public List<SearchHit> search(String query, int limit) {
        if (query == null || query.isBlank()) throw new InvalidInputException(SourceLocation.of("search query"), "empty query");
        if (limit < 1 || limit > 1000) throw new InvalidInputException(SourceLocation.of("limit"), "limit must be 1..1000, got " + limit);
        List<FullTextIndex.Match> matches = store.searchText(query, Math.max(SEARCH_POOL, limit * 4));
        return store.read(dsg -> {
            Graph u = dsg.getUnionGraph();
            Map<String, SearchHit> best = new LinkedHashMap<>();
            for (FullTextIndex.Match m : matches) {
                if (m.subject().startsWith("_:")) continue;
                Node n = uri(m.subject());
                Node owner = object(u, n, DocumentRdf.DCT + "isFormatOf");
                if (owner != null) n = owner;
                if (best.containsKey(n.getURI())) continue;
                best.put(n.getURI(), new SearchHit(typeOf(u, n), labelOf(u, n), n.getURI(), m.snippet(), m.score()));
            }
            return best.values().stream()
                .sorted(java.util.Comparator.comparing((SearchHit h) -> !h.type().equals("limitation"))
                    .thenComparing(java.util.Comparator.comparingDouble(SearchHit::score).reversed())
                    .thenComparing(SearchHit::iri))
                .limit(limit).toList();
        });
    }

    private static String typeOf(Graph u, Node n) {
        Node type = uri(DocumentRdf.RDF + "type");
        if (u.contains(n, type, AKG.Limitation)) return "limitation";
        if (u.contains(n, type, uri(ConceptScheme.SKOS + "Concept"))) return "concept";
        if (u.contains(n, type, AKG.Statement)) return "statement";
        if (u.contains(n, type, uri(AKG.NS + "PlanClaim"))) return "claim";
        if (u.contains(n, type, uri(DocumentRdf.CITO + "Citation"))) return "link";
        if (u.contains(n, uri(DocumentRdf.DCT + "title"), Node.ANY)) return "document";
        return "resource";
    }

    private static String labelOf(Graph u, Node n) {
        for (String p : List.of(ConceptScheme.SKOS + "prefLabel", DocumentRdf.DCT + "title", DocumentRdf.RDFS + "label")) {
            Node o = object(u, n, p);
            if (o != null && o.isLiteral()) return o.getLiteralLexicalForm();
        }
        return n.getURI();
    }

    private static Node object(Graph g, Node s, String p) {
        Iterator<Triple> it = g.find(s, uri(p), Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static void add(org.apache.jena.sparql.core.DatasetGraph dsg, Node g, Node s, String p, Node o) {
        dsg.add(g, s, uri(p), o);
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node iri(String s, String what) {
        if (s == null || !s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:\\S+$"))
            throw new InvalidInputException(SourceLocation.of(what), "not an absolute IRI: '" + s + "'");
        return uri(s);
    }
}
