package org.alignkg.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.alignkg.InvalidInputException;
import org.alignkg.NotFoundException;
import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.alignkg.embed.SentenceEncoder;
import org.alignkg.ontology.AKG;
import org.alignkg.store.TripleStore;
import org.alignkg.store.PassageIndex;
import org.alignkg.store.PassageIndex.Passage;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Similar documents and semantic search: the store's passages (documents' sentences, limitations'
 * and statements' texts, concepts' descriptions) in a {@link PassageIndex}, embedded by the
 * {@link SentenceEncoder}. {@link #refresh} brings the index in step with the store graph by graph
 * (a graph whose indexed texts changed is re-embedded; the encoder's cache makes a re-index after
 * an import cheap); every write path of the server and the CLI calls it after its commit.
 */
public final class SimilarService {
    /** Longest {@code text} query accepted (characters). */
    public static final int MAX_QUERY_CHARS = 10_000;
    public static final int MAX_LIMIT = 100;
    static final int MAX_PASSAGES_PER_SUBJECT = 24;

    static final String DCT = "http://purl.org/dc/terms/";
    static final String SCHEMA_TEXT = "http://schema.org/text";
    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    private final TripleStore store;
    private final PassageIndex index;
    private final SentenceEncoder encoder;

    public SimilarService(TripleStore store, PassageIndex index, SentenceEncoder encoder) {
        this.store = store;
        this.index = index;
        this.encoder = encoder;
    }

    public PassageIndex index() {
        return index;
    }

    /** A hit: the subject, its label and kind, the similarity, and the passage that matched (code point offsets in the subject's text). */
    public record Hit(String iri, String label, String type, double score, String passage, int start, int end) { }

    /** What a refresh did. */
    public record Refresh(int graphsIndexed, int graphsRemoved, int passages) { }

    /** Re-indexes the graphs whose texts changed since they were indexed, and drops graphs that are gone. */
    public synchronized Refresh refresh(Progress progress) {
        Map<String, String> indexed = index.signatures();
        Map<String, List<Text>> texts = store.read(this::textsByGraph);
        Map<String, String> signatures = new HashMap<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, List<Text>> e : texts.entrySet()) {
            String sig = signature(e.getValue());
            signatures.put(e.getKey(), sig);
            if (!sig.equals(indexed.get(e.getKey()))) changed.add(e.getKey());
        }
        Set<String> gone = new HashSet<>(indexed.keySet());
        gone.removeAll(texts.keySet());
        index.remove(gone);
        if (changed.isEmpty()) return new Refresh(0, gone.size(), 0);
        long total = changed.stream().mapToLong(g -> texts.get(g).size()).sum();
        progress.begin("embedding passages of " + total + " texts", "texts");
        long done = 0;
        int passages = 0;
        for (String g : changed) {
            List<Passage> ps = new ArrayList<>();
            for (Text t : texts.get(g)) {
                ps.addAll(passages(t));
                progress.advance(++done);
            }
            passages += ps.size();
            index.replace(Map.of(g, ps), Map.of(g, signatures.get(g)));
        }
        progress.end();
        return new Refresh(changed.size(), gone.size(), passages);
    }

    /** A text to index: subject, kind and text. */
    record Text(String subject, String kind, String text) { }

    private List<Passage> passages(Text t) {
        List<Sentences.Span> spans = new ArrayList<>(Sentences.passages(t.text()));
        if (spans.isEmpty()) spans.add(new Sentences.Span(0, t.text().length(), t.text()));
        if (spans.size() > MAX_PASSAGES_PER_SUBJECT) spans = spans.subList(0, MAX_PASSAGES_PER_SUBJECT);
        float[][] v = encoder.encode(spans.stream().map(Sentences.Span::text).toList());
        List<Passage> out = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Sentences.Span s = spans.get(i);
            out.add(new Passage(t.subject(), t.kind(), s.text(), t.text().codePointCount(0, s.start()),
                t.text().codePointCount(0, s.end()), v[i]));
        }
        return out;
    }

    private static String signature(List<Text> texts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Text t : texts) md.update((t.subject() + '\u0000' + t.kind() + '\u0000' + t.text() + '\u0001').getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per named graph, the texts it holds: documents (stored text, else title and abstract), statements, concepts. */
    private Map<String, List<Text>> textsByGraph(DatasetGraph dsg) {
        Map<String, List<Text>> out = new TreeMap<>();
        var names = dsg.listGraphNodes();
        while (names.hasNext()) {
            Node gn = names.next();
            if (gn.getURI().equals(AKG.SYSTEM_GRAPH)) continue;
            List<Text> texts = texts(dsg.getGraph(gn), dsg.getUnionGraph());
            if (!texts.isEmpty()) out.put(gn.getURI(), texts);
        }
        return out;
    }

    static List<Text> texts(Graph g, Graph union) {
        Map<String, Text> out = new TreeMap<>();
        Node title = uri(DCT + "title");
        Node type = uri(RDF_TYPE);
        // Stored texts of linked documents first: what their annotations' offsets refer to.
        for (Triple t : g.find(Node.ANY, uri(DCT + "isFormatOf"), Node.ANY).toList()) {
            Node doc = t.getObject();
            String text = literal(g, t.getSubject(), SCHEMA_TEXT);
            if (doc.isURI() && text != null) out.put(doc.getURI(), new Text(doc.getURI(), "document", text));
        }
        for (Triple t : g.find(Node.ANY, title, Node.ANY).toList()) {
            Node s = t.getSubject();
            if (!s.isURI() || out.containsKey(s.getURI()) || !t.getObject().isLiteral()) continue;
            if (g.contains(s, type, uri("http://www.w3.org/2002/07/owl#Ontology"))
                || g.contains(s, type, uri(ConceptScheme.SKOS + "ConceptScheme"))) continue;
            String abs = literal(g, s, DCT + "abstract");
            String text = t.getObject().getLiteralLexicalForm() + (abs == null ? "" : "\n\n" + abs);
            out.put(s.getURI(), new Text(s.getURI(), "document", text));
        }
        for (Triple t : g.find(Node.ANY, uri(SCHEMA_TEXT), Node.ANY).toList()) {
            Node s = t.getSubject();
            if (!s.isURI() || out.containsKey(s.getURI()) || !t.getObject().isLiteral()) continue;
            String kind = union.contains(s, type, AKG.Limitation) ? "limitation"
                : union.contains(s, type, AKG.Statement) || isStatement(union, s) ? "statement" : null;
            if (kind != null) out.put(s.getURI(), new Text(s.getURI(), kind, t.getObject().getLiteralLexicalForm()));
        }
        for (Triple t : g.find(Node.ANY, uri(ConceptScheme.SKOS + "inScheme"), uri(ConceptScheme.TOPICAL_SCHEME)).toList()) {
            Node c = t.getSubject();
            String label = literal(g, c, ConceptScheme.SKOS + "prefLabel");
            String def = literal(g, c, ConceptScheme.SKOS + "definition");
            if (c.isURI() && label != null) out.put(c.getURI(), new Text(c.getURI(), "concept", def == null ? label : label + ": " + def));
        }
        return new ArrayList<>(out.values());
    }

    /** The text of one subject, by the rules of {@link #texts}: its triples (and its stored text's) copied into a small graph. */
    static Text textOf(Graph union, String iri) {
        Graph one = org.apache.jena.sparql.graph.GraphFactory.createGraphMem();
        Node s = uri(iri);
        union.find(s, Node.ANY, Node.ANY).forEachRemaining(one::add);
        union.find(Node.ANY, uri(DCT + "isFormatOf"), s).forEachRemaining(t -> {
            one.add(t);
            union.find(t.getSubject(), uri(SCHEMA_TEXT), Node.ANY).forEachRemaining(one::add);
        });
        for (Text x : texts(one, union)) if (x.subject().equals(iri)) return x;
        return null;
    }

    /** A statement of a class defined under akg:Statement (open problem, assumption, ...). */
    private static boolean isStatement(Graph union, Node s) {
        for (Triple t : union.find(s, uri(RDF_TYPE), Node.ANY).toList())
            if (union.contains(t.getObject(), uri("http://www.w3.org/2000/01/rdf-schema#subClassOf"), AKG.Statement)) return true;
        return false;
    }

    private static String literal(Graph g, Node s, String p) {
        return g.find(s, uri(p), Node.ANY).nextOptional().filter(t -> t.getObject().isLiteral())
            .map(t -> t.getObject().getLiteralLexicalForm()).orElse(null);
    }

    /** The nearest subjects to a thing of the store (document, limitation, statement, concept). 404 when it has no text. */
    public List<Hit> similarTo(String iri, int limit, String type) {
        checkLimit(limit);
        checkType(type);
        // only the subject's own triples, not a scan of every text in the store (a hot path)
        Text t = store.read(d -> textOf(d.getUnionGraph(), iri));
        if (t == null) {
            boolean known = store.read(d -> d.getUnionGraph().contains(uri(iri), Node.ANY, Node.ANY));
            throw new NotFoundException(known ? "<" + iri + "> has no text to compare (not a document, limitation, statement or concept)"
                : "<" + iri + "> is not in the store");
        }
        return nearest(vector(t.text()), limit, type, Set.of(iri));
    }

    /** The nearest subjects to a text. */
    public List<Hit> similarToText(String text, int limit, String type) {
        checkLimit(limit);
        checkType(type);
        if (text == null || text.isBlank()) throw new InvalidInputException(SourceLocation.of("text"), "empty text");
        if (text.length() > MAX_QUERY_CHARS)
            throw new InvalidInputException(SourceLocation.of("text"), "text is " + text.length() + " characters long (at most " + MAX_QUERY_CHARS + ")");
        return nearest(vector(text), limit, type, Set.of());
    }

    private float[] vector(String text) {
        List<String> s = Sentences.passages(text).stream().map(Sentences.Span::text).limit(Linker.DOC_SENTENCES).toList();
        return SentenceEncoder.mean(List.of(encoder.encode(s.isEmpty() ? List.of(text) : s)));
    }

    private List<Hit> nearest(float[] q, int limit, String type, Set<String> exclude) {
        List<PassageIndex.Hit> hits = index.nearest(q, limit, exclude, type == null ? null : h -> h.kind().equals(type));
        return store.read(d -> {
            Graph u = d.getUnionGraph();
            List<Hit> out = new ArrayList<>();
            for (PassageIndex.Hit h : hits)
                out.add(new Hit(h.subject(), label(u, h.subject()), h.kind(), h.score(), h.text(), h.start(), h.end()));
            return out;
        });
    }

    static String label(Graph u, String iri) {
        Node n = uri(iri);
        for (String p : List.of(ConceptScheme.SKOS + "prefLabel", DCT + "title", "http://www.w3.org/2000/01/rdf-schema#label")) {
            String l = literal(u, n, p);
            if (l != null) return l;
        }
        return iri;
    }

    static final Set<String> TYPES = Set.of("document", "limitation", "statement", "concept");

    private static void checkType(String type) {
        if (type != null && !TYPES.contains(type))
            throw new InvalidInputException(SourceLocation.of("type"), "unknown type '" + type + "'; one of concept, document, limitation, statement");
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT)
            throw new InvalidInputException(SourceLocation.of("limit"), "limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }
}
