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
    /** Share of dev entries on which a family without newsletter examples may fire by similarity alone (a false-alarm budget). */
    static final double UNTRAINED_ALARMS = 0.03;
    /** Thresholds used before calibration, and for limitations (no labelled data to calibrate them on). */
    static final Thresholds DEFAULTS = new Thresholds(0.45, 0.2, 0.3, 0.55, 0.5, 0.6, 0.3, 0.7, null, null);

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

    /** Trains, calibrates and returns the classifier; {@code report} receives one line per step. */
    public static ConceptClassifier train(Graph data, Path newsletterFile, java.util.function.Consumer<String> report) {
        ConceptScheme scheme = ConceptScheme.of(data);
        Map<String, Set<String>> mapping = Newsletter.mapping(data);
        if (mapping.isEmpty())
            throw new InvalidInputException(SourceLocation.of("data"), "no mapped newsletter categories (data/newsletter-categories.ttl)");
        List<Newsletter.Entry> entries = Newsletter.read(newsletterFile, mapping);
        List<Newsletter.Entry> train = entries.stream().filter(e -> e.part() == Newsletter.Part.TRAIN).toList();
        List<Newsletter.Entry> dev = entries.stream().filter(e -> e.part() == Newsletter.Part.DEV && e.summarised()).toList();
        report.accept(String.format("%d mapped entries: %d train (titles without a summary included), %d dev with a summary; "
            + "the test part is held out and not read", entries.size(), train.size(), dev.size()));
        SentenceEncoder encoder = SentenceEncoder.shared();

        List<String> families = scheme.families();
        Set<String> conceptClasses = new TreeSet<>();
        for (Set<String> cs : mapping.values())
            for (String c : cs) if (scheme.concepts().containsKey(c) && !scheme.concepts().get(c).isFamily()) conceptClasses.add(c);
        List<String> concepts = new ArrayList<>(conceptClasses);

        List<float[]> fx = new ArrayList<>();
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

        Map<String, Object> trainedOn = new LinkedHashMap<>();
        trainedOn.put("file", newsletterFile.getFileName().toString());
        trainedOn.put("sha256", org.alignkg.link.DocumentRdf.sha256(readString(newsletterFile)));
        trainedOn.put("seed", Newsletter.SEED);
        trainedOn.put("train", train.size());
        trainedOn.put("dev", dev.size());
        trainedOn.put("epochs", EPOCHS);
        trainedOn.put("rate", RATE);
        trainedOn.put("l2", L2);
        trainedOn.put("familyExamples", familyExamples);
        // The neighbour vote's size and share: chosen on the dev part, by how often the right family comes first.
        List<float[]> devVectors = dev.stream().map(e -> vector(encoder, e.text())).toList();
        ConceptClassifier.Examples examples = null;
        double bestTop = -1;
        for (int k : KNN_K)
            for (double w : KNN_WEIGHT) {
                ConceptClassifier.Examples cand = ConceptClassifier.Examples.of(k, KNN_TEMPERATURE, w, ex, ef, ec);
                ConceptClassifier c = new ConceptClassifier(new ConceptClassifier.Model(Linker.VERSION, SentenceEncoder.MODEL,
                    trainedOn, familyHead, conceptHead, cand, DEFAULTS));
                double top = topFamilyAccuracy(c, scheme, families, dev, devVectors);
                if (top > bestTop + 1e-9) {
                    bestTop = top;
                    examples = cand;
                }
            }
        double headOnly = topFamilyAccuracy(new ConceptClassifier(new ConceptClassifier.Model(Linker.VERSION, SentenceEncoder.MODEL,
            trainedOn, familyHead, conceptHead, null, DEFAULTS)), scheme, families, dev, devVectors);
        report.accept(String.format("dev top family: head alone %.3f; with the vote of the %d nearest entries (share %.1f) %.3f",
            headOnly, examples.k(), examples.weight(), bestTop));
        ConceptClassifier provisional = new ConceptClassifier(new ConceptClassifier.Model(Linker.VERSION,
            SentenceEncoder.MODEL, trainedOn, familyHead, conceptHead, examples, DEFAULTS));
        Linker linker = new Linker(scheme, encoder, provisional, DEFAULTS, limitationTexts(data, scheme));
        List<Linker.Analysis> analyses = new ArrayList<>();
        for (Newsletter.Entry e : dev) analyses.add(linker.analyse(e.text()));
        Thresholds best = calibrate(scheme, linker, dev, analyses, report);
        return new ConceptClassifier(new ConceptClassifier.Model(Linker.VERSION, SentenceEncoder.MODEL, trainedOn,
            familyHead, conceptHead, examples, best));
    }

    static int[] familiesOf(ConceptScheme scheme, List<String> families, Newsletter.Entry e) {
        return e.concepts().stream().filter(scheme.concepts()::containsKey).map(c -> scheme.concepts().get(c).family())
            .distinct().mapToInt(families::indexOf).filter(i -> i >= 0).toArray();
    }

    /** Share of {@code entries} whose family the classifier ranks first. */
    static double topFamilyAccuracy(ConceptClassifier c, ConceptScheme scheme, List<String> families, List<Newsletter.Entry> entries,
                                    List<float[]> vectors) {
        int right = 0;
        for (int i = 0; i < entries.size(); i++) {
            int[] gold = familiesOf(scheme, families, entries.get(i));
            String top = c.families(vectors.get(i)).entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
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
                        DEFAULTS.limitationSimilarity(), DEFAULTS.limitationConcepts(), alone, null, null);
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
        Evaluation.Counts fc = Evaluation.newsletter(scheme, linker, dev, analyses, best).families();
        report.accept(String.format("dev families: P %.3f R %.3f F1 %.3f with family >= %.2f, family+lexical >= %.2f, lexical >= %.2f, lexical alone >= %.2f",
            fc.precision(), fc.recall(), fc.f1(), best.family(), best.familyWithLexical(), best.lexical(), best.lexicalAlone()));
        double bestC = -1;
        Thresholds bestT = best;
        for (double sim : new double[] { 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7 })
            for (double con : new double[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 }) {
                Thresholds t = new Thresholds(best.family(), best.familyWithLexical(), best.lexical(), sim, con,
                    best.limitationSimilarity(), best.limitationConcepts(), best.lexicalAlone(), null, best.familyNamed());
                Evaluation.Counts c = Evaluation.newsletter(scheme, linker, dev, analyses, t).concepts();
                if (c.f1() > bestC) {
                    bestC = c.f1();
                    bestT = t;
                }
            }
        Evaluation.Counts cc = Evaluation.newsletter(scheme, linker, dev, analyses, bestT).concepts();
        report.accept(String.format("dev concepts: P %.3f R %.3f F1 %.3f with similarity >= %.2f, concept head >= %.2f",
            cc.precision(), cc.recall(), cc.f1(), bestT.similarity(), bestT.concept()));
        // Families the newsletter has no section for (AI control, dangerous capabilities, honesty):
        // dev holds no positive, so only their false alarms can be measured there. The similarity
        // that decides one alone is the lowest at which they fire on at most UNTRAINED_ALARMS of
        // the dev entries (each such firing counts as a false positive in the dev figures).
        double chosen = 2;
        for (double u = 0.80; u >= 0.449; u -= 0.025) {
            int fired = 0;
            for (Linker.Analysis a : analyses) {
                boolean any = false;
                for (String f : linker.untrainedFamilies()) any |= linker.familySimilarity(a, f) >= u;
                if (any) fired++;
            }
            if (fired > UNTRAINED_ALARMS * analyses.size()) break;
            chosen = Math.round(u * 1000) / 1000.0;
        }
        report.accept(String.format("untrained families (%d) decided by similarity alone at >= %.3f (at most %.0f%% of dev entries)",
            linker.untrainedFamilies().size(), chosen, UNTRAINED_ALARMS * 100));
        return bestT.withUntrained(chosen);
    }
}
