package org.alignkg.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.alignkg.InvalidInputException;
import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.alignkg.embed.SentenceEncoder;
import org.alignkg.ingest.RdfFileReader;
import org.alignkg.link.ConceptClassifier.Head;
import org.alignkg.link.Linker.Thresholds;
import org.alignkg.ontology.AKG;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Trains the linker's classifier and calibrates its thresholds ({@code alignkg train}), and
 * builds a {@link Linker} over a graph. Deterministic: the same data give the same weights.
 * <ol>
 * <li>the newsletter entries whose category is mapped, split by {@link Newsletter#partOf};</li>
 * <li>each entry's vector: the mean embedding of its first sentences (title and summary);</li>
 * <li>the family head and the concept head trained on the train part;</li>
 * <li>the thresholds chosen on the dev part, by a grid search for the best family F1, then the
 * best concept F1 with family decisions fixed;</li>
 * <li>the test part is not read here.</li>
 * </ol>
 */
public final class Training {
    static final int EPOCHS = 400;
    static final double RATE = 4.0;
    static final double L2 = 2e-4;
    /** Neighbour vote: the candidates for its size and share (chosen on dev), and its temperature (set: cosines differ by hundredths). */
    static final int[] KNN_K = { 10, 20, 40 };
    static final double[] KNN_WEIGHT = { 0.3, 0.5, 0.7 };
    static final double KNN_TEMPERATURE = 20;
    /** Words heads: a term enters the vocabulary in at least this many training texts and at most this share of them. */
    static final int WORDS_MIN_DF = 3;
    static final double WORDS_MAX_SHARE = 0.5;
    /**
     * The words head's rate and L2, by dev top family with the words head alone (rate 8 and L2
     * 3e-5: 0.784; 16 and 1e-5: 0.784; 40 and 1e-6: 0.814; 40 and 1e-7: 0.814; 100 and 1e-6:
     * 0.810; the embedding head alone: 0.732). A sparse term gets a gradient only from the texts
     * that hold it, so it needs a larger rate and less shrinkage than the dense embedding.
     */
    static final double WORDS_RATE = 40.0;
    static final double WORDS_L2 = 1e-6;
    /** The words heads' share in the heads' average (chosen on dev; 0: embedding head only). */
    static final double[] WORDS_SHARE = { 0, 0.3, 0.5, 0.7, 1.0 };
    /** Share of dev entries on which a family without newsletter examples may fire by similarity alone (a false-alarm budget). */
    static final double UNTRAINED_ALARMS = 0.03;
    /** Thresholds used before calibration, and for limitations (no labelled data to calibrate them on). */
    static final Thresholds DEFAULTS = new Thresholds(0.45, 0.2, 0.3, 0.55, 0.5, 0.6, 0.3, 0.7, null, null, null);

    private Training() { }

    /** Every Turtle file under {@code dataDir} in one graph (the curated data: concepts, categories, limitations). */
    public static Graph readData(Path dataDir) {
        Graph g = GraphFactory.createGraphMem();
        RdfFileReader reader = new RdfFileReader(Progress.NONE);
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ttl")).sorted().toList())
                reader.read(f, f.toString(), null, AKG.BASE).defaultGraph().find().forEachRemaining(g::add);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(SourceLocation.of(dataDir.toString()), "cannot read: " + e.getMessage(), e);
        }
        return g;
    }

    /** The limitations' verbatim texts ({@code schema:text}) in {@code g}. */
    public static Map<String, String> limitationTexts(Graph g, ConceptScheme scheme) {
        Map<String, String> out = new HashMap<>();
        Node text = NodeFactory.createURI("http://schema.org/text");
        for (String l : scheme.limitations().keySet())
            g.find(NodeFactory.createURI(l), text, Node.ANY).nextOptional()
                .ifPresent(t -> out.put(l, t.getObject().getLiteralLexicalForm()));
        return out;
    }

    /** A linker over {@code g} with the shipped classifier and its calibrated thresholds. */
    public static Linker linker(Graph g) {
        ConceptScheme scheme = ConceptScheme.of(g);
        ConceptClassifier c = ConceptClassifier.shipped();
        return new Linker(scheme, SentenceEncoder.shared(), c, c.model().thresholds(), limitationTexts(g, scheme));
    }

    /** The document vector of a text, as the linker computes it. */
    static float[] vector(SentenceEncoder encoder, String text) {
        List<String> s = Sentences.passages(text).stream().map(Sentences.Span::text).limit(Linker.DOC_SENTENCES).toList();
        return SentenceEncoder.mean(List.of(encoder.encode(s.isEmpty() ? List.of(text) : s)));
    }

    /** Seed of the split of the hand-labelled training abstracts (by key): 75 % train, 25 % dev. */
    public static final String ABSTRACT_SEED = "alignkg-2026-12-02-abstracts";
    /** A concept of the labelled abstracts becomes a class of the concept head with at least this many training examples. */
    static final int MIN_CONCEPT_EXAMPLES = 3;

    /** The part of a hand-labelled training abstract with this Zotero key: train or dev (abstracts have no test part: the held-out sets are elsewhere). */
    public static Newsletter.Part abstractPartOf(String key) {
        return Newsletter.bucket(ABSTRACT_SEED, key) < 75 ? Newsletter.Part.TRAIN : Newsletter.Part.DEV;
    }

    /**
     * Hand-labelled abstracts as training entries: the labelled concepts and families are the
     * entry's concepts (a family counts as its own concept, as in the newsletter's mapping), the
     * category names the source ({@code abstract:KEY}), the part comes from {@link #abstractPartOf}.
     */
    static List<Newsletter.Entry> abstractEntries(List<Evaluation.Labelled> labelled) {
        List<Newsletter.Entry> out = new ArrayList<>();
        int line = 1;
        for (Evaluation.Labelled x : labelled) {
            line++;
            Set<String> cs = new TreeSet<>(x.concepts());
            cs.addAll(x.families());
            String summary = x.text().startsWith(x.title()) ? x.text().substring(x.title().length()).strip() : x.text();
            out.add(new Newsletter.Entry(line, x.title(), summary, "abstract:" + x.id(), cs, abstractPartOf(x.id())));
        }
        return out;
    }

    /**
     * Trains, calibrates and returns the classifier; {@code report} receives one line per step.
     * {@code abstracts}: hand-labelled corpus abstracts (never the evaluation sets), split by key
     * into train and dev; trained and calibrated on beside the newsletter's parts, and their
     * limitation labels (train and dev) calibrate the limitation thresholds.
     */
    public static ConceptClassifier train(Graph data, Path newsletterFile, List<Evaluation.Labelled> abstracts,
                                          java.util.function.Consumer<String> report) {
        ConceptScheme scheme = ConceptScheme.of(data);
        Map<String, Set<String>> mapping = Newsletter.mapping(data);
        if (mapping.isEmpty())
            throw new InvalidInputException(SourceLocation.of("data"), "no mapped newsletter categories (data/newsletter-categories.ttl)");
        List<Newsletter.Entry> entries = Newsletter.read(newsletterFile, mapping);
        List<Newsletter.Entry> labelledAbstracts = abstractEntries(abstracts);
        List<Newsletter.Entry> train = new ArrayList<>(entries.stream().filter(e -> e.part() == Newsletter.Part.TRAIN).toList());
        List<Newsletter.Entry> dev = new ArrayList<>(entries.stream().filter(e -> e.part() == Newsletter.Part.DEV && e.summarised()).toList());
        List<Newsletter.Entry> abstractTrain = labelledAbstracts.stream().filter(e -> e.part() == Newsletter.Part.TRAIN).toList();
        List<Newsletter.Entry> abstractDev = labelledAbstracts.stream().filter(e -> e.part() == Newsletter.Part.DEV).toList();
        report.accept(String.format("%d mapped entries: %d train (titles without a summary included), %d dev with a summary; "
            + "the test part is held out and not read; %d labelled abstracts: %d train, %d dev", entries.size(), train.size(), dev.size(),
            labelledAbstracts.size(), abstractTrain.size(), abstractDev.size()));
        train.addAll(abstractTrain);
        dev.addAll(abstractDev);
        SentenceEncoder encoder = SentenceEncoder.shared();

        List<String> families = scheme.families();
        Set<String> conceptClasses = new TreeSet<>();
        for (Set<String> cs : mapping.values())
            for (String c : cs) if (scheme.concepts().containsKey(c) && !scheme.concepts().get(c).isFamily()) conceptClasses.add(c);
        Map<String, Integer> labelledConcepts = new TreeMap<>();
        for (Newsletter.Entry e : abstractTrain)
            for (String c : e.concepts())
                if (scheme.concepts().containsKey(c) && !scheme.concepts().get(c).isFamily()) labelledConcepts.merge(c, 1, Integer::sum);
        labelledConcepts.forEach((c, n) -> { if (n >= MIN_CONCEPT_EXAMPLES) conceptClasses.add(c); });
        List<String> concepts = new ArrayList<>(conceptClasses);

        List<float[]> fx = new ArrayList<>();
        List<String> familyTexts = new ArrayList<>();
        List<int[]> fy = new ArrayList<>();
        List<float[]> cx = new ArrayList<>();
        List<int[]> cy = new ArrayList<>();
        // every labelled training entry, for the neighbour vote: vector, family and concept indices
        List<float[]> ex = new ArrayList<>();
        List<int[]> ef = new ArrayList<>();
        List<int[]> ec = new ArrayList<>();
        int done = 0;
        for (Newsletter.Entry e : train) {
            float[] v = vector(encoder, e.text());
            int[] fam = familiesOf(scheme, families, e);
            if (fam.length > 0) {
                fx.add(v);
                fy.add(fam);
                familyTexts.add(Linker.head(e.text()));
            }
            int[] con = e.concepts().stream().mapToInt(concepts::indexOf).filter(i -> i >= 0).toArray();
            if (con.length > 0) {
                cx.add(v);
                cy.add(con);
            }
            if (fam.length > 0 || con.length > 0) {
                ex.add(v);
                ef.add(fam);
                ec.add(con);
            }
            if (++done % 200 == 0) report.accept("embedded " + done + "/" + train.size() + " training entries");
        }
        Map<String, Integer> familyExamples = new TreeMap<>();
        for (String f : families) familyExamples.put(f, 0);
        for (int[] ys : fy) for (int c : ys) familyExamples.merge(families.get(c), 1, Integer::sum);
        Head familyHead = ConceptClassifier.train(families, fx, fy, EPOCHS, RATE, L2);
        Head conceptHead = ConceptClassifier.train(concepts, cx, cy, EPOCHS, RATE, L2);
        report.accept(String.format("trained: family head %d classes on %d entries, concept head %d classes on %d entries",
            families.size(), fx.size(), concepts.size(), cx.size()));
        // The words head: the family head's entries as bags of words over the training texts' vocabulary.
        BagOfWords vocabulary = BagOfWords.of(train.stream().map(e -> Linker.head(e.text())).toList(), WORDS_MIN_DF, WORDS_MAX_SHARE);
        List<BagOfWords.Features> fw = familyTexts.stream().map(vocabulary::features).toList();
        int v = vocabulary.terms().size();
        Head familyWords = ConceptClassifier.train(families, fw, fy, v, EPOCHS, WORDS_RATE, WORDS_L2);
        report.accept(String.format("trained: words head over %d terms (stems and stem pairs in at least %d training texts)", v, WORDS_MIN_DF));

        Map<String, Object> trainedOn = new LinkedHashMap<>();
        trainedOn.put("file", newsletterFile.getFileName().toString());
        trainedOn.put("sha256", org.alignkg.link.DocumentRdf.sha256(readString(newsletterFile)));
        trainedOn.put("seed", Newsletter.SEED);
        trainedOn.put("train", train.size() - abstractTrain.size());
        trainedOn.put("dev", dev.size() - abstractDev.size());
        trainedOn.put("abstracts", abstracts.size());
        trainedOn.put("abstractSeed", ABSTRACT_SEED);
        trainedOn.put("abstractTrain", abstractTrain.size());
        trainedOn.put("abstractDev", abstractDev.size());
        trainedOn.put("epochs", EPOCHS);
        trainedOn.put("rate", RATE);
        trainedOn.put("l2", L2);
        trainedOn.put("familyExamples", familyExamples);
        trainedOn.put("wordsTerms", v);
        trainedOn.put("wordsRate", WORDS_RATE);
        trainedOn.put("wordsL2", WORDS_L2);
        // The words heads' share and the neighbour vote's size and share: chosen together on the
        // dev part, by how often the right family comes first.
        List<float[]> devVectors = dev.stream().map(e -> vector(encoder, e.text())).toList();
        List<BagOfWords.Features> devWords = dev.stream().map(e -> vocabulary.features(Linker.head(e.text()))).toList();
        ConceptClassifier.Model base = new ConceptClassifier.Model(Linker.VERSION, SentenceEncoder.MODEL, trainedOn,
            familyHead, conceptHead, null, null, DEFAULTS);
        ConceptClassifier.Model chosen = base;
        double bestTop = -1;
        StringBuilder grid = new StringBuilder();
        for (double share : WORDS_SHARE) {
            ConceptClassifier.Words words = share == 0 ? null : new ConceptClassifier.Words(vocabulary, share, familyWords);
            grid.append(String.format(java.util.Locale.ROOT, " words %.2f:", share));
            for (int k : KNN_K)
                for (double w : KNN_WEIGHT) {
                    ConceptClassifier.Model cand = base.with(words, ConceptClassifier.Examples.of(k, KNN_TEMPERATURE, w, ex, ef, ec), DEFAULTS);
                    double top = topFamilyAccuracy(new ConceptClassifier(cand), scheme, families, dev, devVectors, devWords);
                    grid.append(String.format(java.util.Locale.ROOT, " %d/%.1f %.3f", k, w, top));
                    if (top > bestTop + 1e-9) {
                        bestTop = top;
                        chosen = cand;
                    }
                }
        }
        double headOnly = topFamilyAccuracy(new ConceptClassifier(base), scheme, families, dev, devVectors, devWords);
        double wordsOnly = topFamilyAccuracy(new ConceptClassifier(base.with(new ConceptClassifier.Words(vocabulary, 1.0, familyWords), null, DEFAULTS)),
            scheme, families, dev, devVectors, devWords);
        report.accept("dev top family by words share, then vote size/share:" + grid);
        report.accept(String.format(java.util.Locale.ROOT, "dev top family: embedding head alone %.3f; words head alone %.3f; chosen: words share %.2f, "
            + "the vote of the %d nearest entries (share %.1f): %.3f", headOnly, wordsOnly,
            chosen.words() == null ? 0 : chosen.words().share(), chosen.examples().k(), chosen.examples().weight(), bestTop));
        ConceptClassifier provisional = new ConceptClassifier(chosen);
        Linker linker = new Linker(scheme, encoder, provisional, DEFAULTS, limitationTexts(data, scheme));
        List<Linker.Analysis> analyses = new ArrayList<>();
        for (Newsletter.Entry e : dev) analyses.add(linker.analyse(e.text()));
        Thresholds best = calibrate(scheme, linker, dev, analyses, report);
        reportPerFamily(scheme, linker, dev, analyses, best, report);
        best = calibrateLimitations(linker, abstracts, best, report);
        return new ConceptClassifier(chosen.with(chosen.words(), chosen.examples(), best));
    }

    /** The dev families' counts with the chosen thresholds, newsletter and abstracts apart: where the errors are. */
    static void reportPerFamily(ConceptScheme scheme, Linker linker, List<Newsletter.Entry> dev, List<Linker.Analysis> analyses,
                                Thresholds t, java.util.function.Consumer<String> report) {
        for (boolean abstracts : new boolean[] { false, true }) {
            List<Newsletter.Entry> part = new ArrayList<>();
            List<Linker.Analysis> partAnalyses = new ArrayList<>();
            for (int i = 0; i < dev.size(); i++)
                if (dev.get(i).category().startsWith("abstract:") == abstracts) {
                    part.add(dev.get(i));
                    partAnalyses.add(analyses.get(i));
                }
            Evaluation.Report r = Evaluation.newsletter(scheme, linker, part, partAnalyses, t);
            StringBuilder b = new StringBuilder();
            r.perFamily().forEach((f, c) -> {
                if (c.tp() + c.fp() + c.fn() > 0)
                    b.append(String.format(java.util.Locale.ROOT, " %s %d/%d/%d", f.substring(f.lastIndexOf('/') + 1), c.tp(), c.fp(), c.fn()));
            });
            report.accept(String.format(java.util.Locale.ROOT, "dev %s (%d): families P %.3f R %.3f; per family tp/fp/fn:%s",
                abstracts ? "abstracts" : "newsletter", part.size(), r.families().precision(), r.families().recall(), b));
        }
    }

    static int[] familiesOf(ConceptScheme scheme, List<String> families, Newsletter.Entry e) {
        return e.concepts().stream().filter(scheme.concepts()::containsKey).map(c -> scheme.concepts().get(c).family())
            .distinct().mapToInt(families::indexOf).filter(i -> i >= 0).toArray();
    }

    /** Share of {@code entries} whose family the classifier ranks first. */
    static double topFamilyAccuracy(ConceptClassifier c, ConceptScheme scheme, List<String> families, List<Newsletter.Entry> entries,
                                    List<float[]> vectors, List<BagOfWords.Features> words) {
        int right = 0;
        for (int i = 0; i < entries.size(); i++) {
            int[] gold = familiesOf(scheme, families, entries.get(i));
            String top = c.families(vectors.get(i), words.get(i)).entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            for (int g : gold) if (families.get(g).equals(top)) right++;
        }
        return entries.isEmpty() ? 0 : (double) right / entries.size();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(SourceLocation.of(p.toString()), "cannot read: " + e.getMessage(), e);
        }
    }

    /** Precision the limitation suggestions must reach on the labelled training abstracts (issue 11's target). */
    static final double LIMITATION_PRECISION = 0.7;
    /** Fewest suggestions a candidate must make there: a precision over one or two suggestions says nothing. */
    static final int LIMITATION_MIN_SUGGESTIONS = 4;

    /**
     * The limitation thresholds (passage cosine to the limitation's words, concept overlap) on
     * every labelled training abstract, train and dev parts: limitations are not learned, so
     * neither part has been fitted to them (the classifier's concept decisions, which the overlap
     * uses, did see the train part). The pair with the most true suggestions at precision
     * {@link #LIMITATION_PRECISION} or more over at least {@link #LIMITATION_MIN_SUGGESTIONS}
     * suggestions; ties to the stricter pair; none: the thresholds stay as they are.
     */
    static Thresholds calibrateLimitations(Linker linker, List<Evaluation.Labelled> abstracts, Thresholds t,
                                           java.util.function.Consumer<String> report) {
        if (abstracts.isEmpty()) return t;
        List<Linker.Analysis> analyses = abstracts.parallelStream().map(x -> linker.analyse(x.text())).toList();
        int gold = abstracts.stream().mapToInt(x -> x.limitations().size()).sum();
        Thresholds best = null;
        Evaluation.Counts bestCounts = null;
        StringBuilder grid = new StringBuilder();
        for (double sim : new double[] { 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4 })
            for (double con : new double[] { 0.5, 0.4, 0.3, 0.2, 0.1 }) {
                Thresholds cand = t.withLimitations(sim, con);
                Evaluation.Counts c = new Evaluation.Counts(0, 0, 0);
                for (int i = 0; i < abstracts.size(); i++) {
                    Set<String> g = new TreeSet<>(), p = new TreeSet<>();
                    abstracts.get(i).limitations().forEach(n -> g.add("" + n));
                    linker.decide(analyses.get(i), cand).limitations().forEach(l -> p.add("" + l.number()));
                    c = c.plus(Evaluation.Counts.of(g, p));
                }
                if (c.tp() + c.fp() > 0) grid.append(String.format(java.util.Locale.ROOT, " %.2f/%.1f:%d/%d", sim, con, c.tp(), c.tp() + c.fp()));
                if (c.tp() + c.fp() >= LIMITATION_MIN_SUGGESTIONS && c.precision() >= LIMITATION_PRECISION
                        && (bestCounts == null || c.tp() > bestCounts.tp())) {
                    best = cand;
                    bestCounts = c;
                }
            }
        report.accept(String.format(java.util.Locale.ROOT, "limitations on %d labelled abstracts (%d links); right/made by similarity/overlap:%s",
            abstracts.size(), gold, grid.length() == 0 ? " none made" : grid));
        if (best == null) {
            report.accept(String.format(java.util.Locale.ROOT, "limitations: no thresholds reach precision %.1f over %d suggestions; kept similarity >= %.2f, overlap >= %.2f",
                LIMITATION_PRECISION, LIMITATION_MIN_SUGGESTIONS, t.limitationSimilarity(), t.limitationConcepts()));
            return t;
        }
        report.accept(String.format(java.util.Locale.ROOT, "limitations: similarity >= %.2f, overlap >= %.2f: P %.3f R %.3f (tp %d fp %d fn %d)",
            best.limitationSimilarity(), best.limitationConcepts(), bestCounts.precision(), bestCounts.recall(),
            bestCounts.tp(), bestCounts.fp(), bestCounts.fn()));
        return best;
    }

    /** A family gets an offset of its own only with at least this many positives on dev (fewer: its F1 there is noise). */
    static final int OFFSET_MIN_POSITIVES = 12;
    static final double[] OFFSETS = { -0.1, -0.05, 0.05, 0.1, 0.15, 0.2, 0.3 };
    /** Dev family F1 an offset must gain to be kept: smaller gains are one or two texts. */
    static final double OFFSET_MIN_GAIN = 0.003;

    /**
     * Per-family offsets on the classifier probability (the shared thresholds fixed), one family
     * at a time in the scheme's order: the offset with the best dev family F1 if it gains at least
     * {@link #OFFSET_MIN_GAIN}, for families with {@link #OFFSET_MIN_POSITIVES} dev positives.
     */
    static Thresholds calibrateOffsets(ConceptScheme scheme, Linker linker, List<Newsletter.Entry> dev, List<Linker.Analysis> analyses,
                                       Thresholds best, java.util.function.Consumer<String> report) {
        List<String> families = scheme.families();
        Map<String, Integer> positives = new TreeMap<>();
        for (Newsletter.Entry e : dev) for (int f : familiesOf(scheme, families, e)) positives.merge(families.get(f), 1, Integer::sum);
        Map<String, Double> offsets = new TreeMap<>();
        double f1 = Evaluation.newsletter(scheme, linker, dev, analyses, best).families().f1();
        StringBuilder chosen = new StringBuilder();
        for (String f : families) {
            if (positives.getOrDefault(f, 0) < OFFSET_MIN_POSITIVES || linker.untrainedFamilies().contains(f)) continue;
            double bestOffset = 0;
            double bestF = f1;
            for (double o : OFFSETS) {
                Map<String, Double> cand = new TreeMap<>(offsets);
                cand.put(f, o);
                double c = Evaluation.newsletter(scheme, linker, dev, analyses, best.withOffsets(cand)).families().f1();
                if (c > bestF + 1e-12) {
                    bestF = c;
                    bestOffset = o;
                }
            }
            if (bestOffset != 0 && bestF >= f1 + OFFSET_MIN_GAIN) {
                offsets.put(f, bestOffset);
                chosen.append(String.format(java.util.Locale.ROOT, " %s %+.2f (F1 %.3f -> %.3f)", f.substring(f.lastIndexOf('/') + 1), bestOffset, f1, bestF));
                f1 = bestF;
            }
        }
        report.accept("dev families, per-family offsets (families with at least " + OFFSET_MIN_POSITIVES + " dev positives):"
            + (chosen.length() == 0 ? " none gains " + OFFSET_MIN_GAIN : chosen));
        return best.withOffsets(offsets.isEmpty() ? null : offsets);
    }

    /** Grid search on the dev part: family thresholds for the best family F1, then concept thresholds. */
    static Thresholds calibrate(ConceptScheme scheme, Linker linker, List<Newsletter.Entry> dev, List<Linker.Analysis> analyses,
                                java.util.function.Consumer<String> report) {
        Thresholds best = DEFAULTS;
        double bestF = -1;
        for (double fam : new double[] { 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7 })
            for (double famLex : new double[] { 0.1, 0.15, 0.2, 0.25, 0.3 })
                for (double lex : new double[] { 0.2, 0.3, 0.4, 0.5 })
                for (double alone : new double[] { 0.6, 0.7, 0.8, 0.9, 1.01 }) {
                    if (famLex > fam) continue;
                    Thresholds t = new Thresholds(fam, famLex, lex, DEFAULTS.similarity(), DEFAULTS.concept(),
                        DEFAULTS.limitationSimilarity(), DEFAULTS.limitationConcepts(), alone, null, null, null);
                    Evaluation.Counts c = Evaluation.newsletter(scheme, linker, dev, analyses, t).families();
                    if (c.f1() > bestF) {
                        bestF = c.f1();
                        best = t;
                    }
                }
        // A family named by its own multi-word label: the classifier probability that suffices,
        // family decisions otherwise fixed. Ties go to the lowest (exact evidence is kept unless
        // keeping it costs dev F1); the family+lexical threshold itself is the "no effect" end, 0.05 the
        // other (below it the classifier says no).
        double namedF = -1;
        double named = best.familyWithLexical();
        StringBuilder curve = new StringBuilder();
        for (double n = best.familyWithLexical(); n >= 0.049; n -= 0.05) {
            double rn = Math.round(n * 1000) / 1000.0;
            Evaluation.Counts c = Evaluation.newsletter(scheme, linker, dev, analyses, best.withNamed(rn)).families();
            curve.append(String.format(" %.2f:%.3f", rn, c.f1()));
            if (c.f1() >= namedF - 1e-12) {
                namedF = c.f1();
                named = rn;
            }
        }
        best = best.withNamed(named);
        report.accept(String.format("dev families, family named by its multi-word label: classifier >= %.2f suffices (F1 %.3f; by threshold%s)", named, namedF, curve));
        best = calibrateOffsets(scheme, linker, dev, analyses, best, report);
        Evaluation.Counts fc = Evaluation.newsletter(scheme, linker, dev, analyses, best).families();
        report.accept(String.format("dev families: P %.3f R %.3f F1 %.3f with family >= %.2f, family+lexical >= %.2f, lexical >= %.2f, lexical alone >= %.2f",
            fc.precision(), fc.recall(), fc.f1(), best.family(), best.familyWithLexical(), best.lexical(), best.lexicalAlone()));
        double bestC = -1;
        Thresholds bestT = best;
        for (double sim : new double[] { 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7 })
            for (double con : new double[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 }) {
                Thresholds t = new Thresholds(best.family(), best.familyWithLexical(), best.lexical(), sim, con,
                    best.limitationSimilarity(), best.limitationConcepts(), best.lexicalAlone(), null, best.familyNamed(), best.familyOffsets());
                Evaluation.Counts c = Evaluation.newsletter(scheme, linker, dev, analyses, t).concepts();
                if (c.f1() > bestC) {
                    bestC = c.f1();
                    bestT = t;
                }
            }
        Evaluation.Counts cc = Evaluation.newsletter(scheme, linker, dev, analyses, bestT).concepts();
        report.accept(String.format("dev concepts: P %.3f R %.3f F1 %.3f with similarity >= %.2f, concept head >= %.2f",
            cc.precision(), cc.recall(), cc.f1(), bestT.similarity(), bestT.concept()));
        // Families with (almost) no training example (AI control, dangerous capabilities, honesty):
        // dev holds a handful of their positives at most, so the threshold is set by a false-alarm
        // budget: the similarity that decides one alone is the lowest at which they fire wrongly
        // (on texts not labelled with them) on at most UNTRAINED_ALARMS of the dev entries.
        double chosen = Thresholds.NEVER;
        List<String> families = scheme.families();
        for (double u = 0.80; u >= 0.449; u -= 0.025) {
            int fired = 0;
            for (int i = 0; i < analyses.size(); i++) {
                Set<String> gold = new TreeSet<>();
                for (int g : familiesOf(scheme, families, dev.get(i))) gold.add(families.get(g));
                boolean any = false;
                for (String f : linker.untrainedFamilies()) any |= !gold.contains(f) && linker.familySimilarity(analyses.get(i), f) >= u;
                if (any) fired++;
            }
            if (fired > UNTRAINED_ALARMS * analyses.size()) break;
            chosen = Math.round(u * 1000) / 1000.0;
        }
        report.accept(String.format("untrained families (%d: fewer than %d examples) decided by similarity alone at >= %.3f (false alarms on at most %.0f%% of dev entries)",
            linker.untrainedFamilies().size(), Linker.FEW_EXAMPLES, chosen, UNTRAINED_ALARMS * 100));
        // Since the labelled abstracts joined dev it holds a few positives of these families, so the
        // rule can be judged: it is kept only if it does not lower dev family F1 (a rule that only
        // adds false alarms there is not worth its budget).
        Evaluation.Counts without = Evaluation.newsletter(scheme, linker, dev, analyses, bestT.withUntrained(Thresholds.NEVER)).families();
        Evaluation.Counts with = Evaluation.newsletter(scheme, linker, dev, analyses, bestT.withUntrained(chosen)).families();
        report.accept(String.format(java.util.Locale.ROOT, "dev families with that rule: P %.3f R %.3f F1 %.3f; without: P %.3f R %.3f F1 %.3f; %s",
            with.precision(), with.recall(), with.f1(), without.precision(), without.recall(), without.f1(),
            with.f1() >= without.f1() ? "kept" : "dropped (never by similarity alone)"));
        return bestT.withUntrained(with.f1() >= without.f1() ? chosen : Thresholds.NEVER);
    }
}
