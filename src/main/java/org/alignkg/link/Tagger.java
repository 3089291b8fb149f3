package org.alignkg.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.alignkg.link.ConceptScheme.Concept;
import org.alignkg.link.ConceptScheme.Label;
import org.alignkg.link.ConceptScheme.Limitation;
import org.alignkg.link.TagResult.ConceptScore;
import org.alignkg.link.TagResult.LimitationSuggestion;
import org.alignkg.link.TagResult.Mention;
import org.alignkg.link.TagResult.Passage;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Finds SKOS concept labels in text and suggests limitations. Labels are analysed once into
 * sequences of term ids (see {@link TermAnalyzer}); a text is analysed into term ids too, with
 * terms that occur in no label mapped to -1, and then matched greedily, longest label first,
 * never across a sentence boundary. Acronym labels ("ELK", "ASI") match only upper-case text.
 * Thread-safe: every call analyses with its own token stream.
 */
public final class Tagger {
    public static final String VERSION = "alignkg-tagger/0.1.0 (KStem, longest-match, noisy-or limitations)";

    /** A suggested limitation must reach this score. */
    public static final double LIMITATION_THRESHOLD = 0.3;
    /** Passages shown per concept or limitation. */
    private static final int PASSAGES = 3;
    private static final int MAX_PASSAGE = 320;

    private final ConceptScheme scheme;
    private final TermAnalyzer analyzer = new TermAnalyzer();
    /** Stemmed term to id; only terms that occur in some label. */
    private final CharArrayMap<Integer> vocabulary = new CharArrayMap<>(512, false);
    /** For each term id, the labels that start with it, longest first. */
    private final LabelSeq[][] byFirstTerm;
    /** Weight of each (concept, label) pair, keyed "concept NUL label". */
    private final Map<String, Double> labelWeight = new HashMap<>();

    private record LabelSeq(String concept, Label label, int[] terms, boolean acronym, double weight) { }

    public Tagger(ConceptScheme scheme) {
        this.scheme = scheme;
        Map<Integer, List<LabelSeq>> first = new HashMap<>();
        for (Concept c : scheme.concepts().values()) {
            for (Label l : c.labels()) {
                int[] terms = analyseLabel(l.text());
                if (terms.length == 0) continue;
                // Longer (more specific) labels weigh more: +25% per extra token, at most doubled.
                double weight = l.kind().weight * Math.min(2.0, 1 + 0.25 * (terms.length - 1));
                LabelSeq seq = new LabelSeq(c.iri(), l, terms, isAcronym(l.text()), weight);
                first.computeIfAbsent(terms[0], k -> new ArrayList<>()).add(seq);
            }
        }
        first.values().forEach(list -> list.forEach(s -> labelWeight.put(s.concept() + '\u0000' + s.label().text(), s.weight())));
        byFirstTerm = new LabelSeq[vocabulary.size()][];
        first.forEach((id, list) -> {
            list.sort(Comparator.comparingInt((LabelSeq s) -> -s.terms().length).thenComparing(s -> s.label().text()));
            byFirstTerm[id] = list.toArray(LabelSeq[]::new);
        });
    }

    public ConceptScheme scheme() {
        return scheme;
    }

    private int[] analyseLabel(String label) {
        List<Integer> ids = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", label)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                Integer id = vocabulary.get(term.buffer(), 0, term.length());
                if (id == null) {
                    id = vocabulary.size();
                    vocabulary.put(term.toString(), id);
                }
                ids.add(id);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** "AGI", "ELK", "RLHF": short all-capital labels must match capitals in the text. */
    static boolean isAcronym(String label) {
        if (label.length() > 6) return false;
        boolean letter = false;
        for (int i = 0; i < label.length(); i++) {
            char ch = label.charAt(i);
            if (Character.isLowerCase(ch)) return false;
            if (Character.isLetter(ch)) letter = true;
        }
        return letter;
    }

    /** Analysed text: parallel arrays over its tokens. */
    private static final class Tokens {
        int n;
        int[] ids = new int[256];
        int[] starts = new int[256];
        int[] ends = new int[256];
        int[] sentence = new int[256];

        void add(int id, int start, int end, int sent) {
            if (n == ids.length) {
                int cap = n * 2;
                ids = Arrays.copyOf(ids, cap);
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
                sentence = Arrays.copyOf(sentence, cap);
            }
            ids[n] = id;
            starts[n] = start;
            ends[n] = end;
            sentence[n] = sent;
            n++;
        }
    }

    /** Mentions only, in text order: the fast path (what the benchmark measures). */
    public List<Mention> mentions(String text) {
        Tokens tk = analyse(text);
        List<Mention> out = new ArrayList<>();
        int i = 0;
        while (i < tk.n) {
            int id = tk.ids[i];
            LabelSeq[] cands = id < 0 ? null : byFirstTerm[id];
            int matched = 0;
            if (cands != null) {
                for (LabelSeq s : cands) {
                    int len = s.terms().length;
                    if (i + len > tk.n || tk.sentence[i + len - 1] != tk.sentence[i]) continue;
                    boolean ok = true;
                    for (int k = 1; k < len && ok; k++) ok = tk.ids[i + k] == s.terms()[k];
                    if (!ok) continue;
                    int start = tk.starts[i];
                    int end = tk.ends[i + len - 1];
                    if (s.acronym() && !isUpperCase(text, start, end)) continue;
                    int[] sent = sentenceSpan(text, tk, i);
                    out.add(new Mention(s.concept(), s.label().text(), start, end, text.substring(start, end), sent[0], sent[1]));
                    matched = len;
                    break;
                }
            }
            i += matched == 0 ? 1 : matched;
        }
        return out;
    }

    private static boolean isUpperCase(String text, int start, int end) {
        for (int i = start; i < end; i++) if (Character.isLowerCase(text.charAt(i))) return false;
        return true;
    }

    private Tokens analyse(String text) {
        Tokens tk = new Tokens();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            int sent = 0;
            int prevEnd = -1;
            while (ts.incrementToken()) {
                int start = off.startOffset();
                if (prevEnd >= 0 && isSentenceBreak(text, prevEnd, start)) sent++;
                Integer id = vocabulary.get(term.buffer(), 0, term.length());
                tk.add(id == null ? -1 : id, start, off.endOffset(), sent);
                prevEnd = off.endOffset();
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tk;
    }

    /**
     * Whether the characters between two tokens end a sentence: '.', '!', '?' followed by
     * white space, or a blank line (paragraph, heading, list item or table cell from the
     * format converters). "2.5" and "e.g" are not breaks; a dot before white space is.
     */
    static boolean isSentenceBreak(String text, int from, int to) {
        int newlines = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 >= to || Character.isWhitespace(text.charAt(i + 1))
                    || text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\u201d' || text.charAt(i + 1) == ')'))
                return true;
            if (c == '\n' && ++newlines >= 2) return true;
        }
        return false;
    }

    /** Start and end (UTF-16) of the sentence of token {@code i}, trailing punctuation included. */
    private static int[] sentenceSpan(String text, Tokens tk, int i) {
        int s = i;
        while (s > 0 && tk.sentence[s - 1] == tk.sentence[i]) s--;
        int e = i;
        while (e + 1 < tk.n && tk.sentence[e + 1] == tk.sentence[i]) e++;
        int end = tk.ends[e];
        while (end < text.length() && ".!?\"”)".indexOf(text.charAt(end)) >= 0) end++;
        return new int[] { tk.starts[s], end };
    }

    /** Tags a text: mentions, ranked concepts and ranked limitation suggestions. */
    public TagResult tag(String text) {
        List<Mention> mentions = mentions(text);
        int early = Math.max(500, text.length() / 6);
        Map<String, Double> raw = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, List<Mention>> byConcept = new LinkedHashMap<>();
        for (Mention m : mentions) {
            double w = labelWeight.getOrDefault(m.concept() + '\u0000' + m.label(), 1.0) * (m.start() < early ? 1.5 : 1.0);
            raw.merge(m.concept(), w, Double::sum);
            counts.merge(m.concept(), 1, Integer::sum);
            byConcept.computeIfAbsent(m.concept(), k -> new ArrayList<>()).add(m);
        }
        List<ConceptScore> concepts = new ArrayList<>();
        Map<String, Double> score = new HashMap<>();
        raw.forEach((c, r) -> {
            double s = round(1 - Math.exp(-r / 2));
            score.put(c, s);
            Concept concept = scheme.concepts().get(c);
            concepts.add(new ConceptScore(c, concept == null ? c : concept.prefLabel(), s, counts.get(c),
                passages(text, byConcept.get(c))));
        });
        concepts.sort(Comparator.comparingDouble((ConceptScore c) -> -c.score()).thenComparing(ConceptScore::concept));

        // A concept also counts, at half strength, for each of its broader concepts.
        Map<String, Double> effective = new HashMap<>(score);
        Map<String, String> via = new HashMap<>();
        score.forEach((c, s) -> {
            Concept concept = scheme.concepts().get(c);
            if (concept == null) return;
            for (String b : concept.broader()) {
                if (effective.getOrDefault(b, 0.0) < s / 2) {
                    effective.put(b, s / 2);
                    via.put(b, c);
                }
            }
        });

        List<LimitationSuggestion> limitations = new ArrayList<>();
        for (Limitation l : scheme.limitations().values()) {
            double miss = 1;
            List<String> shared = new ArrayList<>();
            List<Mention> evidence = new ArrayList<>();
            for (Map.Entry<String, Double> e : l.concerns().entrySet()) {
                double eff = effective.getOrDefault(e.getKey(), 0.0);
                if (eff <= 0) continue;
                // Concepts that many limitations concern say less about any one of them.
                double w = e.getValue() / Math.sqrt(scheme.limitationsConcerning(e.getKey()));
                miss *= 1 - eff * w;
                String source = score.containsKey(e.getKey()) ? e.getKey() : via.get(e.getKey());
                shared.add(e.getKey());
                evidence.addAll(byConcept.getOrDefault(source, List.of()));
            }
            double s = round(1 - miss);
            if (s >= LIMITATION_THRESHOLD) {
                shared.sort(Comparator.comparingDouble((String c) -> -effective.get(c)).thenComparing(c -> c));
                limitations.add(new LimitationSuggestion(l.iri(), l.number(), l.label(), s, shared, passages(text, evidence)));
            }
        }
        limitations.sort(Comparator.comparingDouble((LimitationSuggestion l) -> -l.score()).thenComparingInt(LimitationSuggestion::number));
        return new TagResult(text, mentions, concepts, limitations);
    }

    /** The sentences holding the most mentions, best first, at most {@link #PASSAGES}. */
    private static List<Passage> passages(String text, List<Mention> mentions) {
        Map<Long, Integer> bySentence = new LinkedHashMap<>();
        for (Mention m : mentions) bySentence.merge(((long) m.sentenceStart() << 32) | m.sentenceEnd(), 1, Integer::sum);
        return bySentence.entrySet().stream()
            .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
            .limit(PASSAGES)
            .map(e -> {
                int s = (int) (e.getKey() >>> 32);
                int en = (int) (e.getKey() & 0xffffffffL);
                String p = text.substring(s, en).replaceAll("\\s+", " ").strip();
                if (p.length() > MAX_PASSAGE) p = p.substring(0, MAX_PASSAGE - 1) + "…";
                return new Passage(s, en, p);
            })
            .toList();
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
