package org.alignkg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.alignkg.link.ConceptClassifier;
import org.alignkg.link.Evaluation;
import org.alignkg.link.Training;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains the linker's classifier from the Alignment Newsletter's labels and calibrates its thresholds. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = { "Train the linker's classifier on the Alignment Newsletter's human topic labels (the entries'",
        "categories, mapped to concepts by data/newsletter-categories.ttl) and on hand-labelled corpus abstracts",
        "(src/test/resources/train/), and calibrate its thresholds on their dev parts; writes the weights the build",
        "ships. Deterministic: the same data give the same file. A fixed seed keeps 15% of the newsletter entries",
        "out of training and calibration for 'evaluate'; the evaluation abstracts are never read." })
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "The curated data (concepts, categories, limitations). Default: data")
    Path data = Path.of("data");

    @Option(names = "--newsletter", paramLabel = "FILE", description = "alignment-newsletter.jsonl. Default: src/test/resources/eval/alignment-newsletter.jsonl")
    Path newsletter = Path.of("src/test/resources/eval/alignment-newsletter.jsonl");

    @Option(names = "--labels", paramLabel = "FILE",
        description = "Hand-labelled corpus abstracts to train and calibrate on (never the evaluation sets). Default: src/test/resources/train/abstract-labels.tsv")
    Path labels = Path.of("src/test/resources/train/abstract-labels.tsv");

    @Option(names = "--corpus", paramLabel = "FILE", description = "The Zotero CSV the labels' keys refer to. Default: data/corpus/ai-alignment-papers.csv")
    Path corpus = Path.of("data/corpus/ai-alignment-papers.csv");

    @Option(names = { "-o", "--output" }, paramLabel = "FILE",
        description = "Where to write the classifier. Default: src/main/resources/org/alignkg/link/classifier.json")
    Path output = Path.of("src/main/resources/org/alignkg/link/classifier.json");

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        var abstracts = labels.toFile().isFile() ? Evaluation.readLabels(labels, corpus) : java.util.List.<Evaluation.Labelled>of();
        ConceptClassifier c = Training.train(Training.readData(data), newsletter, abstracts, line -> {
            err.println("train: " + line);
            err.flush();
        });
        c.save(output);
        spec.commandLine().getOut().printf("wrote %s in %.0f s%n", output, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
