package org.alignkg.store;

import com.google.common.html.HtmlEscapers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.alignkg.ontology.AKG;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextDatasetFactory;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.query.text.TextIndexLucene;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The jena-text (Lucene) index over the store's searchable literals. It wraps the TDB2 dataset
 * with {@link org.apache.jena.query.text.DatasetGraphText}, so every quad added or deleted through
 * the store (its one write path, {@code KgStore.apply}: loads, SPARQL Update, link, restore) updates the index in
 * the same transaction, and {@code text:query} works in SPARQL.
 *
 * <p>One Lucene document per quad whose predicate is mapped below (jena-text's default producer);
 * the uid field lets deletions reach the index. The index lives in {@code <store>/text-index}.
 * At open it is compared with the store (number of indexable quads against number of Lucene
 * documents) and rebuilt from the store when missing or out of step, e.g. after a crash between
 * the TDB2 commit and the index commit, or when the folder was deleted.
 */
public final class FullTextIndex {
    /** Lucene field to predicate: what {@code text:query} and {@link #search} can find. */
    static final Map<String, String> FIELDS = fields();

    static final String ENTITY_FIELD = "uri";
    static final String UID_FIELD = "uid";
    static final String LANG_FIELD = "lang";

    private final TextIndexLucene index;
    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();

    private FullTextIndex(Directory directory) {
        this.directory = directory;
        EntityDefinition def = new EntityDefinition(ENTITY_FIELD, "label",
            NodeFactory.createURI(FIELDS.get("label")));
        FIELDS.forEach((field, predicate) -> def.set(field, NodeFactory.createURI(predicate)));
        def.setUidField(UID_FIELD);
        def.setLangField(LANG_FIELD);
        TextIndexConfig config = new TextIndexConfig(def);
        config.setValueStored(true); // snippets and highlighting need the text
        config.setAnalyzer(analyzer);
        config.setQueryAnalyzer(analyzer);
        this.index = (TextIndexLucene) TextDatasetFactory.createLuceneIndex(directory, config);
    }

    private static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("label", org.apache.jena.vocabulary.RDFS.uri + "label");
        m.put("prefLabel", org.apache.jena.vocabulary.SKOS.uri + "prefLabel");
        m.put("altLabel", org.apache.jena.vocabulary.SKOS.uri + "altLabel");
        m.put("title", org.apache.jena.vocabulary.DCTerms.NS + "title");
        m.put("definition", org.apache.jena.vocabulary.SKOS.uri + "definition");
        m.put("text", AKG.SCHEMA_NS + "text");
        m.put("abstract", org.apache.jena.vocabulary.DCTerms.NS + "abstract");
        m.put("rationale", AKG.NS + "rationale");
        return Map.copyOf(m);
    }

    private static final java.util.Set<String> PREDICATES = java.util.Set.copyOf(FIELDS.values());

    /** Whether quads with predicate {@code p} can have an index entry. */
    static boolean indexes(Node p) {
        return p.isURI() && PREDICATES.contains(p.getURI());
    }

    /** Opens (creating if needed) the index in {@code dir}; null for an in-memory index. */
    static FullTextIndex open(Path dir) {
        try {
            if (dir == null) return new FullTextIndex(new ByteBuffersDirectory());
            Files.createDirectories(dir);
            return new FullTextIndex(FSDirectory.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the text index in " + dir, e);
        }
    }

    /** The TDB2 dataset wrapped so that changes reach the index inside each transaction. */
    DatasetGraph wrap(DatasetGraph base) {
        return TextDatasetFactory.create(base, index, false);
    }

    /** Rebuilds from {@code base} (the unwrapped dataset) when the index does not match it. */
    boolean ensureInStep(DatasetGraph base) {
        long docs = documentCount();
        // Fast path, no node decoding: quads whose predicate is indexed, counted in TDB2's
        // indexes. An index holds one entry per such quad with a literal object, so when no
        // indexed predicate has a non-literal object (the normal case) the counts agree. Decoding
        // every label, title and abstract, as the exact count below does, made opening a 10^7-triple
        // store take more than ten seconds.
        if (quadsWithIndexedPredicates(base) == docs) return false;
        long expected = KgStore.readTransaction(base, () -> {
            long n = 0;
            for (String p : FIELDS.values()) {
                Iterator<Quad> it = base.find(Node.ANY, Node.ANY, NodeFactory.createURI(p), Node.ANY);
                while (it.hasNext()) if (it.next().getObject().isLiteral()) n++;
            }
            return n;
        });
        if (expected == docs) return false;
        rebuild(base);
        return true;
    }

    /** Quads (and default-graph triples) whose predicate is indexed, from node ids alone; -1 if not TDB2. */
    static long quadsWithIndexedPredicates(DatasetGraph base) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(base);
        if (tdb == null) return -1;
        return KgStore.readTransaction(base, () -> {
            NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
            NodeTupleTable triples = tdb.getTripleTable().getNodeTupleTable();
            long n = 0;
            for (String p : FIELDS.values()) {
                NodeId pid = quads.getNodeTable().getNodeIdForNode(NodeFactory.createURI(p));
                if (NodeId.isDoesNotExist(pid)) continue;
                n += Iter.count(quads.find(TupleFactory.create4(NodeId.NodeIdAny, NodeId.NodeIdAny, pid, NodeId.NodeIdAny)));
                n += Iter.count(triples.find(TupleFactory.create3(NodeId.NodeIdAny, pid, NodeId.NodeIdAny)));
            }
            return n;
        });
    }

    /** Drops every entry and indexes the store's quads again. */
    void rebuild(DatasetGraph base) {
        EntityDefinition def = index.getDocDef();
        try {
            index.getIndexWriter().deleteAll();
            KgStore.readTransaction(base, () -> {
                for (String p : FIELDS.values()) {
                    Iterator<Quad> it = base.find(Node.ANY, Node.ANY, NodeFactory.createURI(p), Node.ANY);
                    while (it.hasNext()) {
                        Quad q = it.next();
                        Entity e = TextQueryFuncs.entityFromQuad(def, q);
                        if (e != null) index.addEntity(e);
                    }
                }
                return null;
            });
            index.commit();
        } catch (IOException e) {
            index.rollback();
            throw new UncheckedIOException("cannot rebuild the text index", e);
        }
    }

    /**
     * Applies a change made to the store behind the wrapper's back (a bulk load's new storage
     * generation): the entries of {@code removed} go, those of {@code added} come; one commit.
     */
    void update(List<Quad> removed, List<Quad> added) {
        EntityDefinition def = index.getDocDef();
        try {
            for (Quad q : removed) {
                Entity e = TextQueryFuncs.entityFromQuad(def, q);
                if (e != null) index.deleteEntity(e);
            }
            for (Quad q : added) {
                Entity e = TextQueryFuncs.entityFromQuad(def, q);
                if (e != null) index.addEntity(e);
            }
            index.commit();
        } catch (RuntimeException e) {
            index.rollback();
            throw e;
        }
    }

    /** Number of Lucene documents (one per indexed quad). */
    long documentCount() {
        try (IndexReader r = DirectoryReader.open(directory)) {
            return r.numDocs();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the text index", e);
        }
    }

    /** One matching literal: its subject, the field it sits in, a score and a highlighted snippet. */
    public record Match(String subject, String field, float score, String snippet) {
        public Match {
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * Lucene query syntax over all fields; the best {@code limit} literals, best first. Snippets
     * mark matched words with {@code <b>...</b>}; the rest of the text is HTML-escaped.
     */
    List<Match> search(String queryText, int limit) throws ParseException {
        String[] fields = FIELDS.keySet().toArray(String[]::new);
        MultiFieldQueryParser parser = new MultiFieldQueryParser(fields, analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        Query query = parser.parse(queryText);
        List<Match> out = new ArrayList<>();
        try (IndexReader r = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(r);
            TopDocs top = searcher.search(query, Math.max(1, limit));
            // The fragmenter must share the highlighter's scorer (it reads the scorer's state).
            QueryScorer scorer = new QueryScorer(query);
            Highlighter hl = new Highlighter(new SimpleHTMLFormatter("<b>", "</b>"),
                new org.apache.lucene.search.highlight.SimpleHTMLEncoder(), scorer);
            hl.setTextFragmenter(new SimpleSpanFragmenter(scorer, 160));
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                String field = null;
                String value = null;
                for (String f : fields) {
                    if (d.get(f) != null) { field = f; value = d.get(f); break; }
                }
                if (value == null) continue;
                String snippet = hl.getBestFragment(analyzer, field, value);
                if (snippet == null) snippet = escape(value.length() > 160 ? value.substring(0, 160) + "…" : value);
                out.add(new Match(d.get(ENTITY_FIELD), field, sd.score, snippet));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the text index", e);
        } catch (InvalidTokenOffsetsException e) {
            throw new IllegalStateException("highlighter offsets out of step with the stored text", e);
        }
        return out;
    }

    /** Closes the index writer and its folder. */
    void close() {
        index.close();
        try {
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the text index", e);
        }
    }

    private static String escape(String s) {
        return HtmlEscapers.htmlEscaper().escape(s);
    }
}
