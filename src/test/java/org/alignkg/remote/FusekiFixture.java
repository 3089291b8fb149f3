package org.alignkg.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.alignkg.TestData;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.text.assembler.TextVocab;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;

/**
 * A real Fuseki in the test JVM, on 127.0.0.1 and a free port, over the dataset the README
 * documents ({@code docs/fuseki/alignkg.ttl}: TDB2 with the union default graph and jena-text,
 * built by Jena's assembler from that file), its database in {@code dir}. {@link #stop} and
 * {@link #restart} on the same port let a test take the engine away and bring it back; the
 * dataset stays open in between (Fuseki's stop does not close it, and the Lucene index allows
 * one writer per JVM).
 */
public final class FusekiFixture implements AutoCloseable {
    public static final Path CONFIG = TestData.ROOT.resolve("docs/fuseki/alignkg.ttl");

    private final Dataset dataset;
    private FusekiServer server;
    private int port;

    private FusekiFixture(Dataset dataset) {
        this.dataset = dataset;
    }

    /** Starts Fuseki over a new database in {@code dir}. */
    public static FusekiFixture start(Path dir) {
        try {
            Files.createDirectories(dir);
            String text = Files.readString(CONFIG, StandardCharsets.UTF_8)
                .replace("\"databases/alignkg\"", "\"" + dir.resolve("tdb").toAbsolutePath() + "\"")
                .replace("<file:databases/alignkg-text>", "<" + dir.resolve("text").toAbsolutePath().toUri() + ">");
            Path config = dir.resolve("fuseki.ttl");
            Files.writeString(config, text, StandardCharsets.UTF_8);
            Model m = RDFDataMgr.loadModel(config.toString());
            Resource ds = m.listSubjectsWithProperty(RDF.type, TextVocab.textDataset).next();
            FusekiFixture f = new FusekiFixture(DatasetFactory.assemble(ds));
            f.launch(0);
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void launch(int onPort) {
        server = FusekiServer.create().loopback(true).port(onPort).add("/alignkg", dataset, true).build().start();
        port = server.getHttpPort();
    }

    /** The dataset's URL: query, update and Graph Store endpoint in one. */
    public String datasetUrl() {
        return "http://127.0.0.1:" + port + "/alignkg";
    }

    /** Stops the server (the port closes; the database stays). */
    public void stop() {
        if (server != null) server.stop();
        server = null;
    }

    /** Starts it again on the same port over the same database. */
    public void restart() {
        if (server == null) launch(port);
    }

    @Override public void close() {
        stop();
        dataset.close();
    }
}
