package org.alignkg.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Micro precision and recall of the tagger on src/test/resources/tagger-eval (see its README). */
class TaggerEvalTest {
    static final String C = "https://w3id.org/alignkg/concept/";

    @Test
    void precision_at_least_0_8_and_recall_at_least_0_7() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int tp = 0, fp = 0, fn = 0, cases = 0;
        StringBuilder report = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("src/test/resources/tagger-eval/cases.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode c = json.readTree(line);
            cases++;
            Set<String> gold = new TreeSet<>();
            c.get("gold").forEach(g -> gold.add(g.asText()));
            Set<String> found = new TreeSet<>();
            Schemes.tagger().tag(c.get("text").asText()).concepts().forEach(s -> found.add(s.concept().substring(C.length())));
            for (String f : found) if (gold.contains(f)) tp++; else fp++;
            for (String g : gold) if (!found.contains(g)) fn++;
            Set<String> extra = new TreeSet<>(found); extra.removeAll(gold);
            Set<String> missed = new TreeSet<>(gold); missed.removeAll(found);
            report.append(String.format("%-12s extra=%s missed=%s%n", c.get("id").asText(), extra, missed));
        }
        double p = tp / (double) (tp + fp);
        double r = tp / (double) (tp + fn);
        System.out.printf("tagger eval: %d cases, tp=%d fp=%d fn=%d, precision=%.3f recall=%.3f%n%s", cases, tp, fp, fn, p, r, report);
        assertThat(p).isGreaterThanOrEqualTo(0.8);
        assertThat(r).isGreaterThanOrEqualTo(0.7);
    }
}
