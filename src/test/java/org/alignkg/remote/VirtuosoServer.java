package org.alignkg.remote;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A Virtuoso open source 7 server (Debian's {@code virtuoso-opensource}) for integration tests: a
 * generated {@code virtuoso.ini} in the given folder (database, log and lock files there), the HTTP
 * server and the SQL (ISQL) port on free loopback ports, {@code virtuoso-t -f} started as a child
 * process, and {@link #close()} (or the JVM's shutdown hook) stopping it by its process id.
 *
 * <p>Endpoints and credentials:
 * <ul>
 * <li>{@link #sparqlUrl()} {@code /sparql}: queries, no credentials (Virtuoso's {@code SPARQL} user may
 *     only read).</li>
 * <li>{@link #updateUrl()} {@code /sparql-auth}: queries and SPARQL Update, as {@link #user()} (the
 *     {@code dba} account) with HTTP <b>Digest</b> authentication; Virtuoso answers Basic with 401.
 *     The JDK's {@code HttpClient} does only Basic, but Jena's HTTP layer answers a Digest challenge:
 *     register the credentials once with {@code AuthEnv.get().registerUsernamePassword(URI.create(
 *     baseUrl()), user(), password())} and every {@code RDFConnection}/{@code RDFLink} to this server
 *     authenticates (see {@code VirtuosoServerIT}). We chose the authenticated endpoint over granting
 *     {@code SPARQL_UPDATE} to the anonymous {@code SPARQL} user because that is how a real Virtuoso
 *     is run: an open update endpoint would let anyone on the network rewrite the graph.</li>
 * <li>{@link #graphStoreUrl()} {@code /sparql-graph-crud-auth}: the SPARQL 1.1 Graph Store protocol
 *     ({@code ?graph=IRI}, also {@code ?graph-uri=}), read and write, the same Digest credentials;
 *     {@code /sparql-graph-crud} is its read-only, anonymous twin.</li>
 * </ul>
 * The {@code dba} password is random per server (set through ISQL right after the start), so a test
 * can check that it never shows up in a log or a message.
 *
 * <p>Full-text search ({@code ?o bif:contains "word"}) needs a text-index rule:
 * {@link #enableTextIndex()} runs {@code DB.DBA.RDF_OBJ_FT_RULE_ADD(null, null, 'alignkg')} (every
 * string object of every graph) and indexes what is already there. Virtuoso keeps that index up to
 * date in batches, not at the write: {@link #refreshTextIndex()} ({@code DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ()})
 * makes the last writes searchable at once. Both are SQL, so they go through {@link #sql(String)}
 * ({@code isql-vt} on the ISQL port), not through SPARQL.
 *
 * <p>Without {@code virtuoso-t} and {@code isql-vt}, {@link #requireAvailable()} skips the test with the
 * reason, or fails it when {@code ALIGNKG_REQUIRE_VIRTUOSO=1} (environment or system property; {@code
 * .ci/run} sets it), like the browser tests' {@code ALIGNKG_REQUIRE_BROWSER}. {@code ALIGNKG_VIRTUOSO}
 * and {@code ALIGNKG_ISQL} name other binaries.
 */
public final class VirtuosoServer implements AutoCloseable {
    static final Path VIRTUOSO = Path.of(setting("ALIGNKG_VIRTUOSO", "/usr/bin/virtuoso-t"));
    static final Path ISQL = Path.of(setting("ALIGNKG_ISQL", "/usr/bin/isql-vt"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER = "dba";
    private static final String FIRST_PASSWORD = "dba"; // a new database's dba password

    private final Path dir;
    private final int httpPort;
    private final int sqlPort;
    private volatile String password;
    private volatile Process process;
    private final Thread shutdownHook;

    private VirtuosoServer(Path dir, int httpPort, int sqlPort, String password, Process process) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.sqlPort = sqlPort;
        this.password = password;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "virtuoso-stop-" + process.pid());
    }

    static String setting(String name, String dflt) {
        String v = System.getProperty(name);
        if (v == null) v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    /** Whether both Virtuoso binaries are installed. */
    public static boolean available() {
        return missing() == null;
    }

    private static String missing() {
        return !Files.isExecutable(VIRTUOSO) ? VIRTUOSO.toString() : !Files.isExecutable(ISQL) ? ISQL.toString() : null;
    }

    /** Skips the calling test with the reason when Virtuoso is missing, or fails it where Virtuoso is required. */
    public static void requireAvailable() {
        String missing = missing();
        if (missing == null) return;
        String reason = "Virtuoso tests need " + missing
            + " (Debian: apt-get install virtuoso-opensource; or set ALIGNKG_VIRTUOSO / ALIGNKG_ISQL)";
        String required = setting("ALIGNKG_REQUIRE_VIRTUOSO", "0");
        if ("1".equals(required) || "true".equals(required)) fail("ALIGNKG_REQUIRE_VIRTUOSO is set but " + reason);
        Assumptions.abort(reason);
    }

    /**
     * Writes {@code dir/virtuoso.ini}, starts Virtuoso on it and returns once {@code /sparql} answers
     * and the {@code dba} password is changed to a random one. {@code dir} must be empty or an earlier
     * server's folder (its database is then reopened). Calls {@link #requireAvailable()} first.
     */
    public static VirtuosoServer start(Path dir) throws IOException {
        requireAvailable();
        dir = dir.toAbsolutePath();
        Files.createDirectories(dir.resolve("vsp"));
        int http = freePort();
        int sql = freePort();
        while (sql == http) sql = freePort();
        Path ini = dir.resolve("virtuoso.ini");
        Files.writeString(ini, ini(dir, http, sql), StandardCharsets.UTF_8);
        boolean fresh = !Files.exists(dir.resolve("virtuoso.db"));
        Process p = launch(dir);
        String pw = fresh ? randomPassword() : Files.readString(dir.resolve("dba-password"), StandardCharsets.UTF_8).strip();
        VirtuosoServer s = new VirtuosoServer(dir, http, sql, fresh ? FIRST_PASSWORD : pw, p);
        Runtime.getRuntime().addShutdownHook(s.shutdownHook);
        try {
            s.awaitEndpoint();
            if (fresh) {
                s.sql("USER_SET_PASSWORD('" + USER + "', '" + pw + "');");
                s.password = pw;
                Files.writeString(dir.resolve("dba-password"), pw, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static Process launch(Path dir) throws IOException {
        return new ProcessBuilder(VIRTUOSO.toString(), "-f", "-c", dir.resolve("virtuoso.ini").toString())
            .directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("virtuoso.out").toFile())).start();
    }

    /**
     * Stops the server (as {@link #close()}) and starts it again on the same ports, database and
     * password: the engine going away and coming back, for the fault tests.
     */
    public void restart() throws IOException {
        stop();
        process = launch(dir);
        awaitEndpoint();
    }

    private static String ini(Path dir, int http, int sql) {
        String d = dir.toString();
        // Only what a test server needs; the rest are Virtuoso's defaults. Small buffers: the machine is shared.
        return String.join("\n",
            "[Database]",
            "DatabaseFile = " + d + "/virtuoso.db",
            "ErrorLogFile = " + d + "/virtuoso.log",
            "LockFile = " + d + "/virtuoso.lck",
            "TransactionFile = " + d + "/virtuoso.trx",
            "xa_persistent_file = " + d + "/virtuoso.pxa",
            "ErrorLogLevel = 7",
            "FileExtend = 200",
            "Striping = 0",
            "TempStorage = TempDatabase",
            "[TempDatabase]",
            "DatabaseFile = " + d + "/virtuoso-temp.db",
            "TransactionFile = " + d + "/virtuoso-temp.trx",
            "Striping = 0",
            "[Parameters]",
            "ServerPort = 127.0.0.1:" + sql,
            "DisableUnixSocket = 1",
            "DisableTcpSocket = 0",
            "MaxClientConnections = 20",
            "CheckpointInterval = 60",
            "CaseMode = 2",
            // Files the server may read or write with SQL (ld_dir bulk loads, file_to_string): its own folder only.
            "DirsAllowed = ., " + d,
            "NumberOfBuffers = 10000",
            "MaxDirtyBuffers = 6000",
            "ThreadsPerQuery = 2",
            "[HTTPServer]",
            "ServerPort = 127.0.0.1:" + http,
            "ServerRoot = " + d + "/vsp",
            "MaxClientConnections = 20",
            "ServerThreads = 20",
            "EnabledDavVSP = 0",
            "Charset = UTF-8",
            "[SPARQL]",
            "ResultSetMaxRows = 1000000",
            "MaxQueryExecutionTime = 60",
            "MaxQueryCostEstimationTime = 400",
            "");
    }

    private void awaitEndpoint() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ask = HttpRequest.newBuilder(URI.create(sparqlUrl() + "?query=ASK%7B%7D"))
            .timeout(Duration.ofSeconds(5)).header("Accept", "application/sparql-results+json").build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive())
                throw new IOException("virtuoso-t exited with " + process.exitValue() + " before answering; its output:\n" + tail());
            try {
                if (http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Virtuoso", e);
            }
            sleep(250);
        }
        throw new IOException("Virtuoso did not answer " + sparqlUrl() + " within " + START_TIMEOUT.toSeconds() + " s; its output:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("virtuoso.out"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * Runs SQL statements through {@code isql-vt} as {@code dba} and returns its output; an
     * {@code *** Error} in the output (isql-vt exits 0 on SQL errors) becomes an {@link IOException}.
     * The password goes on isql's command line: acceptable for a loopback test server, not elsewhere.
     */
    public String sql(String statements) throws IOException {
        Process isql = new ProcessBuilder(ISQL.toString(), "127.0.0.1:" + sqlPort, USER, password, "VERBOSE=OFF",
            "exec=" + statements).redirectErrorStream(true).start();
        String output;
        try {
            isql.getOutputStream().close();
            output = new String(isql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!isql.waitFor(60, TimeUnit.SECONDS)) {
                isql.destroyForcibly();
                throw new IOException("isql-vt did not finish within 60 s: " + statements);
            }
        } catch (InterruptedException e) {
            isql.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running isql-vt", e);
        }
        if (isql.exitValue() != 0 || output.contains("*** Error"))
            throw new IOException("isql-vt failed (exit " + isql.exitValue() + ") on: " + statements + "\n" + output.replace(password, "***"));
        return output;
    }

    /** Indexes every string object of every graph for {@code bif:contains}, including what is stored already. */
    public void enableTextIndex() throws IOException {
        sql("DB.DBA.RDF_OBJ_FT_RULE_ADD(null, null, 'alignkg'); DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ();");
    }

    /** Brings the text index up to date with the last writes (Virtuoso otherwise does it in periodic batches). */
    public void refreshTextIndex() throws IOException {
        sql("DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ();");
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The anonymous, read-only SPARQL endpoint. */
    public String sparqlUrl() {
        return baseUrl() + "/sparql";
    }

    /** The SPARQL endpoint that accepts updates (and queries), with {@link #user()}/{@link #password()} by HTTP Digest. */
    public String updateUrl() {
        return baseUrl() + "/sparql-auth";
    }

    /** The Graph Store protocol endpoint for reads and writes, same Digest credentials as {@link #updateUrl()}. */
    public String graphStoreUrl() {
        return baseUrl() + "/sparql-graph-crud-auth";
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int httpPort() {
        return httpPort;
    }

    public int sqlPort() {
        return sqlPort;
    }

    /** The process id of {@code virtuoso-t}. */
    public long pid() {
        return process.pid();
    }

    /** The folder with {@code virtuoso.ini}, the database and the logs. */
    public Path dir() {
        return dir;
    }

    /** Stops the server (SIGTERM to its pid, SIGKILL after 30 s) and waits until the process is gone. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    /** Stops the process (SIGTERM, SIGKILL after 30 s), keeping the shutdown hook: {@link #restart()} may follow. */
    void stop() {
        if (!process.isAlive()) return;
        process.destroy(); // SIGTERM: Virtuoso shuts down quickly and cleanly
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return "akg" + HexFormat.of().formatHex(b);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
