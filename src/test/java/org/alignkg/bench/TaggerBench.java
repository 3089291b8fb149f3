package org.alignkg.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.alignkg.link.ConceptScheme;
import org.alignkg.link.Tagger;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tagger throughput on one core with the shipped concept scheme: one operation tags 1 MiB of
 * English alignment prose (the evaluation texts repeated), so ops/s = MiB/s. Run on demand (see
 * bench/README.md); not part of 'mvn verify'.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TaggerBench {
    Tagger tagger;
    String text;

    @Setup
    public void setup() throws Exception {
        Graph g = GraphFactory.createGraphMem();
        RDFDataMgr.read(g, "data/concepts.ttl");
        RDFDataMgr.read(g, "data/limitations.ttl");
        tagger = new Tagger(ConceptScheme.of(g));
        StringBuilder sb = new StringBuilder();
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/tagger-eval/cases.jsonl"), StandardCharsets.UTF_8);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        while (sb.length() < (1 << 20))
            for (String l : lines) if (!l.isBlank()) sb.append(json.readTree(l).get("text").asText()).append("\n\n");
        text = sb.substring(0, 1 << 20);
    }

    /** Mentions only: the matching path. */
    @Benchmark
    public int mentions() {
        return tagger.mentions(text).size();
    }

    /** Full tagging: mentions, concept scores, limitation suggestions and passages. */
    @Benchmark
    public int tag() {
        return tagger.tag(text).mentions().size();
    }
}
