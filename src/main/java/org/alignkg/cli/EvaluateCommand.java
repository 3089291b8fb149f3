package org.alignkg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.alignkg.link.ConceptScheme;
import org.alignkg.link.Evaluation;
import org.alignkg.link.Linker;
import org.alignkg.link.Newsletter;
import org.alignkg.link.Training;
import org.apache.jena.graph.Graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores the shipped linker on held-out real text: the newsletter's test part and the hand-labelled abstracts. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = { "Score the linker on held-out real text: the Alignment Newsletter entries of the test part (never",
        "trained or tuned on) against their editors' categories, and hand-labelled abstracts of the corpus against",
        "their labels. Prints micro precision and recall of concepts and families, per family, top-family",
        "accuracy and limitation suggestions; --json for programs, --errors to list the texts it got wrong." })
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "The curated data. Default: data")
    Path data = Path.of("data");

    @Option(names = "--newsletter", paramLabel = "FILE", description = "Default: src/test/resources/eval/alignment-newsletter.jsonl")
    Path newsletter = Path.of("src/test/resources/eval/alignment-newsletter.jsonl");

    @Option(names = "--labels", paramLabel = "FILE", description = "Hand labels. Default: src/test/resources/eval/zotero-labels.tsv")
    Path labels = Path.of("src/test/resources/eval/zotero-labels.tsv");

    @Option(names = "--fresh-labels", paramLabel = "FILE", split = ",",
        description = "Hand labels of the fresh samples, each reported on its own (repeatable, or comma-separated). "
            + "Default: src/test/resources/eval/fresh-labels.tsv,src/test/resources/eval/fresh2-labels.tsv")
    List<Path> freshLabels = List.of(Path.of("src/test/resources/eval/fresh-labels.tsv"), Path.of("src/test/resources/eval/fresh2-labels.tsv"));

    @Option(names = "--limitation-labels", paramLabel = "FILE",
        description = "Limitation-only hand labels. Default: src/test/resources/eval/limitation-labels.tsv")
    Path limitationLabels = Path.of("src/test/resources/eval/limitation-labels.tsv");

    @Option(names = "--corpus", paramLabel = "FILE", description = "The Zotero CSV the labels' keys refer to. Default: data/corpus/ai-alignment-papers.csv")
    Path corpus = Path.of("data/corpus/ai-alignment-papers.csv");

    @Option(names = "--json", description = "Print the reports as JSON.")
    boolean json;

    @Option(names = "--errors", description = "Also list each text's missed and wrong families.")
    boolean errors;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Graph g = Training.readData(data);
        ConceptScheme scheme = ConceptScheme.of(g);
        Linker linker = Training.linker(g);
        List<Evaluation.Report> reports = new ArrayList<>();
        if (newsletter.toFile().isFile())
            reports.add(Evaluation.newsletterTest(scheme, linker, newsletter, Newsletter.mapping(g)));
        if (labels.toFile().isFile())
            reports.add(Evaluation.labelled("labelled abstracts", scheme, linker, Evaluation.readLabels(labels, corpus)));
        for (Path f : freshLabels)
            if (f.toFile().isFile())
                reports.add(Evaluation.labelled("fresh labelled abstracts (" + f.getFileName() + ")", scheme, linker, Evaluation.readLabels(f, corpus)));
        if (limitationLabels.toFile().isFile())
            reports.add(Evaluation.labelled("limitation-labelled abstracts", scheme, linker, Evaluation.readLimitationLabels(limitationLabels, corpus)));
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Evaluation.Report r : reports) all.add(Evaluation.toMap(r));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("linker", Linker.VERSION);
            body.put("thresholds", linker.thresholds());
            body.put("reports", all);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
            return 0;
        }
        for (Evaluation.Report r : reports) {
            if (r.name().startsWith("limitation-")) {
                // no family or concept labels: only the limitation line means anything
                out.printf("%s: %d texts%n", r.name(), r.texts());
                out.println(Evaluation.describe(r, scheme).get(3));
                continue;
            }
            Evaluation.describe(r, scheme).forEach(out::println);
            if (errors)
                for (Evaluation.Case c : r.cases()) {
                    var missed = new java.util.TreeSet<>(c.goldFamilies());
                    missed.removeAll(c.families());
                    var wrong = new java.util.TreeSet<>(c.families());
                    wrong.removeAll(c.goldFamilies());
                    if (missed.isEmpty() && wrong.isEmpty()) continue;
                    out.printf("  %s %s%n      missed %s wrong %s%n", c.id(), c.title(), short_(missed), short_(wrong));
                }
        }
        return 0;
    }

    private static List<String> short_(java.util.Set<String> iris) {
        return iris.stream().map(i -> i.substring(i.lastIndexOf('/') + 1)).toList();
    }
}
