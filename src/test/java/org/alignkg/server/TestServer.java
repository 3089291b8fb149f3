package org.alignkg.server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.alignkg.Progress;
import org.alignkg.ingest.Loader;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.query.NamedQueries;
import org.alignkg.store.KgStore;

import io.javalin.Javalin;

/** One server on 127.0.0.1 and a free port, over a TDB2 store in a test's temporary folder. */
final class TestServer implements AutoCloseable {
    static final String TOKEN = "test-token-5f2c";

    final KgStore store;
    final Javalin app;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(KgStore store, Javalin app) {
        this.store = store;
        this.app = app;
        this.base = "http://127.0.0.1:" + app.port();
    }

    /** A server over the repository's data/ and ontology/, with the test fixture queries. */
    static TestServer withShippedData(Path dir, ServerConfig config) {
        KgStore store = KgStore.open(dir.resolve("tdb"));
        new Loader(store, ShippedFiles.shapes(Path.of("ontology")), Progress.NONE, Path.of(""))
            .sync(List.of(Path.of("ontology"), Path.of("data")));
        return start(store, config);
    }

    static TestServer start(KgStore store, ServerConfig config) {
        NamedQueries queries = NamedQueries.load(Path.of("src/test/resources/queries"), "queries");
        Javalin app = ServerApp.create(store, queries, config).start("127.0.0.1", 0);
        ServerApp.limitIdle(app, config);
        return new TestServer(store, app);
    }

    static ServerConfig config(long timeoutMillis, List<String> cors) {
        return new ServerConfig(timeoutMillis, TOKEN, cors, 64 * 1024);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    HttpResponse<String> get(String pathAndQuery, String accept) {
        HttpRequest.Builder b = request(pathAndQuery).GET();
        if (accept != null) b.header("Accept", accept);
        return send(b);
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String body, String... headers) {
        HttpRequest.Builder b = request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b);
    }

    HttpResponse<String> query(String sparql, String accept) {
        return get("/sparql?query=" + enc(sparql), accept);
    }

    @Override
    public void close() {
        app.stop();
        store.close();
    }
}
