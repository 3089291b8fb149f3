package org.alignkg.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import org.alignkg.link.DocumentInput;
import org.alignkg.link.DocumentReader;
import org.alignkg.link.Linker;
import org.alignkg.link.Training;

/**
 * CPU time per linked abstract (bench/README.md, "Linker"): on a machine shared with other
 * builds, throughput in abstracts/s depends on what else runs, CPU seconds per abstract much less;
 * two free cores then link about {@code 2 / cpu} abstracts per second. Links N real abstracts of
 * the shipped corpus (default 200, from the 300th) two at a time, the embedding cache off, after
 * 40 for warm-up; prints wall time, process CPU time, and both per abstract.
 *
 * <pre>java -Dalignkg.embed.cache=0 -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.alignkg.bench.LinkerCpu [N]</pre>
 */
public final class LinkerCpu {
    private LinkerCpu() { }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Linker linker = Training.linker(Training.readData(Path.of("data")));
        List<DocumentInput> docs = DocumentReader.read(Path.of("data/corpus/ai-alignment-papers.csv"), "corpus").documents().stream()
            .filter(d -> d.abstractText() != null).toList();
        docs.subList(0, 40).parallelStream().forEach(d -> linker.tag(d.text()));
        List<DocumentInput> measured = docs.subList(300, 300 + n);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double load = os.getSystemLoadAverage();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int concepts = measured.parallelStream().mapToInt(d -> linker.tag(d.text()).concepts().size()).sum();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(java.util.Locale.ROOT,
            "%d abstracts (%d concepts): wall %.2f s (%.1f abstracts/s), CPU %.2f s (%.1f ms per abstract; 2 free cores: %.0f abstracts/s), load %.1f -> %.1f%n",
            n, concepts, wall, n / wall, cpu, 1000 * cpu / n, 2 * n / cpu, load, os.getSystemLoadAverage());
    }
}
