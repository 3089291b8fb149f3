package org.alignkg.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.alignkg.Progress;
import org.alignkg.TestData;
import org.alignkg.ingest.RdfDocument;
import org.alignkg.ingest.RdfFileReader;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every quote in the data is the source text between its offsets, character for character. */
class QuoteFidelityTest {
    private static final String OA = "http://www.w3.org/ns/oa#";
    private static final Node EXACT = NodeFactory.createURI(OA + "exact");
    private static final Node PREFIX = NodeFactory.createURI(OA + "prefix");
    private static final Node SUFFIX = NodeFactory.createURI(OA + "suffix");
    private static final Node START = NodeFactory.createURI(OA + "start");
    private static final Node END = NodeFactory.createURI(OA + "end");
    private static final Node HAS_SELECTOR = NodeFactory.createURI(OA + "hasSelector");
    private static final Node HAS_SOURCE = NodeFactory.createURI(OA + "hasSource");
    private static final Node TEXT = NodeFactory.createURI("http://schema.org/text");
    private static final Node ANCHOR = AKG.term("anchor");

    private static Graph data;
    private static String source;

    @BeforeAll
    static void readData() throws Exception {
        data = GraphFactory.createGraphMem();
        RdfFileReader reader = new RdfFileReader(Progress.NONE);
        try (var files = Files.walk(TestData.DATA)) {
            for (var f : files.filter(RdfFileReader::isRdfFile).toList()) {
                RdfDocument doc = reader.read(f, f.toString(), null, "https://w3id.org/alignkg/test/");
                doc.defaultGraph().find().forEachRemaining(data::add);
            }
        }
        source = Files.readString(TestData.SOURCE_TEXT, StandardCharsets.UTF_8);
    }

    /** Offsets count Unicode code points (W3C TextPositionSelector), not UTF-16 units. */
    private static String slice(int start, int end) {
        return source.substring(source.offsetByCodePoints(0, start), source.offsetByCodePoints(0, end));
    }

    private static Node one(Node s, Node p) {
        List<Node> os = new ArrayList<>();
        data.find(s, p, Node.ANY).forEachRemaining(t -> os.add(t.getObject()));
        assertThat(os).as("%s %s", s, p).hasSize(1);
        return os.get(0);
    }

    @Test
    void source_text_is_one_copy_of_the_limitations_section_without_the_stray_quote() {
        assertThat(source).startsWith("We\u2019re very excited about this approach towards aligning AGI");
        assertThat(source).endsWith("we\u2019re hiring Research Engineers and Research Scientists!");
        assertThat(source).doesNotContain("no subject");
        assertThat(source.split("\\* ", -1)).hasSize(6); // five bullets
        assertThat(source.chars().filter(c -> c == '"').count()).isZero();
    }

    @Test
    void the_source_node_holds_exactly_the_stored_file() {
        Node src = NodeFactory.createURI(AKG.BASE + "source/openai-2022-limitations");
        assertThat(one(src, TEXT).getLiteralLexicalForm()).isEqualTo(source);
    }

    @Test
    void every_anchor_quotes_the_source_between_its_offsets_and_matches_the_statement_text() {
        int checked = 0;
        ExtendedIterator<Triple> anchors = data.find(Node.ANY, ANCHOR, Node.ANY);
        for (Triple a : anchors.toList()) {
            Node statement = a.getSubject();
            Node target = a.getObject();
            assertThat(one(target, HAS_SOURCE).getURI()).isEqualTo(AKG.BASE + "source/openai-2022-limitations");
            String exact = null;
            int start = -1;
            int end = -1;
            String prefix = null;
            String suffix = null;
            for (Triple sel : data.find(target, HAS_SELECTOR, Node.ANY).toList()) {
                Node s = sel.getObject();
                if (data.contains(s, EXACT, Node.ANY)) {
                    exact = one(s, EXACT).getLiteralLexicalForm();
                    if (data.contains(s, PREFIX, Node.ANY)) prefix = one(s, PREFIX).getLiteralLexicalForm();
                    if (data.contains(s, SUFFIX, Node.ANY)) suffix = one(s, SUFFIX).getLiteralLexicalForm();
                }
                if (data.contains(s, START, Node.ANY)) {
                    start = Integer.parseInt(one(s, START).getLiteralLexicalForm());
                    end = Integer.parseInt(one(s, END).getLiteralLexicalForm());
                }
            }
            assertThat(exact).as("oa:exact of %s", statement).isNotNull();
            assertThat(slice(start, end)).as("source[%d,%d) for %s", start, end, statement).isEqualTo(exact);
            assertThat(one(statement, TEXT).getLiteralLexicalForm()).as("schema:text of %s", statement).isEqualTo(exact);
            if (prefix != null) assertThat(source.substring(0, source.offsetByCodePoints(0, start))).endsWith(prefix);
            if (suffix != null) assertThat(source.substring(source.offsetByCodePoints(0, end))).startsWith(suffix);
            checked++;
        }
        // framing statement + five limitations + the parts of limitations 3, 4 and 5 at least
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void each_of_the_five_limitations_is_a_whole_bullet_of_the_source() {
        String[] bullets = source.split("\n");
        List<String> items = new ArrayList<>();
        for (String b : bullets) if (b.startsWith("* ")) items.add(b.substring(2));
        assertThat(items).hasSize(5);
        for (int n = 1; n <= 5; n++) {
            Node l = NodeFactory.createURI(AKG.BASE + "limitation/" + n);
            assertThat(one(l, TEXT).getLiteralLexicalForm()).as("limitation %d", n).isEqualTo(items.get(n - 1));
        }
    }
}
