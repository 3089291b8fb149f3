package org.alignkg.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;

/**
 * What the evidence views show: the links between documents and limitations (curated ones, and machine suggestions
 * no curated link confirms yet), a statement's anchor in its source, statements of other plans that share its concepts,
 * and a document's metadata, suggestions and concept mentions. Each is one SPARQL query, results copied out of the
 * read transaction by {@link QueryRunner}.
 */
public final class Evidence {
    private static final String PREFIXES = """
        PREFIX akg: <https://w3id.org/alignkg/ontology#>
        PREFIX cito: <http://purl.org/spar/cito/>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX schema: <http://schema.org/>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX fabio: <http://purl.org/spar/fabio/>
        """;

    /**
     * One link from a document to a limitation. {@code relation} is the CiTO characterisation's local name
     * ({@code supports}, {@code disputes}, {@code extends}, {@code citesAsPotentialSolution}, {@code discusses});
     * {@code evidence} the page the curator checked (curated links), {@code score} the tagger's (suggestions).
     */
    public record Link(String link, boolean curated, String limitation, int number, String limitationLabel, String document,
                       String title, String url, String issued, String relation, Double score, String rationale, String quote,
                       String evidence, String curator) {
        /** The year the document was issued, or empty when it has no date. */
        public Optional<String> year() {
            return issued == null || issued.length() < 4 ? Optional.empty() : Optional.of(issued.substring(0, 4));
        }
    }

    private static final Query LINKS = Sparql.parseQuery(PREFIXES + """
        SELECT ?link ?kind ?rel (SAMPLE(?limitation) AS ?lim) (SAMPLE(?number) AS ?num) (SAMPLE(?doc) AS ?document)
               (SAMPLE(?ll) AS ?limLabel) (SAMPLE(?t) AS ?title) (SAMPLE(?u) AS ?url)
               (SAMPLE(?i) AS ?issued) (SAMPLE(?s) AS ?score) (SAMPLE(?r) AS ?rationale) (SAMPLE(?q) AS ?quote)
               (MIN(STR(?e)) AS ?evidence) (SAMPLE(?cl) AS ?curator)
        WHERE {
          # From the limitations (a handful) to their links: starting from the links' types instead walked every
          # machine suggestion of the corpus (thousands, nearly all to concepts) on every page, even with ?doc bound.
          ?limitation a akg:Limitation ; akg:number ?number .
          ?link cito:hasCitedEntity ?limitation ; cito:hasCitingEntity ?doc ; a ?kind ; cito:hasCitationCharacterization ?rel .
          FILTER(?kind IN (akg:CuratedLink, akg:SuggestedLink))
          FILTER NOT EXISTS { ?link a akg:CrossPlanLink } # between plans' statements, not a document's evidence
          FILTER(?kind = akg:CuratedLink || NOT EXISTS {
            ?c a akg:CuratedLink ; cito:hasCitingEntity ?doc ; cito:hasCitedEntity ?limitation })
          OPTIONAL { ?limitation rdfs:label ?ll }
          OPTIONAL { ?doc dcterms:title ?t }
          OPTIONAL { ?doc schema:url ?u }
          OPTIONAL { ?doc dcterms:issued ?i }
          OPTIONAL { ?link akg:score ?s }
          OPTIONAL { ?link akg:rationale ?r }
          OPTIONAL { ?link akg:quote ?q }
          OPTIONAL { ?link prov:wasDerivedFrom ?e FILTER(isIRI(?e) && !STRSTARTS(STR(?e), "https://w3id.org/alignkg/")) }
          OPTIONAL { ?link prov:wasAttributedTo ?agent OPTIONAL { ?agent rdfs:label|schema:name|<http://xmlns.com/foaf/0.1/name> ?cl } }
        }
        GROUP BY ?link ?kind ?rel
        ORDER BY ?num ?issued ?title ?link""", "evidence-links");

    private Evidence() { }

    /** Every link of the store ({@code limitation} and {@code document} null), or those of one limitation or document. */
    public static List<Link> links(QueryRunner runner, String limitation, String document) {
        Map<String, Node> b = new java.util.HashMap<>();
        if (limitation != null) b.put("limitation", NodeFactory.createURI(limitation));
        if (document != null) b.put("doc", NodeFactory.createURI(document));
        ResultTable t = runner.select(LINKS, b);
        List<Link> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String rel = iri(t.get(i, "rel"));
            Node number = t.get(i, "num");
            Node score = t.get(i, "score");
            out.add(new Link(iri(t.get(i, "link")), iri(t.get(i, "kind")).endsWith("CuratedLink"),
                iri(t.get(i, "lim")), Integer.parseInt(number.getLiteralLexicalForm()),
                lex(t.get(i, "limLabel")), iri(t.get(i, "document")), lex(t.get(i, "title")),
                iri(t.get(i, "url")), lex(t.get(i, "issued")), rel == null ? "discusses" : rel.substring(rel.lastIndexOf('/') + 1),
                score == null ? null : Double.valueOf(score.getLiteralLexicalForm()), lex(t.get(i, "rationale")),
                lex(t.get(i, "quote")), lex(t.get(i, "evidence")), lex(t.get(i, "curator"))));
        }
        return out;
    }

    /** Where a statement's quote sits in its source: the excerpt, its title and URL, offsets and the text around it. */
    public record Anchor(String source, String sourceTitle, String sourceUrl, Integer start, Integer end, String prefix,
                         String exact, String suffix, String post, String postTitle, String postUrl) { }

    private static final Query ANCHOR = Sparql.parseQuery(PREFIXES + """
        SELECT (SAMPLE(?src) AS ?source) (SAMPLE(?st) AS ?sourceTitle) (SAMPLE(?su) AS ?sourceUrl) (SAMPLE(?s) AS ?start)
               (SAMPLE(?e) AS ?end) (SAMPLE(?p) AS ?prefix) (SAMPLE(?x) AS ?exact) (SAMPLE(?sf) AS ?suffix)
               (SAMPLE(?po) AS ?post) (SAMPLE(?pt) AS ?postTitle) (SAMPLE(?pu) AS ?postUrl)
        WHERE {
          ?statement akg:anchor ?a .
          ?a oa:hasSource ?src .
          OPTIONAL { ?src dcterms:title|rdfs:label ?st }
          OPTIONAL { ?src schema:url ?su }
          OPTIONAL { ?a oa:hasSelector ?ps . ?ps oa:start ?s ; oa:end ?e }
          OPTIONAL { ?a oa:hasSelector ?qs . ?qs oa:exact ?x OPTIONAL { ?qs oa:prefix ?p } OPTIONAL { ?qs oa:suffix ?sf } }
          OPTIONAL { ?src dcterms:isPartOf ?po OPTIONAL { ?po dcterms:title ?pt } OPTIONAL { ?po schema:url ?pu } }
        }""", "evidence-anchor");

    public static Optional<Anchor> anchor(QueryRunner runner, String statement) {
        ResultTable t = runner.select(ANCHOR, Map.of("statement", NodeFactory.createURI(statement)));
        if (t.size() == 0 || t.get(0, "source") == null) return Optional.empty();
        return Optional.of(new Anchor(iri(t.get(0, "source")), lex(t.get(0, "sourceTitle")), iri(t.get(0, "sourceUrl")),
            integer(t.get(0, "start")), integer(t.get(0, "end")), lex(t.get(0, "prefix")), lex(t.get(0, "exact")),
            lex(t.get(0, "suffix")), iri(t.get(0, "post")), lex(t.get(0, "postTitle")), iri(t.get(0, "postUrl"))));
    }

    /** A statement of another source (another plan) that concerns a concept this statement concerns. */
    public record Related(String statement, String label, String text, String source, String sourceTitle, List<String> concepts) { }

    private static final Query RELATED = Sparql.parseQuery(PREFIXES + """
        SELECT ?other (SAMPLE(?ol) AS ?label) (SAMPLE(?ot) AS ?text) (SAMPLE(?os) AS ?source) (SAMPLE(?ost) AS ?sourceTitle)
               (GROUP_CONCAT(DISTINCT ?cl; SEPARATOR="\\u001f") AS ?concepts)
        WHERE {
          ?statement akg:concerns ?c .
          ?other akg:concerns ?c ; a/rdfs:subClassOf* akg:Statement .
          FILTER(?other != ?statement)
          ?c skos:prefLabel ?cl .
          ?other akg:anchor/oa:hasSource ?os .
          FILTER NOT EXISTS { ?statement akg:anchor/oa:hasSource ?os }
          FILTER NOT EXISTS { ?statement akg:anchor/oa:hasSource/dcterms:isPartOf ?post . ?os dcterms:isPartOf ?post }
          OPTIONAL { ?other rdfs:label ?ol }
          OPTIONAL { ?other schema:text ?ot }
          OPTIONAL { ?os dcterms:isPartOf/dcterms:title ?ost }
        }
        GROUP BY ?other ORDER BY ?other""", "evidence-related");

    /** Statements anchored in another source that share a concept with {@code statement}. */
    public static List<Related> related(QueryRunner runner, String statement) {
        ResultTable t = runner.select(RELATED, Map.of("statement", NodeFactory.createURI(statement)));
        List<Related> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++)
            out.add(new Related(iri(t.get(i, "other")), lex(t.get(i, "label")), lex(t.get(i, "text")), iri(t.get(i, "source")),
                lex(t.get(i, "sourceTitle")), List.of(lex(t.get(i, "concepts")).split("\u001f"))));
        return out;
    }

    /** A document's bibliographic facts as the page shows them. */
    public record DocumentFacts(String title, String authors, String issued, String publisher, String url, String arxiv,
                                String type, List<String> verifiedVia, String text, String abstractText, String textNode) { }

    private static final Query DOCUMENT = Sparql.parseQuery(PREFIXES + """
        SELECT (SAMPLE(?t) AS ?title) (SAMPLE(?au) AS ?authors) (SAMPLE(?i) AS ?issued) (SAMPLE(?pb) AS ?publisher)
               (SAMPLE(?u) AS ?url) (SAMPLE(?ax) AS ?arxiv) (SAMPLE(?tl) AS ?type)
               (GROUP_CONCAT(DISTINCT STR(?v); SEPARATOR=" ") AS ?verified) (SAMPLE(?tx) AS ?text) (SAMPLE(?ab) AS ?abstract)
               (SAMPLE(?tn) AS ?textNode)
        WHERE {
          ?doc dcterms:title ?t .
          OPTIONAL { ?doc akg:authorList ?au }
          OPTIONAL { ?doc dcterms:issued ?i }
          OPTIONAL { ?doc dcterms:publisher ?pb }
          OPTIONAL { ?doc schema:url ?u }
          OPTIONAL { ?doc fabio:hasArXivId ?ax }
          OPTIONAL { ?doc akg:documentType ?dt OPTIONAL { ?dt skos:prefLabel ?tl } }
          OPTIONAL { ?doc akg:verifiedVia ?v }
          OPTIONAL { ?doc dcterms:abstract ?ab }
          OPTIONAL { ?tn dcterms:isFormatOf ?doc ; schema:text ?tx }
        }""", "evidence-document");

    public static Optional<DocumentFacts> document(QueryRunner runner, String document) {
        ResultTable t = runner.select(DOCUMENT, Map.of("doc", NodeFactory.createURI(document)));
        if (t.size() == 0 || t.get(0, "title") == null) return Optional.empty();
        String verified = lex(t.get(0, "verified"));
        return Optional.of(new DocumentFacts(lex(t.get(0, "title")), lex(t.get(0, "authors")), lex(t.get(0, "issued")),
            lex(t.get(0, "publisher")), iri(t.get(0, "url")), lex(t.get(0, "arxiv")), lex(t.get(0, "type")),
            verified == null || verified.isBlank() ? List.of() : List.of(verified.split(" ")), lex(t.get(0, "text")),
            lex(t.get(0, "abstract")), iri(t.get(0, "textNode"))));
    }

    /** A machine suggestion of a document: the concept or limitation, score, rationale, and the mentions it rests on. */
    public record Suggestion(String target, String label, boolean limitation, double score, String rationale) { }

    private static final Query SUGGESTIONS = Sparql.parseQuery(PREFIXES + """
        SELECT ?target (SAMPLE(?l) AS ?label) (SAMPLE(?isLim) AS ?lim) (MAX(?s) AS ?score) (SAMPLE(?r) AS ?rationale)
        WHERE {
          ?sg a akg:SuggestedLink ; cito:hasCitingEntity ?doc ; cito:hasCitedEntity ?target .
          OPTIONAL { ?sg akg:score ?s }
          OPTIONAL { ?sg akg:rationale ?r }
          OPTIONAL { ?target rdfs:label|skos:prefLabel ?l }
          BIND(EXISTS { ?target a akg:Limitation } AS ?isLim)
        }
        GROUP BY ?target ORDER BY DESC(?lim) DESC(?score) ?target""", "evidence-suggestions");

    public static List<Suggestion> suggestions(QueryRunner runner, String document) {
        ResultTable t = runner.select(SUGGESTIONS, Map.of("doc", NodeFactory.createURI(document)));
        List<Suggestion> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Node s = t.get(i, "score");
            out.add(new Suggestion(iri(t.get(i, "target")), lex(t.get(i, "label")), "true".equals(lex(t.get(i, "lim"))),
                s == null ? 0 : Double.parseDouble(s.getLiteralLexicalForm()), lex(t.get(i, "rationale"))));
        }
        return out;
    }

    /** A concept mention the tagger found in a document's stored text: code point offsets, end exclusive. */
    public record Mention(String concept, String label, int start, int end) { }

    private static final Query MENTIONS = Sparql.parseQuery(PREFIXES + """
        SELECT ?a ?concept (SAMPLE(?l) AS ?label) (SAMPLE(?s) AS ?start) (SAMPLE(?e) AS ?end)
        WHERE {
          # mentions only (oa:tagging), not the sentences the similarity method chose (oa:classifying)
          # ?doc first: from the annotations' type it walked every mention of the corpus
          ?a schema:about ?doc ; a oa:Annotation ; oa:motivatedBy oa:tagging ; oa:hasBody ?concept ; oa:hasTarget ?t .
          ?t oa:hasSelector ?ps . ?ps oa:start ?s ; oa:end ?e .
          OPTIONAL { ?concept skos:prefLabel ?l }
        }
        GROUP BY ?a ?concept ORDER BY ?start""", "evidence-mentions");

    public static List<Mention> mentions(QueryRunner runner, String document) {
        ResultTable t = runner.select(MENTIONS, Map.of("doc", NodeFactory.createURI(document)));
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++)
            out.add(new Mention(iri(t.get(i, "concept")), lex(t.get(i, "label")), integer(t.get(i, "start")), integer(t.get(i, "end"))));
        return out;
    }

    /** What kind of thing an IRI is, for choosing its page: {@code limitation}, {@code document} or empty. */
    private static final Query KIND = Sparql.parseQuery(PREFIXES + """
        SELECT ?kind WHERE {
          { ?x a akg:Limitation BIND("limitation" AS ?kind) }
          UNION { ?x dcterms:title ?t . FILTER EXISTS { { ?l cito:hasCitingEntity ?x } UNION { ?x akg:verifiedVia ?v } UNION { ?tn dcterms:isFormatOf ?x } }
                  FILTER NOT EXISTS { ?x a akg:Limitation } BIND("document" AS ?kind) }
        } LIMIT 1""", "evidence-kind");

    public static Optional<String> kind(QueryRunner runner, String iri) {
        ResultTable t = runner.select(KIND, Map.of("x", NodeFactory.createURI(iri)));
        return t.size() == 0 ? Optional.empty() : Optional.ofNullable(lex(t.get(0, "kind")));
    }

    private static String iri(Node n) {
        return n != null && n.isURI() ? n.getURI() : null;
    }

    private static String lex(Node n) {
        return n == null ? null : n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : null;
    }

    private static Integer integer(Node n) {
        try {
            return n == null ? null : Integer.valueOf(n.getLiteralLexicalForm().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
