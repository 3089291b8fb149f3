package org.alignkg.query;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.ontology.AKG;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;

/**
 * Output formats of query results: SPARQL result formats for SELECT/ASK, RDF syntaxes for
 * CONSTRUCT/DESCRIBE, and an aligned text table for people. Shared by the CLI and the server.
 */
public enum ResultFormat {
    TABLE("table", "text/plain", true, false),
    JSON("json", "application/sparql-results+json", true, false),
    XML("xml", "application/sparql-results+xml", true, false),
    CSV("csv", "text/csv", true, false),
    TSV("tsv", "text/tab-separated-values", true, false),
    TURTLE("turtle", "text/turtle", false, true),
    NTRIPLES("ntriples", "application/n-triples", false, true),
    JSONLD("jsonld", "application/ld+json", false, true),
    RDFXML("rdfxml", "application/rdf+xml", false, true),
    TRIG("trig", "application/trig", false, true),
    NQUADS("nquads", "application/n-quads", false, true);

    private final String name;
    private final String mediaType;
    private final boolean forResults;
    private final boolean forGraphs;

    ResultFormat(String name, String mediaType, boolean forResults, boolean forGraphs) {
        this.name = name;
        this.mediaType = mediaType;
        this.forResults = forResults;
        this.forGraphs = forGraphs;
    }

    public String formatName() {
        return name;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Usable for SELECT and ASK. */
    public boolean forResults() {
        return forResults;
    }

    /** Usable for CONSTRUCT and DESCRIBE. */
    public boolean forGraphs() {
        return forGraphs;
    }

    public static Optional<ResultFormat> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.name.equals(n) || f.mediaType.equals(n)).findFirst();
    }

    /** Resolves {@code --format}; null means "table" for results and "turtle" for graphs. */
    public static ResultFormat choose(String name, boolean graphQuery, String option) {
        if (name == null) return graphQuery ? TURTLE : TABLE;
        ResultFormat f = byName(name).orElseThrow(() -> new InvalidInputException(SourceLocation.of(option),
            "unknown format '" + name + "'; known: " + String.join(", ", Arrays.stream(values()).map(v -> v.name).toList())));
        if (graphQuery && !f.forGraphs)
            throw new InvalidInputException(SourceLocation.of(option), "'" + name
                + "' is a format for SELECT/ASK results; CONSTRUCT and DESCRIBE give RDF: turtle, ntriples, jsonld, rdfxml, trig, nquads");
        if (!graphQuery && !f.forResults)
            throw new InvalidInputException(SourceLocation.of(option), "'" + name
                + "' is an RDF format; SELECT and ASK give table, json, xml, csv or tsv");
        return f;
    }

    public void writeResults(OutputStream out, ResultSet rs) {
        switch (this) {
            case TABLE -> ResultSetFormatter.out(out, rs, AKG.prefixes());
            case JSON -> ResultSetMgr.write(out, rs, ResultSetLang.RS_JSON);
            case XML -> ResultSetMgr.write(out, rs, ResultSetLang.RS_XML);
            case CSV -> ResultSetMgr.write(out, rs, ResultSetLang.RS_CSV);
            case TSV -> ResultSetMgr.write(out, rs, ResultSetLang.RS_TSV);
            default -> throw new IllegalStateException(name + " is not a result format");
        }
    }

    public void writeBoolean(OutputStream out, boolean answer) {
        switch (this) {
            case TABLE -> ResultSetFormatter.out(out, answer);
            case JSON -> ResultSetMgr.write(out, answer, ResultSetLang.RS_JSON);
            case XML -> ResultSetMgr.write(out, answer, ResultSetLang.RS_XML);
            case CSV -> ResultSetMgr.write(out, answer, ResultSetLang.RS_CSV);
            case TSV -> ResultSetMgr.write(out, answer, ResultSetLang.RS_TSV);
            default -> throw new IllegalStateException(name + " is not a result format");
        }
    }

    public void writeGraph(OutputStream out, Model model) {
        model.setNsPrefixes(AKG.prefixes());
        switch (this) {
            case TURTLE -> RDFDataMgr.write(out, model, RDFFormat.TURTLE_PRETTY);
            case NTRIPLES -> RDFDataMgr.write(out, model, RDFFormat.NTRIPLES);
            case JSONLD -> RDFDataMgr.write(out, model, RDFFormat.JSONLD);
            case RDFXML -> RDFDataMgr.write(out, model, RDFFormat.RDFXML);
            case TRIG, NQUADS -> {
                DatasetGraph dsg = DatasetGraphFactory.wrap(model.getGraph());
                RDFDataMgr.write(out, dsg, this == TRIG ? Lang.TRIG : Lang.NQUADS);
            }
            default -> throw new IllegalStateException(name + " is not an RDF format");
        }
    }
}
