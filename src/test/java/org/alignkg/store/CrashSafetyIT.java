package org.alignkg.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.alignkg.TestData;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code alignkg load} in a child JVM, kills it with SIGKILL at a random moment, reopens the
 * store and checks it holds exactly the state before the load or exactly the state after it.
 * Trials: system property {@code alignkg.crashTrials} (5 in the fast suite, 25 with -Plong).
 */
class CrashSafetyIT {
    private static final int TRIPLES = Integer.getInteger("alignkg.crashTriples", 40_000);

    @TempDir
    Path tmp;

    @Test
    void a_load_killed_at_any_moment_leaves_the_store_before_or_after_never_between() throws Exception {
        int trials = Integer.getInteger("alignkg.crashTrials", 5);
        Path base = tmp.resolve("base");
        try (KgStore store = KgStore.open(base)) {
            TestData.loadShipped(store);
        }
        Path big = tmp.resolve("big.nt");
        writeBigFile(big);
        // A file outside the project root is named by its whole path (Loader.graphIri).
        Node bigGraph = NodeFactory.createURI(org.alignkg.ingest.Loader.graphIri(big.toAbsolutePath().normalize().toString()));

        String before = dataHash(base);

        // One undisturbed run tells how long a load takes and what "after" looks like.
        Path calibrate = copy(base, tmp.resolve("calibrate"));
        long t0 = System.nanoTime();
        assertThat(runLoad(calibrate, big).waitFor()).isZero();
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        String after = dataHash(calibrate);
        assertThat(after).isNotEqualTo(before);

        Random random = new Random(20260827L);
        int beforeCount = 0;
        int afterCount = 0;
        for (int i = 0; i < trials; i++) {
            Path trial = copy(base, tmp.resolve("trial-" + i));
            Process p = runLoad(trial, big);
            long killAt = 100 + (long) (random.nextDouble() * loadMillis * 1.1);
            boolean finished = p.waitFor(killAt, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no cleanup
                p.waitFor();
            }
            String state = dataHash(trial);
            assertThat(state).as("trial %d killed at %d ms", i, killAt).isIn(before, after);
            try (KgStore s = KgStore.open(trial)) {
                long n = s.read(d -> (long) d.getGraph(bigGraph).size());
                assertThat(n).as("trial %d: graph size", i).isIn(0L, (long) TRIPLES);
                // the bookkeeping agrees with the data: a file is recorded iff its graph is there
                boolean recorded = s.loadedFiles().keySet().stream().anyMatch(f -> f.endsWith("big.nt"));
                assertThat(recorded).as("trial %d: system graph", i).isEqualTo(n > 0);
            }
            if (state.equals(before)) beforeCount++;
            else afterCount++;
            deleteTree(trial);
        }
        String figures = String.format("load crash trials: %d (load of %d triples, SIGKILL at random); before-state: %d, after-state: %d, in-between: 0 (load takes %d ms)%n",
            trials, TRIPLES, beforeCount, afterCount, loadMillis);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("load-crash-" + trials + ".txt"), figures);
        System.out.print(figures);
    }

    /**
     * The bulk path ({@code load --bulk}: a new storage generation built by TDB2's parallel loader,
     * validated, switched to by a rename) killed at random moments, half of them in the last
     * third of the load, where the validation, the switch and the text-index update are. After
     * each kill: the old or the new content, never a mix; the text index agrees with the store
     * (and finds the file's labels iff the store has them); exactly one storage generation is
     * left, no {@code -tmp} folder, no marker.
     */
    @Test
    void a_bulk_load_killed_at_any_moment_leaves_the_old_or_the_new_generation_and_the_index_agrees() throws Exception {
        int trials = Integer.getInteger("alignkg.crashTrials", 5);
        Path base = tmp.resolve("base");
        try (KgStore store = KgStore.open(base)) {
            TestData.loadShipped(store);
        }
        Path big = tmp.resolve("big-labels.nt");
        writeBigFile(big, true);
        Node bigGraph = NodeFactory.createURI(org.alignkg.ingest.Loader.graphIri(big.toAbsolutePath().normalize().toString()));
        String before = dataHash(base);

        Path calibrate = copy(base, tmp.resolve("calibrate"));
        long t0 = System.nanoTime();
        assertThat(runLoad(calibrate, big, true).waitFor()).isZero();
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        String after = dataHash(calibrate);
        assertThat(after).isNotEqualTo(before);

        Random random = new Random(20261201L);
        int beforeCount = 0;
        int afterCount = 0;
        int rebuilt = 0;
        for (int i = 0; i < trials; i++) {
            Path trial = copy(base, tmp.resolve("bulk-trial-" + i));
            Process p = runLoad(trial, big, true);
            double at = i % 2 == 0 ? random.nextDouble() * 1.1 : 0.67 + random.nextDouble() * 0.4;
            long killAt = 100 + (long) (at * loadMillis);
            boolean finished = p.waitFor(killAt, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no cleanup
                p.waitFor();
            }
            if (Files.exists(KgStore.staleTextIndexMarker(trial))) rebuilt++;
            String state = dataHash(trial);
            assertThat(state).as("trial %d killed at %d ms", i, killAt).isIn(before, after);
            try (KgStore s = KgStore.open(trial)) {
                long n = s.read(d -> (long) d.getGraph(bigGraph).size());
                assertThat(n).as("trial %d: graph size", i).isIn(0L, (long) TRIPLES);
                boolean recorded = s.loadedFiles().keySet().stream().anyMatch(f -> f.endsWith("big-labels.nt"));
                assertThat(recorded).as("trial %d: system graph", i).isEqualTo(n > 0);
                assertThat(s.textIndexSize()).as("trial %d: text index entries", i).isEqualTo(indexedLiterals(s));
                assertThat(s.searchText("\"label 4\"", 5)).as("trial %d: the file's labels found iff loaded", i)
                    .hasSize(n > 0 ? 1 : 0);
            }
            try (Stream<Path> list = Files.list(trial)) {
                assertThat(list.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("Data") || f.endsWith(".stale")))
                    .as("trial %d: storage folders", i).singleElement().asString().matches("Data-\\d{4}");
            }
            if (state.equals(before)) beforeCount++;
            else afterCount++;
            deleteTree(trial);
        }
        String figures = String.format("bulk load crash trials: %d (load --bulk of %d triples, a third of them rdfs:label, SIGKILL at random); before-state: %d, after-state: %d, in-between: 0; text index rebuilt after a kill between switch and index update: %d (load takes %d ms)%n",
            trials, TRIPLES, beforeCount, afterCount, rebuilt, loadMillis);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("bulk-load-crash-" + trials + ".txt"), figures);
        System.out.print(figures);
    }

    /** Quads the text index should hold: an indexed predicate with a literal object. */
    private static long indexedLiterals(KgStore s) {
        return s.read(d -> {
            long n = 0;
            for (String p : FullTextIndex.FIELDS.values()) {
                var it = d.find(Node.ANY, Node.ANY, NodeFactory.createURI(p), Node.ANY);
                while (it.hasNext()) if (it.next().getObject().isLiteral()) n++;
            }
            return n;
        });
    }

    /** Hash of everything except the system graph's load timestamps, which differ from run to run. */
    static String dataHash(Path dir) {
        try (KgStore s = KgStore.open(dir)) {
            return s.read(d -> {
                List<String> lines = new ArrayList<>();
                d.find().forEachRemaining(q -> {
                    if (q.getPredicate().getURI().equals("http://purl.org/dc/terms/modified")) return;
                    lines.add(q.toString());
                });
                lines.sort(null);
                return Integer.toHexString(lines.hashCode()) + ":" + lines.size();
            });
        }
    }

    private static Process runLoad(Path store, Path file) throws IOException {
        return runLoad(store, file, false);
    }

    private static Process runLoad(Path store, Path file, boolean bulk) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            "org.alignkg.cli.Main", "load", "--store", store.toString(), "--ontology", TestData.ONTOLOGY.toString()));
        if (bulk) cmd.add("--bulk");
        cmd.add(file.toString());
        return new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    }

    private static void writeBigFile(Path f) throws IOException {
        writeBigFile(f, false);
    }

    /** TRIPLES triples, three per subject; with {@code labels} the first of each is an rdfs:label (indexed). */
    private static void writeBigFile(Path f, boolean labels) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < TRIPLES; i++) {
                String p = labels && i % 3 == 0 ? "http://www.w3.org/2000/01/rdf-schema#label" : "https://example.org/crash/p" + (i % 3);
                String o = labels && i % 3 == 0 ? "label " + (i / 3) : "value " + i;
                w.write("<https://example.org/crash/s" + (i / 3) + "> <" + p + "> \"" + o + "\" .\n");
            }
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (!p.getFileName().toString().equals("tdb.lock")) Files.copy(p, target);
            }
        }
        return to;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }
}
