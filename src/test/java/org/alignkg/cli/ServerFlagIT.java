package org.alignkg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.alignkg.TestData;
import org.alignkg.query.NamedQueries;
import org.alignkg.server.RunningServer;
import org.alignkg.server.ServerConfig;
import org.alignkg.store.KgStore;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read commands with {@code --server URL}: {@code alignkg serve} runs in a child process over a
 * store (the shipped curated data, no corpus; the vector index on), every read command runs against
 * it with {@code --server} while {@code query --store} on the same folder is refused as busy, then
 * the server is stopped by its pid and the same commands run on the store itself: the output must be
 * the same, byte for byte (stats names the store's location in its first line: the folder locally,
 * the URL over the server).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerFlagIT {
    static final String TOKEN = "server-flag-token-8d1e";
    static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/sparql");
    static final String L3 = "https://w3id.org/alignkg/limitation/3";

    @TempDir
    static Path tmp;
    static Path store;
    static Process serve;
    static String url;
    static final StringBuilder serveOutput = new StringBuilder();

    /** What each read command printed over the server, by name; compared with the local run at the end. */
    static final Map<String, CliRun> remote = new LinkedHashMap<>();
    static final Map<String, String> remoteFiles = new LinkedHashMap<>();

    /** Each case: a name and the arguments of one read command, without --store/--server. */
    static List<Map.Entry<String, List<String>>> cases() {
        List<Map.Entry<String, List<String>>> c = new ArrayList<>();
        String select = "PREFIX akg: <https://w3id.org/alignkg/ontology#> PREFIX schema: <http://schema.org/> "
            + "SELECT ?l ?n ?text { ?l a akg:Limitation ; akg:number ?n ; schema:text ?text } ORDER BY ?n";
        for (String f : List.of("table", "csv", "tsv", "json", "xml"))
            c.add(Map.entry("query select " + f, List.of("query", "--format", f, select)));
        c.add(Map.entry("query ask", List.of("query", "ASK { ?s a <https://w3id.org/alignkg/ontology#Limitation> }")));
        String construct = "PREFIX akg: <https://w3id.org/alignkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            + "CONSTRUCT { ?l akg:concerns ?c . ?c skos:prefLabel ?label } { ?l a akg:Limitation ; akg:concerns ?c . ?c skos:prefLabel ?label }";
        for (String f : List.of("turtle", "ntriples", "jsonld", "rdfxml", "trig", "nquads"))
            c.add(Map.entry("query construct " + f, List.of("query", "--format", f, construct)));
        c.add(Map.entry("query describe", List.of("query", "DESCRIBE <" + L3 + ">")));
        c.add(Map.entry("query named with a parameter", List.of("query", "concepts-of-limitation", "-p", "limitation=" + L3)));
        c.add(Map.entry("query named paged csv", List.of("query", "limitations-verbatim", "--limit", "2", "--offset", "1", "--format", "csv")));
        c.add(Map.entry("stats", List.of("stats")));
        c.add(Map.entry("stats json", List.of("stats", "--json")));
        c.add(Map.entry("search", List.of("search", "interpretability", "--limit", "5")));
        c.add(Map.entry("search no hits", List.of("search", "zzzyqx")));
        c.add(Map.entry("export trig", List.of("export")));
        c.add(Map.entry("export nquads", List.of("export", "--format", "nquads")));
        c.add(Map.entry("export turtle one graph", List.of("export", "--format", "turtle", "--graph", "https://w3id.org/alignkg/graph/ontology/alignkg.ttl")));
        c.add(Map.entry("export trix", List.of("export", "--format", "trix")));
        for (String f : List.of("dot", "graphml", "mermaid", "cytoscape-json"))
            c.add(Map.entry("export-graph " + f, List.of("export-graph", "--format", f)));
        c.add(Map.entry("export-graph focus", List.of("export-graph", "--format", "mermaid", "--focus", L3, "--depth", "2")));
        c.add(Map.entry("similar iri", List.of("similar", "--iri", L3, "--limit", "5")));
        c.add(Map.entry("similar text json", List.of("similar", "--text", "models that help alignment research may be dangerous", "--limit", "4", "--json")));
        c.add(Map.entry("similar type", List.of("similar", "--iri", L3, "--type", "concept", "--limit", "3")));
        String debate = TestData.ROOT.resolve("src/test/resources/fixtures/abstracts/michael-2023-debate-helps-supervise-unreliable-experts.txt").toString();
        List<String> link = List.of("link", debate, "--title", "Debate helps supervise unreliable experts",
            "--url", "https://example.org/debate", "--author", "A. Reader", "--date", "2023-11", "--dry-run");
        c.add(Map.entry("link dry run", link));
        List<String> linkJson = new ArrayList<>(link);
        linkJson.add("--json");
        c.add(Map.entry("link dry run json", linkJson));
        return c;
    }

    @BeforeAll
    static void serve() throws Exception {
        // The curated data without the corpus: the server still builds its vector index (of these texts), quickly.
        Path data = tmp.resolve("data");
        try (Stream<Path> walk = Files.walk(TestData.ROOT.resolve("data"))) {
            for (Path p : walk.toList()) {
                Path rel = TestData.ROOT.resolve("data").relativize(p);
                if (rel.startsWith("corpus")) continue;
                Path target = data.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        store = tmp.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        serve = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.alignkg.cli.Main", "serve",
                "--store", store.toString(), "--ontology", "ontology", "--data", data.toString(), "--queries", "queries",
                "--port", "0", "--update-token", TOKEN)
            .redirectErrorStream(true).start();
        url = "http://127.0.0.1:" + port(serve);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) serve.destroyForcibly();
        }
    }

    static CliRun overServer(List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.add(1, "--server");
        a.add(2, url);
        return CliRun.of(a.toArray(String[]::new));
    }

    static CliRun locally(List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.addAll(1, List.of("--store", store.toString(), "--ontology", "ontology"));
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void while_serve_holds_the_store_query_over_the_server_works_and_query_on_the_folder_is_busy() {
        String ask = "ASK { <" + L3 + "> a <https://w3id.org/alignkg/ontology#Limitation> }";
        CliRun viaServer = overServer(List.of("query", ask));
        assertThat(viaServer.exit()).as(viaServer.err()).isZero();
        assertThat(viaServer.out().strip()).isEqualTo("yes");

        CliRun onFolder = locally(List.of("query", ask));
        assertThat(onFolder.exit()).isEqualTo(75);
        assertThat(onFolder.err()).contains("is locked by another process").contains(store.toString())
            .contains("the read commands can ask it with --server URL");
    }

    @Test
    @Order(2)
    void every_read_command_runs_over_the_server() {
        for (var c : cases()) {
            CliRun r = overServer(c.getValue());
            assertThat(r.exit()).as("%s over the server: %s", c.getKey(), r.err()).isZero();
            assertThat(r.out()).as(c.getKey()).isNotBlank();
            remote.put(c.getKey(), r);
        }
        assertThat(remote.get("stats").out()).startsWith("store " + url + ": ");
        assertThat(remote.get("search").out()).contains("<https://w3id.org/alignkg/");
        assertThat(remote.get("similar iri").out()).contains("<https://w3id.org/alignkg/");
        // the server's linker, nothing stored: debate and scalable oversight for the debate paper
        assertThat(remote.get("link dry run").out()).contains("(dry run: not stored)").contains("AI safety via debate")
            .contains("Scalable oversight");
        assertThat(remote.get("link dry run json").out()).contains("\"stored\" : false").contains("\"evidence\"");
    }

    @Test
    @Order(3)
    void export_to_a_file_over_the_server() throws IOException {
        for (String cmd : List.of("export", "export-graph")) {
            Path f = tmp.resolve("remote-" + cmd + ".out");
            List<String> args = new ArrayList<>(List.of(cmd, "-o", f.toString()));
            if (cmd.equals("export-graph")) args.addAll(List.of("--format", "graphml"));
            CliRun r = overServer(args);
            assertThat(r.exit()).as(r.err()).isZero();
            remoteFiles.put(cmd, Files.readString(f, StandardCharsets.UTF_8));
        }
    }

    @Test
    @Order(4)
    void errors_have_one_line_and_the_local_exit_codes() throws IOException {
        // --server with --store: usage error.
        CliRun both = CliRun.of("stats", "--server", url, "--store", store.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--server and --store exclude each other");

        // Not an http URL: usage error.
        CliRun notHttp = CliRun.of("stats", "--server", "ftp://127.0.0.1:1");
        assertThat(notHttp.exit()).isEqualTo(2);
        assertThat(notHttp.err()).contains("--server: 'ftp://127.0.0.1:1' is not the http:// or https:// address of a running alignkg");

        // Nothing listening: one line naming the URL, exit 69 (a service alignkg needs is down).
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;
        for (List<String> args : List.of(List.of("query", "ASK {}"), List.of("stats"), List.of("search", "x"), List.of("export"))) {
            List<String> a = new ArrayList<>(args);
            a.addAll(1, List.of("--server", nowhere));
            CliRun r = CliRun.of(a.toArray(String[]::new));
            assertThat(r.exit()).as("%s: %s", args, r.err()).isEqualTo(69);
            assertThat(r.err().strip()).as(args.toString()).isEqualTo("alignkg: cannot reach alignkg at " + nowhere
                + " (connection refused); is 'alignkg serve' running there?");
            assertThat(r.out()).isEmpty();
        }

        // The server's 404 and 400: exit 65 as locally, with the server's message.
        CliRun noGraph = overServer(List.of("export", "--graph", "https://w3id.org/alignkg/graph/no-such-graph"));
        assertThat(noGraph.exit()).isEqualTo(65);
        assertThat(noGraph.err().strip()).isEqualTo("alignkg: " + url + "/data: no graph <https://w3id.org/alignkg/graph/no-such-graph> in the store");
        CliRun badIri = overServer(List.of("similar", "--iri", "not an iri"));
        assertThat(badIri.exit()).isEqualTo(65);
        assertThat(badIri.err().strip()).isEqualTo("alignkg: " + url + "/api/similar: parameter 'iri': not an absolute IRI: 'not an iri'");
        CliRun badText = overServer(List.of("query",
            "PREFIX text: <http://jena.apache.org/text#> SELECT ?s { ?s text:query 'interpretability AND (' }"));
        assertThat(badText.exit()).as(badText.err()).isEqualTo(65);
        assertThat(badText.err()).startsWith("alignkg: " + url + "/sparql: ").contains("text:query cannot parse its search string");
        assertThat(badText.err().strip().lines().count()).isEqualTo(1);

        // A query that does not parse is refused before anything is sent, with the local message.
        CliRun syntax = overServer(List.of("query", "SELECT ?x {"));
        CliRun syntaxLocal = CliRun.of("query", "--store", tmp.resolve("never-opened").toString(), "SELECT ?x {");
        assertThat(syntax.exit()).isEqualTo(65).isEqualTo(syntaxLocal.exit());
        assertThat(syntax.err()).isEqualTo(syntaxLocal.err());
        assertThat(tmp.resolve("never-opened")).doesNotExist();

        // link over the server only as a dry run: storing goes through POST /api/documents (usage error 2).
        CliRun storing = overServer(List.of("link", "README.md", "--title", "T", "--url", "https://example.org/t"));
        assertThat(storing.exit()).isEqualTo(2);
        assertThat(storing.err()).contains("--server needs --dry-run");

        // Backup needs the token: without it the server's 403/401 is named, with the variable to set.
        CliRun noToken = overServer(List.of("backup", "-o", tmp.resolve("b.nq.gz").toString()));
        assertThat(noToken.exit()).isEqualTo(65);
        assertThat(noToken.err()).contains("/admin/backup: ").contains("set ALIGNKG_TOKEN");
        assertThat(tmp.resolve("b.nq.gz")).doesNotExist();
    }

    @Test
    @Order(5)
    void a_503_of_the_server_exits_75_with_its_message() {
        // A server without the vector index answers /api/similar with 503.
        try (KgStore empty = KgStore.inMemory();
             RunningServer plain = RunningServer.start(empty, NamedQueries.of(Map.of()), ServerConfig.defaults(), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + plain.port();
            CliRun r = CliRun.of("similar", "--server", base, "--text", "interpretability");
            assertThat(r.exit()).isEqualTo(75);
            assertThat(r.err().strip()).isEqualTo("alignkg: alignkg at " + base
                + " cannot answer now (503): the similarity index is not enabled on this server");
        }
    }

    @Test
    @Order(6)
    void backup_over_the_server_with_the_token_from_the_environment() throws Exception {
        Path out = tmp.resolve("remote-backup.nq.gz");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.alignkg.cli.Main",
            "backup", "--server", url, "-o", out.toString()).redirectErrorStream(true);
        pb.environment().put("ALIGNKG_TOKEN", TOKEN);
        Process p = pb.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).matches("(?s)backed up [0-9,]+ quads to .*remote-backup\\.nq\\.gz \\([0-9,]+ bytes\\)\\s*")
            .doesNotContain(TOKEN);
        remoteFiles.put("backup", printed.replaceAll("quads to \\S+", "quads to FILE").replaceAll("\\([0-9,]+ bytes\\)", ""));
    }

    @Test
    @Order(7)
    void stopped_by_its_pid_then_the_local_commands_print_the_same() throws Exception {
        long pid = serve.pid();
        serve.destroy();
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        SoftAssertions soft = new SoftAssertions();
        for (var c : cases()) {
            CliRun local = locally(c.getValue());
            soft.assertThat(local.exit()).as("%s locally: %s", c.getKey(), local.err()).isZero();
            String expected = local.out();
            CliRun overServer = remote.get(c.getKey());
            String actual = overServer == null ? "(did not run over the server)" : overServer.out();
            if (c.getKey().equals("stats"))
                actual = actual.replaceFirst("^store \\S+: ", "store " + store + ": ");
            if (c.getKey().equals("stats json")) {
                // The generation counts the writes of the process that has the store open: the
                // server's (its start-up sync) over the server, none in a fresh local run.
                soft.assertThat(actual).containsPattern("\"generation\" : [1-9][0-9]*");
                soft.assertThat(expected).contains("\"generation\" : 0");
                actual = actual.replaceFirst("\"generation\" : [0-9]+", "\"generation\" : 0");
            }
            soft.assertThat(actual).as("%s: over the server as locally", c.getKey()).isEqualTo(expected);
        }
        for (String cmd : List.of("export", "export-graph")) {
            Path f = tmp.resolve("local-" + cmd + ".out");
            List<String> args = new ArrayList<>(List.of(cmd, "-o", f.toString()));
            if (cmd.equals("export-graph")) args.addAll(List.of("--format", "graphml"));
            CliRun r = locally(args);
            soft.assertThat(r.exit()).as(r.err()).isZero();
            soft.assertThat(remoteFiles.get(cmd)).as("%s -o over the server as locally", cmd).isEqualTo(Files.readString(f, StandardCharsets.UTF_8));
        }
        CliRun backup = locally(List.of("backup", "-o", tmp.resolve("local-backup.nq.gz").toString()));
        soft.assertThat(backup.exit()).as(backup.err()).isZero();
        soft.assertThat(remoteFiles.get("backup")).as("backup over the server counts the quads of a local backup")
            .isEqualTo(backup.out().replaceAll("quads to \\S+", "quads to FILE").replaceAll("\\([0-9,]+ bytes\\)", ""));
        soft.assertAll();
    }

    /** Waits for the "serving" line and returns the port; keeps draining the output afterwards. */
    static int port(Process p) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (serveOutput) {
                        serveOutput.append(line).append('\n');
                    }
                    Matcher m = SERVING.matcher(line);
                    if (!port.isDone() && m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new AssertionError("serve ended without serving:\n" + serveOutput));
        }, "serve-output");
        t.setDaemon(true);
        t.start();
        return port.get(600, TimeUnit.SECONDS);
    }
}
