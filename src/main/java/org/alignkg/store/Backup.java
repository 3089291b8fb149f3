package org.alignkg.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.RiotParseException;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Backups as gzip-compressed N-Quads: the whole dataset, bookkeeping graph included, written from
 * one read transaction (a consistent snapshot while writers go on), and restored as one write
 * transaction that replaces everything. Blank node labels are written in RIOT's encoded form
 * and read back as given, so a restored store has the same blank nodes and the same
 * {@link KgStore#contentHash()} as the one backed up.
 */
final class Backup {
    private Backup() { }

    /** Writes every quad of {@code dsg} (caller holds a read transaction); returns the number of quads. */
    static long write(DatasetGraph dsg, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        Writer w = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
        long n = 0;
        Iterator<Quad> it = dsg.find();
        while (it.hasNext()) {
            Quad q = it.next();
            w.write(NodeFmtLib.strNT(q.getSubject()));
            w.write(' ');
            w.write(NodeFmtLib.strNT(q.getPredicate()));
            w.write(' ');
            w.write(NodeFmtLib.strNT(q.getObject()));
            if (!q.isDefaultGraph()) {
                w.write(' ');
                w.write(NodeFmtLib.strNT(q.getGraph()));
            }
            w.write(" .\n");
            n++;
        }
        w.flush();
        gz.finish();
        gz.flush();
        return n;
    }

    /**
     * Reads a whole backup into memory, so that a corrupt or truncated file is refused before the
     * store is touched. The file must be gzip N-Quads; errors name the file and line.
     */
    static List<Quad> read(Path file) {
        String shown = file.toString();
        if (!Files.isRegularFile(file)) throw new InvalidInputException(SourceLocation.of(shown), "no such file");
        List<Quad> quads = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            RDFParser.create().source(in).lang(Lang.NQUADS)
                .labelToNode(LabelToNode.createUseLabelEncoded())
                .errorHandler(new Strict(shown))
                .parse(new StreamRDFBase() {
                    @Override public void quad(Quad q) { quads.add(q); }
                    @Override public void triple(org.apache.jena.graph.Triple t) {
                        quads.add(Quad.create(Quad.defaultGraphIRI, t));
                    }
                });
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(SourceLocation.of(shown), "not a gzip file (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new InvalidInputException(SourceLocation.of(shown), "truncated gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(SourceLocation.of(shown), "cannot read: " + e.getMessage(), e);
        } catch (RiotParseException e) {
            // RIOT reports a failing input stream (a gzip checksum error mid-file) as a parse error
            String m = String.valueOf(e.getOriginalMessage());
            if (m.startsWith("Bad input stream") || hasIoCause(e))
                throw new InvalidInputException(SourceLocation.of(shown), "truncated or corrupt gzip file (at line "
                    + e.getLine() + " of the N-Quads: " + ioReason(e, m) + ")", e);
            throw new InvalidInputException(new SourceLocation(shown, e.getLine(), e.getCol()), m, e);
        } catch (RiotException e) {
            Throwable c = e.getCause();
            if (c instanceof java.io.EOFException || c instanceof java.util.zip.ZipException)
                throw new InvalidInputException(SourceLocation.of(shown), "truncated or corrupt gzip file (" + c.getMessage() + ")", e);
            if (c instanceof IOException io)
                throw new InvalidInputException(SourceLocation.of(shown), "cannot read: " + io.getMessage(), e);
            throw new InvalidInputException(SourceLocation.of(shown), String.valueOf(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(SourceLocation.of(shown), "truncated or corrupt gzip file (" + e.getCause().getMessage() + ")", e);
        }
        if (quads.isEmpty()) throw new InvalidInputException(SourceLocation.of(shown), "the backup holds no quads; refusing to empty the store");
        return quads;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) if (t instanceof IOException) return true;
        return false;
    }

    /** The I/O failure's own words, without exception class names. */
    private static String ioReason(Throwable e, String fallback) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause())
            if (t instanceof IOException && t.getMessage() != null) return t.getMessage();
        int colon = fallback.lastIndexOf(": ");
        String r = colon >= 0 ? fallback.substring(colon + 2) : fallback;
        return r.replace("]", "").strip();
    }

    /** Warnings are errors too: a backup written by {@link #write} parses without any. */
    private record Strict(String source) implements ErrorHandler {
        @Override public void warning(String message, long line, long col) { error(message, line, col); }
        @Override public void error(String message, long line, long col) {
            // RIOT reports a failing gzip stream ("Bad input stream [java.util.zip.ZipException: ...]")
            // through the error handler too; say what it means, without exception class names.
            if (message != null && message.startsWith("Bad input stream")) {
                String reason = message.replaceFirst("^Bad input stream\\s*\\[?", "").replaceFirst("\\]$", "")
                    .replaceFirst("^[\\w.$]+(Exception|Error):\\s*", "");
                throw new InvalidInputException(SourceLocation.of(source),
                    "truncated or corrupt gzip file (" + reason + ", at line " + line + " of the N-Quads)");
            }
            throw new InvalidInputException(new SourceLocation(source, line, col), message);
        }
        @Override public void fatal(String message, long line, long col) { error(message, line, col); }
    }
}
