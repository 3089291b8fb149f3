package org.alignkg.link;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.alignkg.link.Linker.Thresholds;

/**
 * Scores the linker against human labels: micro precision and recall of the concepts and of
 * their families, per family, top-family accuracy, and limitation suggestions. Used by
 * calibration (on the newsletter's dev part), by {@code alignkg evaluate} and by the test that
 * asserts the level reached (on the held-out parts only).
 */
public final class Evaluation {
    private Evaluation() { }

    /** True positives, false positives and false negatives. */
    public record Counts(int tp, int fp, int fn) {
        public Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }

        public double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        static Counts of(Set<String> gold, Set<String> predicted) {
            int tp = 0;
            for (String p : predicted) if (gold.contains(p)) tp++;
            return new Counts(tp, predicted.size() - tp, gold.size() - tp);
        }
    }

    /** One labelled text, what the linker proposed, and the gold labels. */
    public record Case(String id, String title, Set<String> goldFamilies, Set<String> goldConcepts, Set<Integer> goldLimitations,
                       Set<String> families, Set<String> concepts, Set<Integer> limitations, String topFamily) { }

    /** All scores of one run. */
    public record Report(String name, int texts, Counts families, Counts concepts, Counts limitations,
                         double topFamilyAccuracy, Map<String, Counts> perFamily, List<Case> cases) { }

    /** The predicted families, concepts, limitations and top family of one text. */
    static Case judge(String id, String title, ConceptScheme scheme, TagResult r, Linker.Analysis a,
                      Set<String> goldFamilies, Set<String> goldConcepts, Set<Integer> goldLimitations) {
        Set<String> families = new HashSet<>();
        r.families().forEach(f -> families.add(f.family()));
        Set<String> concepts = new HashSet<>();
        r.concepts().forEach(c -> concepts.add(c.concept()));
        Set<Integer> limitations = new HashSet<>();
        r.limitations().forEach(l -> limitations.add(l.number()));
        // The top family: the best decided one, else the classifier's most probable.
        String top = !r.families().isEmpty() ? r.families().get(0).family()
            : a.familyP().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        return new Case(id, title, goldFamilies, goldConcepts, goldLimitations, families, concepts, limitations, top);
    }

    static Report summarise(String name, List<Case> cases, List<String> families) {
        Counts f = new Counts(0, 0, 0), c = new Counts(0, 0, 0), l = new Counts(0, 0, 0);
        int top = 0;
        Map<String, Counts> perFamily = new TreeMap<>();
        for (String fam : families) perFamily.put(fam, new Counts(0, 0, 0));
        for (Case k : cases) {
            f = f.plus(Counts.of(k.goldFamilies(), k.families()));
            c = c.plus(Counts.of(k.goldConcepts(), k.concepts()));
            Set<String> gl = new HashSet<>(), pl = new HashSet<>();
            k.goldLimitations().forEach(i -> gl.add("" + i));
            k.limitations().forEach(i -> pl.add("" + i));
            l = l.plus(Counts.of(gl, pl));
            if (k.goldFamilies().contains(k.topFamily())) top++;
            for (String fam : families)
                perFamily.merge(fam, Counts.of(k.goldFamilies().contains(fam) ? Set.of(fam) : Set.of(),
                    k.families().contains(fam) ? Set.of(fam) : Set.of()), Counts::plus);
        }
        return new Report(name, cases.size(), f, c, l, cases.isEmpty() ? 0 : (double) top / cases.size(), perFamily, cases);
    }

    /** The newsletter entries against their categories' concepts (the concepts, and their families). */
    public static Report newsletter(ConceptScheme scheme, Linker linker, List<Newsletter.Entry> entries,
                                    List<Linker.Analysis> analyses, Thresholds t) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Newsletter.Entry e = entries.get(i);
            Linker.Analysis a = analyses.get(i);
            TagResult r = linker.decide(a, t);
            Set<String> gold = new HashSet<>();
            Set<String> goldFam = new HashSet<>();
            for (String c : e.concepts()) {
                ConceptScheme.Concept concept = scheme.concepts().get(c);
                if (concept == null) continue;
                gold.add(c);
                goldFam.add(concept.family());
            }
            gold.addAll(goldFam);
            cases.add(judge("newsletter:" + e.line(), e.title(), scheme, r, a, goldFam, gold, Set.of()));
        }
        return summarise("newsletter", cases, scheme.families());
    }

    /** Labelled texts (e.g. the hand-labelled corpus abstracts): each with its gold labels. */
    public record Labelled(String id, String title, String text, Set<String> families, Set<String> concepts, Set<Integer> limitations) { }

    public static Report labelled(String name, ConceptScheme scheme, Linker linker, List<Labelled> texts) {
        List<Case> cases = new ArrayList<>();
        for (Labelled x : texts) {
            Linker.Analysis a = linker.analyse(x.text());
            TagResult r = linker.decide(a, linker.thresholds());
            Set<String> fam = new HashSet<>(x.families());
            Set<String> gold = new HashSet<>(x.concepts());
            for (String c : x.concepts()) if (scheme.concepts().containsKey(c)) fam.add(scheme.concepts().get(c).family());
            gold.addAll(fam);
            cases.add(judge(x.id(), x.title(), scheme, r, a, fam, gold, x.limitations()));
        }
        return summarise(name, cases, scheme.families());
    }

    /** The report as plain data for JSON output. */
    public static Map<String, Object> toMap(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("texts", r.texts());
        m.put("families", counts(r.families()));
        m.put("concepts", counts(r.concepts()));
        m.put("limitations", counts(r.limitations()));
        m.put("topFamilyAccuracy", r.topFamilyAccuracy());
        Map<String, Object> pf = new LinkedHashMap<>();
        r.perFamily().forEach((k, v) -> pf.put(k, counts(v)));
        m.put("perFamily", pf);
        return m;
    }

    private static Map<String, Object> counts(Counts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tp", c.tp());
        m.put("fp", c.fp());
        m.put("fn", c.fn());
        m.put("precision", Math.round(c.precision() * 1000) / 1000.0);
        m.put("recall", Math.round(c.recall() * 1000) / 1000.0);
        return m;
    }

    /**
     * Reads hand labels ({@code key<TAB>families<TAB>concepts<TAB>limitations<TAB>note}, IRIs and
     * numbers separated by spaces) and joins them with the abstracts of a Zotero CSV by key.
     */
    public static List<Labelled> readLabels(java.nio.file.Path labels, java.nio.file.Path csv) {
        return read(labels, csv, 4, (f, title, text) -> new Labelled(f[0], title, text, words(f[1]), words(f[2]), numbers(f[3])));
    }

    /**
     * Reads limitation-only labels ({@code key<TAB>limitations<TAB>note}) and joins them with the
     * abstracts of a Zotero CSV by key; the texts have no family or concept labels, so only the
     * limitation counts of their report mean anything.
     */
    public static List<Labelled> readLimitationLabels(java.nio.file.Path labels, java.nio.file.Path csv) {
        return read(labels, csv, 2, (f, title, text) -> new Labelled(f[0], title, text, Set.of(), Set.of(), numbers(f[1])));
    }

    /** One label row (its tab-separated fields) with the title and text of its abstract. */
    private interface Row {
        Labelled of(String[] fields, String title, String text);
    }

    /** The reader of both label files: a header line, then rows of at least {@code minFields} fields keyed by column 1. */
    private static List<Labelled> read(java.nio.file.Path labels, java.nio.file.Path csv, int minFields, Row row) {
        Map<String, String[]> byKey = ZoteroCsv.texts(TextExtractor.utf8Lenient(TextExtractor.readFile(csv, csv.toString()), csv.toString()));
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(labels);
        } catch (java.io.IOException e) {
            throw new org.alignkg.InvalidInputException(org.alignkg.SourceLocation.of(labels.toString()), "cannot read: " + e.getMessage(), e);
        }
        List<Labelled> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length < minFields || f[0].isBlank()) continue;
            String[] d = byKey.get(f[0].strip());
            if (d == null) throw new org.alignkg.InvalidInputException(org.alignkg.SourceLocation.of(labels.toString(), i + 1),
                "no row with key " + f[0] + " in " + csv);
            out.add(row.of(f, d[0], d[1].isEmpty() ? d[0] : d[0] + "\n\n" + d[1]));
        }
        return out;
    }

    private static Set<Integer> numbers(String s) {
        return words(s).stream().map(Integer::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    private static Set<String> words(String s) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String w : s.strip().split("\\s+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** The newsletter's held-out test part with summaries (never trained or tuned on). */
    public static Report newsletterTest(ConceptScheme scheme, Linker linker, java.nio.file.Path newsletter, Map<String, Set<String>> mapping) {
        List<Newsletter.Entry> test = Newsletter.read(newsletter, mapping).stream()
            .filter(e -> e.part() == Newsletter.Part.TEST && e.summarised()).toList();
        List<Linker.Analysis> analyses = test.parallelStream().map(e -> linker.analyse(e.text())).toList();
        return newsletter(scheme, linker, test, analyses, linker.thresholds());
    }

    /** A report as the lines people read. */
    public static List<String> describe(Report r, ConceptScheme scheme) {
        List<String> out = new ArrayList<>();
        out.add(String.format(java.util.Locale.ROOT, "%s: %d texts", r.name(), r.texts()));
        out.add(line("families", r.families()));
        out.add(line("concepts", r.concepts()));
        out.add(r.limitations().tp() + r.limitations().fp() == 0 ? "  limitations: no suggestions made (precision undefined), "
            + r.limitations().fn() + " labelled" : line("limitations", r.limitations()));
        out.add(String.format(java.util.Locale.ROOT, "  top family accuracy %.3f", r.topFamilyAccuracy()));
        r.perFamily().forEach((f, c) -> {
            if (c.tp() + c.fp() + c.fn() == 0) return;
            String label = scheme.concepts().containsKey(f) ? scheme.concepts().get(f).prefLabel() : f;
            out.add(String.format(java.util.Locale.ROOT, "    %-45s P %.2f R %.2f (tp %d fp %d fn %d)", label, c.precision(), c.recall(), c.tp(), c.fp(), c.fn()));
        });
        return out;
    }

    private static String line(String what, Counts c) {
        return String.format(java.util.Locale.ROOT, "  %s: precision %.3f recall %.3f F1 %.3f (tp %d fp %d fn %d)", what,
            c.precision(), c.recall(), c.f1(), c.tp(), c.fp(), c.fn());
    }
}
