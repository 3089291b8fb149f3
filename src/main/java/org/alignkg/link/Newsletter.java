package org.alignkg.link;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Alignment Newsletter database ({@code alignment-newsletter.jsonl}) as labelled training
 * data: each entry's topic section, mapped to alignkg concepts by
 * {@code data/newsletter-categories.ttl}, is a human label for its title and summary.
 *
 * <p>The split is fixed: an entry's part is decided by the SHA-256 of {@code SEED:title}, so it
 * does not depend on the file's order or on other entries. 70 % train the classifier, 15 %
 * ("dev") calibrate the thresholds, and 15 % ("test") are held out: never used to train or tune,
 * only to report.
 */
public final class Newsletter {
    public static final String SEED = "alignkg-2026-12-01";
    static final String CATEGORY_SCHEME = "https://w3id.org/alignkg/scheme/newsletter-categories";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Part { TRAIN, DEV, TEST }

    /** One labelled entry: its line, title, summary, category, and the concepts the category maps to. */
    public record Entry(int line, String title, String summary, String category, Set<String> concepts, Part part) {
        public String text() {
            return summary.isEmpty() ? title : title + "\n\n" + summary;
        }

        /** Whether the entry has a summary (dev and test use only these: a title alone is not an abstract). */
        public boolean summarised() {
            return !summary.isEmpty();
        }
    }

    private Newsletter() { }

    /** The part of an entry with this title. */
    public static Part partOf(String title) {
        int bucket = bucket(SEED, title);
        return bucket < 70 ? Part.TRAIN : bucket < 85 ? Part.DEV : Part.TEST;
    }

    /**
     * A fixed split's bucket 0..99 for {@code key}: from the SHA-256 of {@code seed:key}, so it
     * depends on neither the file's order nor the other entries (the newsletter's and the labelled
     * abstracts' splits).
     */
    static int bucket(String seed, String key) {
        byte[] h = org.apache.commons.codec.digest.DigestUtils.sha256((seed + ":" + key).getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(((h[0] & 0xff) << 8) | (h[1] & 0xff), 100);
    }

    /**
     * Category notation to the concepts it maps to ({@code skos:closeMatch}, {@code skos:broadMatch}
     * or {@code skos:exactMatch} from a concept of the newsletter-categories scheme); unmapped
     * categories are absent.
     */
    public static Map<String, Set<String>> mapping(Graph g) {
        Map<String, Set<String>> out = new HashMap<>();
        Node inScheme = NodeFactory.createURI(ConceptScheme.SKOS + "inScheme");
        Node notation = NodeFactory.createURI(ConceptScheme.SKOS + "notation");
        for (Triple t : g.find(Node.ANY, inScheme, NodeFactory.createURI(CATEGORY_SCHEME)).toList()) {
            Node c = t.getSubject();
            String n = g.find(c, notation, Node.ANY).nextOptional().map(x -> x.getObject().getLiteralLexicalForm()).orElse(null);
            if (n == null) continue;
            Set<String> targets = new TreeSet<>();
            for (String p : List.of("closeMatch", "broadMatch", "exactMatch"))
                g.find(c, NodeFactory.createURI(ConceptScheme.SKOS + p), Node.ANY)
                    .forEachRemaining(m -> { if (m.getObject().isURI()) targets.add(m.getObject().getURI()); });
            if (!targets.isEmpty()) out.put(n, targets);
        }
        return out;
    }

    /** The entries whose category is mapped (with or without a summary); summaries lose their Markdown emphasis marks. */
    public static List<Entry> read(Path file, Map<String, Set<String>> mapping) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(SourceLocation.of(file.toString()), "cannot read: " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (java.io.IOException e) {
                throw new InvalidInputException(SourceLocation.of(file.toString(), i + 1), "not JSON: " + e.getMessage(), e);
            }
            String category = n.path("category").asText("").strip();
            Set<String> concepts = mapping.get(category);
            String title = n.path("title").asText("").strip();
            String summary = n.path("summary").asText("").replaceAll("[*_]{1,2}", "").strip();
            if (concepts == null || title.isEmpty()) continue;
            out.add(new Entry(i + 1, title, summary, category, concepts, partOf(title)));
        }
        return out;
    }
}
