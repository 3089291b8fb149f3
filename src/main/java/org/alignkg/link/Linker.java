package org.alignkg.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.alignkg.embed.SentenceEncoder;
import org.alignkg.link.ConceptScheme.Concept;
import org.alignkg.link.ConceptScheme.Label;
import org.alignkg.link.ConceptScheme.Limitation;
import org.alignkg.link.TagResult.ConceptScore;
import org.alignkg.link.TagResult.FamilyScore;
import org.alignkg.link.TagResult.LimitationSuggestion;
import org.alignkg.link.TagResult.Mention;
import org.alignkg.link.TagResult.Passage;

/**
 * The linker: an ensemble of three methods over one text.
 * <ul>
 * <li><b>lexical</b>: the {@link Tagger}'s exact label matches (stemmed), the strongest evidence;</li>
 * <li><b>similarity</b>: the cosine between each sentence's embedding and each concept's
 * description (its labels and definition), which sees paraphrase ("a debate between two
 * unreliable experts");</li>
 * <li><b>classifier</b>: the {@link ConceptClassifier}'s probabilities for the families and the
 * newsletter-mapped concepts, from the whole text's embedding.</li>
 * </ul>
 * Families are decided first (classifier, or classifier and lexical together), then concepts
 * inside decided families; limitations are suggested where the text shares their concepts and one
 * of its sentences is close to the limitation's own words. Every decision keeps the sentences
 * that justified it. The thresholds come with the classifier, calibrated on held-out newsletter
 * entries ({@code alignkg train}). Thread-safe.
 */
public final class Linker {
    public static final String VERSION = "alignkg-linker/0.6.0 (lexical + MiniLM similarity + softmax classifier over the embedding and the words with a nearest-neighbour vote and per-family offsets, trained on the newsletter and 600 hand-labelled abstracts)";
    /** Sentences embedded per text at most (the first ones). */
    static final int MAX_SENTENCES = 48;
    /** Sentences that make up the text's own vector (the first ones: title and abstract). */
    static final int DOC_SENTENCES = 16;
    static final int MAX_CONCEPTS_PER_FAMILY = 3;
    /**
     * Lexical score that decides a family the classifier has no training example for (honesty, AI
     * control, dangerous capabilities): about two mentions of its concepts' labels. Set by design,
     * not calibrated: no labelled data holds these families.
     */
    static final double UNTRAINED_FAMILY_LEXICAL = 0.6;
    /** For such a family, a lexical mention and a passage this close to one of its concepts also decide it. */
    static final double UNTRAINED_FAMILY_SIMILARITY = 0.55;

    /** The best cosine between a passage of the text and a concept of family {@code f}. */
    double familySimilarity(Analysis a, String f) {
        double best = -1;
        for (Concept c : scheme.concepts().values())
            if (c.family().equals(f)) best = Math.max(best, best(a.sentenceVectors(), descriptions.get(c.iri()))[1]);
        return best;
    }

    /** Similarity at which the best-matching concept of a decided family is proposed (the others need {@code similarity}). */
    static final double BEST_IN_FAMILY_SIMILARITY = 0.5;

    /**
     * The decision thresholds. {@code family}: classifier probability that decides a family alone;
     * {@code familyWithLexical}: the probability that suffices when a concept of the family is
     * also found lexically with at least {@code lexical}; {@code similarity}: the sentence cosine
     * above which a concept of a decided family is proposed; {@code concept}: the concept-head
     * probability that does the same; {@code limitationSimilarity} and {@code limitationConcepts}:
     * the sentence cosine to a limitation and the concept overlap a limitation suggestion needs;
     * {@code lexicalAlone}: the lexical score that decides a family without the classifier (families
     * the newsletter has no section for, such as AI control, can only be found this way).
     */
    public record Thresholds(double family, double familyWithLexical, double lexical, double similarity, double concept,
                             double limitationSimilarity, double limitationConcepts, double lexicalAlone, Double untrainedSimilarity,
                             Double familyNamed, Map<String, Double> familyOffsets) {
        /**
         * What a family's classifier probability must exceed the shared thresholds by (absent in
         * older files, and for most families: 0). Chosen on dev per family with enough dev
         * positives: one shared threshold over the softmax treats broad families (learning from
         * humans) and narrow ones alike, so some fire too often at it and others too rarely.
         */
        public double offset(String family) {
            return familyOffsets == null ? 0 : familyOffsets.getOrDefault(family, 0.0);
        }

        Thresholds withOffsets(Map<String, Double> offsets) {
            return new Thresholds(family, familyWithLexical, lexical, similarity, concept, limitationSimilarity, limitationConcepts, lexicalAlone, untrainedSimilarity, familyNamed, offsets);
        }

        /**
         * The classifier probability that suffices for a family the text names by its own
         * multi-word preferred label ("scalable oversight"): exact evidence for the family itself,
         * not for one of its concepts, whose labels ("language models") are what the
         * family+lexical threshold is calibrated on (absent in older files: the family+lexical one).
         */
        public double named() {
            return familyNamed == null ? familyWithLexical : familyNamed;
        }

        /**
         * For a family without newsletter examples: the passage cosine to one of its concepts'
         * descriptions that decides it without any lexical evidence (absent in older files: never).
         */
        public double untrainedAlone() {
            return untrainedSimilarity == null ? NEVER : untrainedSimilarity;
        }

        /** A cosine no passage reaches (cosines are at most 1): the similarity-alone rule never fires. */
        static final double NEVER = 2;

        Thresholds withUntrained(double u) {
            return new Thresholds(family, familyWithLexical, lexical, similarity, concept, limitationSimilarity, limitationConcepts, lexicalAlone, u, familyNamed, familyOffsets);
        }

        Thresholds withLimitations(double similarity, double concepts) {
            return new Thresholds(family, familyWithLexical, lexical, this.similarity, concept, similarity, concepts, lexicalAlone, untrainedSimilarity, familyNamed, familyOffsets);
        }

        Thresholds withNamed(double n) {
            return new Thresholds(family, familyWithLexical, lexical, similarity, concept, limitationSimilarity, limitationConcepts, lexicalAlone, untrainedSimilarity, n, familyOffsets);
        }
    }

    private final ConceptScheme scheme;
    private final Tagger tagger;
    private final SentenceEncoder encoder;
    private final ConceptClassifier classifier;
    private final Thresholds t;
    /** Per concept, the embeddings of its description texts. */
    private final Map<String, float[][]> descriptions = new LinkedHashMap<>();
    /** Per limitation, the embeddings of its sentences. */
    private final Map<String, float[][]> limitationVectors = new LinkedHashMap<>();
    private final java.util.Set<String> untrainedFamilies = new java.util.TreeSet<>();

    public Linker(ConceptScheme scheme, SentenceEncoder encoder, ConceptClassifier classifier, Thresholds thresholds,
                  Map<String, String> limitationTexts) {
        this.scheme = scheme;
        this.tagger = new Tagger(scheme);
        this.encoder = encoder;
        this.classifier = classifier;
        this.t = thresholds;
        for (Concept c : scheme.concepts().values()) {
            List<String> texts = new ArrayList<>();
            texts.add(c.definition().isEmpty() ? c.prefLabel() : c.prefLabel() + ": " + c.definition());
            for (Label l : c.labels()) if (l.text().length() > 3) texts.add(l.text());
            descriptions.put(c.iri(), encoder.encode(texts));
        }
        Object examples = classifier.model().trainedOn() == null ? null : classifier.model().trainedOn().get("familyExamples");
        for (String f : scheme.families())
            if (examples instanceof Map<?, ?> m && (!(m.get(f) instanceof Number n) || n.intValue() < FEW_EXAMPLES)) untrainedFamilies.add(f);
        for (Limitation l : scheme.limitations().values()) {
            String text = limitationTexts.get(l.iri());
            if (text == null) continue;
            List<String> parts = Sentences.passages(text).stream().map(Sentences.Span::text).toList();
            limitationVectors.put(l.iri(), encoder.encode(parts.isEmpty() ? List.of(text) : parts));
        }
    }

    /**
     * Below this many training examples a family counts as untrained: the softmax head cannot
     * learn it from a handful (AI control, dangerous capabilities and honesty have no newsletter
     * section and 2–4 labelled abstracts each), so it is found lexically or by similarity.
     */
    static final int FEW_EXAMPLES = 10;

    /** The families the classifier has (almost) no training example for (found lexically or by similarity only). */
    java.util.Set<String> untrainedFamilies() {
        return untrainedFamilies;
    }

    public ConceptScheme scheme() {
        return scheme;
    }

    public Thresholds thresholds() {
        return t;
    }

    /** What the linker needs of a text, computed once; {@link #decide} applies thresholds to it. */
    public record Analysis(String text, TagResult lexical, List<Sentences.Span> sentences, float[][] sentenceVectors,
                           float[] documentVector, Map<String, Double> familyP, Map<String, Double> conceptP) { }

    public Analysis analyse(String text) {
        TagResult lexical = tagger.tag(text);
        List<Sentences.Span> sentences = Sentences.passages(text);
        if (sentences.size() > MAX_SENTENCES) sentences = sentences.subList(0, MAX_SENTENCES);
        if (sentences.isEmpty()) sentences = List.of(new Sentences.Span(0, text.length(), text));
        float[][] sv = encoder.encode(sentences.stream().map(Sentences.Span::text).toList());
        List<float[]> first = new ArrayList<>();
        for (int i = 0; i < Math.min(DOC_SENTENCES, sv.length); i++) first.add(sv[i]);
        float[] doc = SentenceEncoder.mean(first);
        BagOfWords.Features words = classifier.words(head(text, sentences));
        return new Analysis(text, lexical, sentences, sv, doc, classifier.families(doc, words), classifier.concepts(doc));
    }

    /**
     * The part of a text that makes up its document vector and its words: up to the end of its
     * {@link #DOC_SENTENCES}th passage (title and abstract; in a whole paper, the introduction's
     * start). Why the words too: a paper's related-work section names every neighbouring topic,
     * and the words head was trained on titles and abstracts.
     */
    static String head(String text) {
        return head(text, Sentences.passages(text));
    }

    /** {@link #head(String)} with the text's passages already cut. */
    private static String head(String text, List<Sentences.Span> passages) {
        return passages.isEmpty() ? text : text.substring(0, passages.get(Math.min(DOC_SENTENCES, passages.size()) - 1).end());
    }

    public TagResult tag(String text) {
        return decide(analyse(text), t);
    }

    /** Best sentence for a set of description vectors: its index and cosine. */
    private static double[] best(float[][] sentences, float[][] targets) {
        double best = -1;
        int at = 0;
        for (int s = 0; s < sentences.length; s++)
            for (float[] d : targets) {
                double c = SentenceEncoder.dot(sentences[s], d);
                if (c > best) {
                    best = c;
                    at = s;
                }
            }
        return new double[] { at, best };
    }

    public TagResult decide(Analysis a, Thresholds th) {
        Map<String, ConceptScore> lexical = new HashMap<>();
        for (ConceptScore c : a.lexical().concepts()) lexical.put(c.concept(), c);

        // Families: the classifier alone, or the classifier with lexical evidence inside the family.
        Map<String, Double> lexicalByFamily = new HashMap<>();
        for (ConceptScore c : a.lexical().concepts()) {
            Concept concept = scheme.concepts().get(c.concept());
            if (concept != null) lexicalByFamily.merge(concept.family(), c.score(), Math::max);
        }
        java.util.Set<String> namedByLabel = namedFamilies(a);
        List<FamilyScore> families = new ArrayList<>();
        for (String f : scheme.families()) {
            double p = a.familyP().getOrDefault(f, 0.0);
            double pd = p - th.offset(f);
            double lex = lexicalByFamily.getOrDefault(f, 0.0);
            // A family with (almost) no training example can only be found lexically or by similarity.
            boolean untrained = untrainedFamilies.contains(f);
            boolean decided = pd >= th.family() || (pd >= th.familyWithLexical() && lex >= th.lexical()) || lex >= th.lexicalAlone()
                || (pd >= th.named() && namedByLabel.contains(f))
                || (untrained && (lex >= UNTRAINED_FAMILY_LEXICAL
                    || (lex > 0 && familySimilarity(a, f) >= UNTRAINED_FAMILY_SIMILARITY)
                    || familySimilarity(a, f) >= th.untrainedAlone()));
            if (!decided) continue;
            Map<String, Double> methods = new LinkedHashMap<>();
            methods.put("classifier", round(p));
            if (lex > 0) methods.put("lexical", round(lex));
            if (untrained) methods.put("similarity", round(familySimilarity(a, f)));
            families.add(new FamilyScore(f, scheme.concepts().get(f).prefLabel(), round(1 - (1 - p) * (1 - lex)), methods));
        }
        // A text that names a topic is about something: when no family reaches the thresholds, the
        // named family with the strongest combined evidence is decided (a text naming "superposition"
        // three times whose classifier spreads its probability over broad sections would otherwise
        // get nothing). A text naming no topic (only hedges and document types) stays without.
        if (families.isEmpty()) {
            FamilyScore best = null;
            for (String f : scheme.families()) {
                double p = a.familyP().getOrDefault(f, 0.0);
                double lex = lexicalByFamily.getOrDefault(f, 0.0);
                if (lex <= 0) continue;
                double score = round(1 - (1 - p) * (1 - lex));
                if (best == null || score > best.score()) {
                    Map<String, Double> methods = new LinkedHashMap<>();
                    methods.put("classifier", round(p));
                    if (lex > 0) methods.put("lexical", round(lex));
                    best = new FamilyScore(f, scheme.concepts().get(f).prefLabel(), score, methods);
                }
            }
            if (best != null) families.add(best);
        }
        families.sort(Comparator.comparingDouble((FamilyScore f) -> -f.score()).thenComparing(FamilyScore::family));
        Map<String, FamilyScore> decidedFamilies = new HashMap<>();
        families.forEach(f -> decidedFamilies.put(f.family(), f));

        // Concepts inside decided families (and the family concept itself).
        List<ConceptScore> concepts = new ArrayList<>();
        Map<String, Integer> perFamily = new HashMap<>();
        List<ConceptScore> candidates = new ArrayList<>();
        for (Concept c : scheme.concepts().values()) {
            FamilyScore fam = decidedFamilies.get(c.family());
            if (fam == null) continue;
            ConceptScore lex = lexical.get(c.iri());
            double[] sim = best(a.sentenceVectors(), descriptions.get(c.iri()));
            double cp = a.conceptP().getOrDefault(c.iri(), 0.0);
            double lexScore = lex == null ? 0 : lex.score();
            // Inside a decided family, naming the concept is evidence enough.
            boolean byLex = lexScore > 0;
            boolean bySim = sim[1] >= th.similarity();
            boolean byCls = cp >= th.concept();
            if (!c.isFamily() && !byLex && !bySim && !byCls) continue;
            Map<String, Double> methods = new LinkedHashMap<>();
            if (lexScore > 0) methods.put("lexical", round(lexScore));
            methods.put("similarity", round(sim[1]));
            if (cp > 0.001) methods.put("classifier", round(cp));
            if (c.isFamily()) methods.put("family", fam.score());
            double simNorm = Math.max(0, Math.min(1, (sim[1] - 0.25) / 0.5));
            double score = c.isFamily() ? fam.score() : round(1 - (1 - lexScore) * (1 - simNorm * 0.8) * (1 - cp));
            List<Passage> evidence = new ArrayList<>();
            if (lex != null) evidence.addAll(lex.evidence());
            Sentences.Span s = a.sentences().get((int) sim[0]);
            Passage simPassage = new Passage(s.start(), s.end(), s.text());
            if (evidence.stream().noneMatch(p -> p.start() == s.start())) evidence.add(simPassage);
            candidates.add(new ConceptScore(c.iri(), c.prefLabel(), score, lex == null ? 0 : lex.mentions(),
                evidence.subList(0, Math.min(3, evidence.size())), c.family(), methods));
        }
        // The concept of each decided family that is closest in meaning, when close enough, also counts.
        Map<String, Object[]> bestSim = new HashMap<>();
        for (Concept c : scheme.concepts().values()) {
            if (c.isFamily() || !decidedFamilies.containsKey(c.family())) continue;
            double[] sim = best(a.sentenceVectors(), descriptions.get(c.iri()));
            Object[] cur = bestSim.get(c.family());
            if (cur == null || sim[1] > (double) cur[1]) bestSim.put(c.family(), new Object[] { c, sim[1], (int) sim[0] });
        }
        for (Object[] b : bestSim.values()) {
            Concept c = (Concept) b[0];
            double sim = (double) b[1];
            if (sim < BEST_IN_FAMILY_SIMILARITY || candidates.stream().anyMatch(x -> x.concept().equals(c.iri()))) continue;
            Sentences.Span s = a.sentences().get((int) b[2]);
            Map<String, Double> methods = new LinkedHashMap<>();
            methods.put("similarity", round(sim));
            double cp = a.conceptP().getOrDefault(c.iri(), 0.0);
            if (cp > 0.001) methods.put("classifier", round(cp));
            double simNorm = Math.max(0, Math.min(1, (sim - 0.25) / 0.5));
            candidates.add(new ConceptScore(c.iri(), c.prefLabel(), round(1 - (1 - simNorm * 0.8) * (1 - cp)), 0,
                List.of(new Passage(s.start(), s.end(), s.text())), c.family(), methods));
        }
        candidates.sort(Comparator.comparingDouble((ConceptScore c) -> -c.score()).thenComparing(ConceptScore::concept));
        for (ConceptScore c : candidates) {
            boolean family = c.concept().equals(c.family());
            if (!family && perFamily.merge(c.family(), 1, Integer::sum) > MAX_CONCEPTS_PER_FAMILY) continue;
            concepts.add(c);
        }

        // Limitations: shared concepts, and a sentence close to the limitation's own words.
        Map<String, Double> effective = new HashMap<>();
        for (ConceptScore c : concepts) effective.merge(c.concept(), c.score(), Math::max);
        // A concept the text names counts for a limitation even when its family was not decided:
        // the newsletter's one-section labels make the classifier reluctant to give a text a second
        // family ("critiques ... AI-assisted evaluation" is learning from humans to it), but a
        // limitation is suggested for what the text says, not for its section.
        for (ConceptScore c : a.lexical().concepts())
            if (c.score() >= th.lexical()) effective.merge(c.concept(), c.score(), Math::max);
        List<LimitationSuggestion> limitations = new ArrayList<>();
        for (Limitation l : scheme.limitations().values()) {
            float[][] lv = limitationVectors.get(l.iri());
            if (lv == null) continue;
            double miss = 1;
            List<String> shared = new ArrayList<>();
            for (Map.Entry<String, Double> e : l.concerns().entrySet()) {
                Double s = effective.get(e.getKey());
                if (s == null) continue;
                double w = e.getValue() / Math.sqrt(Math.max(1, scheme.limitationsConcerning(e.getKey())));
                miss *= 1 - s * w;
                shared.add(e.getKey());
            }
            double overlap = 1 - miss;
            // A careful reader links a text to a limitation only when it names what the limitation is about.
            boolean named = l.concerns().entrySet().stream().anyMatch(e -> e.getValue() >= 1.0
                && lexical.containsKey(e.getKey()) && lexical.get(e.getKey()).score() >= th.lexical());
            if (!named) continue;
            double[] sim = best(a.sentenceVectors(), lv);
            if (overlap < th.limitationConcepts() || sim[1] < th.limitationSimilarity()) continue;
            Sentences.Span s = a.sentences().get((int) sim[0]);
            Map<String, Double> methods = new LinkedHashMap<>();
            methods.put("concepts", round(overlap));
            methods.put("similarity", round(sim[1]));
            shared.sort(Comparator.comparingDouble((String c) -> -effective.get(c)).thenComparing(c -> c));
            limitations.add(new LimitationSuggestion(l.iri(), l.number(), l.label(), round(Math.sqrt(overlap * sim[1])), shared,
                List.of(new Passage(s.start(), s.end(), s.text())), methods));
        }
        limitations.sort(Comparator.comparingDouble((LimitationSuggestion l) -> -l.score()).thenComparingInt(LimitationSuggestion::number));
        List<Mention> mentions = a.lexical().mentions();
        return new TagResult(a.text(), mentions, concepts, limitations, families);
    }

    /**
     * The families the text names by their own preferred label of more than one word ("This
     * AI-assisted evaluation is a step towards scalable oversight"). The lexical score of a family
     * is the best of its concepts' scores, and a family's name scores no higher than a generic
     * concept label ("language models"), so the family+lexical threshold, calibrated on dev for
     * both, overruled such exact mentions; they get their own threshold ({@link Thresholds#named}).
     * One-word names ("interpretability", "governance") are left out: they are used loosely.
     */
    java.util.Set<String> namedFamilies(Analysis a) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Mention m : a.lexical().mentions()) {
            Concept c = scheme.concepts().get(m.concept());
            if (c != null && c.isFamily() && c.prefLabel().strip().contains(" ") && m.label().equalsIgnoreCase(c.prefLabel()))
                out.add(c.iri());
        }
        return out;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
