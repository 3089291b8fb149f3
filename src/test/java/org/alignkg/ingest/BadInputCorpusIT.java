package org.alignkg.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.alignkg.CanarySocket;
import org.alignkg.TestData;
import org.alignkg.cli.CliRun;
import org.alignkg.store.KgStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * Malformed and hostile RDF files in every accepted syntax, loaded through the CLI as a user
 * would: each is refused with one line naming the file (and position where the parser gives
 * one), no stack trace, exit code 65, no outbound connection, no local file read, and the store's
 * content hash unchanged.
 */
public class BadInputCorpusIT {
    @TempDir
    static Path tmp;
    static Path store;
    static String hashBefore;
    static CanarySocket canary;
    static Path secret;
    private static final AtomicInteger tried = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    public record Case(String name, String file, byte[] bytes, String expected) {
        @Override public String toString() { return name; }
    }

    @BeforeAll
    static void setUp() throws IOException {
        store = tmp.resolve("store");
        try (KgStore s = KgStore.open(store)) {
            TestData.loadShipped(s);
            hashBefore = s.contentHash();
        }
        // Anything that tries to fetch a remote document hits this socket and is counted.
        canary = CanarySocket.open();
        secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CANARY");
    }

    @AfterAll
    static void tearDown() throws IOException {
        canary.close();
        // The figure of issue 7 for this corpus: every input tried was refused cleanly.
        String line = String.format("RDF bad inputs tried: %d; refused cleanly: %d%n", tried.get(), refused.get());
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bad-input-rdf.txt"), line);
        System.out.print(line);
        assertThat(refused.get()).as("RDF inputs refused cleanly").isEqualTo(tried.get()).isEqualTo(cases().size());
    }

    static String url() {
        return "http://127.0.0.1:" + (canary == null ? 9 : canary.port()) + "/ctx";
    }

    private static Case c(String name, String file, String text, String expected) {
        return new Case(name, file, text.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Case b(String name, String file, byte[] bytes, String expected) {
        return new Case(name, file, bytes, expected);
    }

    public static List<Case> cases() {
        String ex = "@prefix ex: <https://example.org/> .\n";
        String rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"https://example.org/\">";
        String trix = "<TriX xmlns=\"http://www.w3.org/2004/03/trix/trix-1/\">";
        List<Case> l = new ArrayList<>();
        // Turtle
        l.add(c("turtle truncated mid-triple", "t1.ttl", ex + "ex:a ex:b ", ":2"));
        l.add(c("turtle missing final dot", "t2.ttl", ex + "ex:a ex:b ex:c", ":2"));
        l.add(c("turtle newline in short literal", "t3.ttl", ex + "ex:a ex:b \"x\ny\" .\n", ":2: Illegal carriage return or new line in literal"));
        l.add(c("turtle undefined prefix", "t4.ttl", "nope:a <https://example.org/b> 1 .\n", ":1"));
        l.add(c("turtle IRI with a space", "t5.ttl", "<https://example.org/a b> <https://example.org/p> 1 .\n", ":1"));
        l.add(c("turtle bad xsd:integer", "t6.ttl", ex + "ex:a ex:b \"12x\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", ":2: '12x' is not a valid value for datatype"));
        l.add(c("turtle bad xsd:date", "t7.ttl", ex + "ex:a ex:b \"2022-13-45\"^^<http://www.w3.org/2001/XMLSchema#date> .\n", ":2: '2022-13-45' is not a valid value for datatype"));
        l.add(c("turtle bad xsd:boolean", "t8.ttl", ex + "ex:a ex:b \"yes\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n", ":2: 'yes' is not a valid value for datatype"));
        l.add(c("turtle bad language tag", "t9.ttl", ex + "ex:a ex:b \"x\"@not_a_tag! .\n", ":2"));
        l.add(c("turtle literal as subject", "t10.ttl", ex + "\"s\" ex:b ex:c .\n", ":2"));
        l.add(c("turtle unterminated long string", "t11.ttl", ex + "ex:a ex:b \"\"\"never closed .\n", ":"));
        l.add(b("turtle UTF-16 with BOM", "t12.ttl", "\uFEFF<a> <b> <c> .".getBytes(StandardCharsets.UTF_16BE), ":1: file is UTF-16"));
        l.add(b("turtle Latin-1 byte", "t13.ttl", (ex + "ex:a ex:b \"caf\u00e9\" .\n").getBytes(StandardCharsets.ISO_8859_1), ":2:15: not valid UTF-8"));
        l.add(b("turtle binary garbage", "t14.ttl", new byte[] { 0x00, 0x01, (byte) 0xFF, (byte) 0xFE, 0x7F, 0x02 }, ":1:3: not valid UTF-8 (byte 0xFF at offset 2)"));
        l.add(c("turtle deeply nested collections", "t15.ttl", ex + "ex:a ex:b " + "(".repeat(20_000) + ")".repeat(20_000) + " .\n", ":"));
        l.add(c("turtle deeply nested blank nodes", "t16.ttl", ex + "ex:a ex:b " + "[ ex:c ".repeat(20_000) + "]".repeat(20_000) + " .\n", ":"));
        l.add(c("turtle enormous literal", "t17.ttl", ex + "ex:a ex:b \"" + "x".repeat(3_000_000) + "\" .\n", ":2: literal of 3000000 characters exceeds the limit of 1000000"));
        l.add(c("turtle prefix with bad IRI", "t18.ttl", "@prefix ex: <not an iri> .\nex:a ex:b ex:c .\n", ":1"));
        l.add(c("turtle base with relative IRI then bad", "t19.ttl", "@base <https://example.org/> .\n<a> <b> <c d> .\n", ":2"));
        // N-Triples
        l.add(c("ntriples relative IRI", "n1.nt", "<a> <https://example.org/p> \"x\" .\n", ":1"));
        l.add(c("ntriples missing object", "n2.nt", "<https://example.org/a> <https://example.org/b> .\n", ":1"));
        l.add(c("ntriples unterminated literal", "n3.nt", "<https://example.org/a> <https://example.org/b> \"x .\n", ":1"));
        l.add(c("ntriples blank node predicate", "n4.nt", "<https://example.org/a> _:p \"x\" .\n", ":1"));
        l.add(c("ntriples prefix directive", "n5.nt", "@prefix ex: <https://example.org/> .\n", ":1"));
        l.add(c("ntriples truncated", "n6.nt", "<https://example.org/a> <https://example.org/b> <https://exa", ":1"));
        // N-Quads
        l.add(c("nquads literal as graph name", "q1.nq", "<https://example.org/a> <https://example.org/b> \"x\" \"g\" .\n", ":1"));
        l.add(c("nquads missing dot", "q2.nq", "<https://example.org/a> <https://example.org/b> \"x\" <https://example.org/g>\n", ":"));
        l.add(c("nquads system graph is reserved", "q3.nq", "<https://example.org/a> <https://example.org/b> \"x\" <https://w3id.org/alignkg/graph/system> .\n", ": the graph <https://w3id.org/alignkg/graph/system> is reserved"));
        // TriG
        l.add(c("trig unclosed graph", "g1.trig", ex + "ex:g {\n ex:a ex:b ex:c .\n", ":"));
        l.add(c("trig nested graph", "g2.trig", ex + "ex:g { ex:h { ex:a ex:b ex:c . } }\n", ":2"));
        l.add(c("trig literal graph name", "g3.trig", ex + "\"g\" { ex:a ex:b ex:c . }\n", ":2"));
        // RDF/XML
        l.add(c("rdfxml external entity (XXE)", "x1.rdf", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + secretPath() + "\">]>\n" + rdf
            + "<rdf:Description rdf:about=\"https://example.org/a\"><ex:b>&x;</ex:b></rdf:Description></rdf:RDF>", ":2:10: DOCTYPE is disallowed"));
        l.add(c("rdfxml billion laughs", "x2.rdf", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
            + rdf + "<rdf:Description rdf:about=\"https://example.org/a\"><ex:b>&c;</ex:b></rdf:Description></rdf:RDF>", ":2:10: DOCTYPE is disallowed"));
        l.add(c("rdfxml remote DTD", "x3.rdf", "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"" + url() + "\">\n" + rdf + "</rdf:RDF>", ":2:10: DOCTYPE is disallowed"));
        l.add(c("rdfxml mismatched tags", "x4.rdf", "<?xml version=\"1.0\"?>\n" + rdf + "\n<rdf:Description rdf:about=\"https://example.org/a\"></rdf:Descr>\n</rdf:RDF>", ":3"));
        l.add(c("rdfxml not XML", "x5.rdf", "this is not xml at all", ":1:1"));
        l.add(c("rdfxml truncated", "x6.rdf", "<?xml version=\"1.0\"?>\n" + rdf + "\n<rdf:Description rdf:about=\"https://example.org/a\">", ":3"));
        l.add(c("rdfxml invalid about IRI", "x7.rdf", "<?xml version=\"1.0\"?>\n" + rdf + "\n<rdf:Description rdf:about=\"https://exa mple.org/a\"><ex:b>1</ex:b></rdf:Description>\n</rdf:RDF>", ":"));
        l.add(b("rdfxml binary garbage", "x8.rdf", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }, ": Invalid byte 1 of 1-byte UTF-8 sequence"));
        // JSON-LD
        l.add(c("jsonld remote context", "j1.jsonld", "{\"@context\": \"" + url() + "\", \"@id\": \"https://example.org/a\", \"name\": \"x\"}", ": Could not parse JSONLD"));
        l.add(c("jsonld remote context in array", "j2.jsonld", "{\"@context\": [\"" + url() + "\"], \"@id\": \"https://example.org/a\"}", ": Could not parse JSONLD"));
        l.add(c("jsonld truncated", "j3.jsonld", "{\"@id\": \"https://example.org/a\", \"https://example.org/b\": ", ":"));
        l.add(c("jsonld deeply nested arrays", "j4.jsonld", "[".repeat(100_000) + "]".repeat(100_000), ": "));
        l.add(c("jsonld remote @import", "j5.jsonld", "{\"@context\": {\"@version\": 1.1, \"@import\": \"" + url() + "\"}, \"@id\": \"https://example.org/a\"}", ":"));
        l.add(c("jsonld not JSON", "j6.jsonld", "<html>not json</html>", ":"));
        // TriX
        l.add(c("trix external entity", "r1.trix", "<?xml version=\"1.0\"?>\n<!DOCTYPE TriX [<!ENTITY x SYSTEM \"file://" + secretPath() + "\">]>\n" + trix
            + "<graph><triple><uri>https://example.org/a</uri><uri>https://example.org/b</uri><plainLiteral>&x;</plainLiteral></triple></graph></TriX>", ":2:10: DOCTYPE is disallowed"));
        l.add(c("trix mismatched tags", "r2.trix", "<?xml version=\"1.0\"?>\n" + trix + "\n<graph>\n</grph>\n</TriX>", ":4"));
        l.add(c("trix triple with two terms", "r3.trix", "<?xml version=\"1.0\"?>\n" + trix + "<graph><triple><uri>https://example.org/a</uri><uri>https://example.org/b</uri></triple></graph></TriX>", ":"));
        // Shapes
        l.add(c("shape violation: limitation without text or anchor", "s1.ttl",
            "<https://w3id.org/alignkg/limitation/77> a <https://w3id.org/alignkg/ontology#Limitation> .\n", ":1: does not conform to the SHACL shapes"));
        return l;
    }

    private static String secretPath() {
        return secret == null ? "/etc/hostname" : secret.toAbsolutePath().toString();
    }

    static Stream<Case> corpus() {
        return cases().stream();
    }

    @Test
    void the_corpus_covers_every_rdf_syntax_with_at_least_45_inputs() {
        List<Case> all = cases();
        assertThat(all).hasSizeGreaterThanOrEqualTo(45);
        assertThat(all.stream().map(x -> x.file().substring(x.file().lastIndexOf('.') + 1)).distinct())
            .contains("ttl", "nt", "nq", "trig", "rdf", "jsonld", "trix");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostile_input_is_refused_cleanly(Case c) throws IOException {
        tried.incrementAndGet();
        Path f = tmp.resolve(c.file());
        Files.write(f, c.bytes());
        int connectionsBefore = canary.connections();
        CliRun run = CliRun.of("load", "--store", store.toString(), "--ontology", TestData.ONTOLOGY.toString(), f.toString());
        int exit = run.exit();
        String out = run.out();
        String err = run.err();

        String message = err.toString();
        assertThat(exit).as(message).isEqualTo(65);
        assertThat(message).startsWith("alignkg: " + f + c.expected());
        assertThat(message).doesNotContain("\tat ", "Exception", "TOP-SECRET-CANARY");
        assertThat(message.length()).isLessThan(4000);
        assertThat(out.toString()).isEmpty();
        assertThat(canary.connections()).as("outbound connections").isEqualTo(connectionsBefore);
        try (KgStore s = KgStore.open(store)) {
            assertThat(s.contentHash()).isEqualTo(hashBefore);
        }
        refused.incrementAndGet();
    }
}
