package org.alignkg.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.alignkg.InvalidInputException;
import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.alignkg.ontology.AKG;
import org.alignkg.store.Change;
import org.alignkg.store.FileBatch;
import org.alignkg.store.TripleStore;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.eclipse.rdf4j.rio.RDFFormat;

/**
 * Reads RDF files, checks them against the SHACL shapes together with everything already in the
 * store, and commits them in one transaction: all files land or none does.
 */
public final class Loader {
    private final TripleStore store;
    private final RdfFileReader reader;
    private final Path root;
    private final Progress progress;
    private DerivedFiles derived;

    /**
     * @param root paths under this folder are named relative to it (in messages and graph IRIs);
     *             normally the working directory, the project root
     */
    public Loader(TripleStore store, Graph shapesGraph, Progress progress, Path root) {
        this.store = store;
        // Every write of the store, this loader's and any other, is checked against these shapes.
        store.validateWith(shapesGraph);
        this.reader = new RdfFileReader(progress);
        this.progress = progress;
        this.root = root.toAbsolutePath().normalize();
    }

    /** Lets {@link #sync} also derive the non-RDF files {@code handler} accepts (the shipped corpus). */
    public Loader deriving(DerivedFiles handler) {
        this.derived = handler;
        return this;
    }

    private boolean isDerived(Path f) {
        if (derived == null || RdfFileReader.isRdfFile(f)) return false;
        try (java.io.InputStream in = Files.newInputStream(f)) {
            return derived.accepts(f, in.readNBytes(4096));
        } catch (IOException e) {
            return false;
        }
    }

    /** What a load did. */
    public record LoadResult(List<String> loaded, List<String> skipped, List<String> removed, long triples) { }

    /**
     * Loads files and folders (walked recursively; files without an RDF extension are skipped).
     * {@code formatName} applies to every listed file when not null.
     */
    public LoadResult load(List<Path> paths, String formatName) {
        return load(paths, formatName, false);
    }

    /**
     * As {@link #load(List, String)}; with {@code bulk}, or automatically for a single N-Triples or
     * N-Quads file of at least {@link #BULK_THRESHOLD_BYTES}, takes the bulk path
     * ({@link #bulkLoad}): same all-or-nothing result and the same shapes, without holding the
     * file in memory.
     */
    public LoadResult load(List<Path> paths, String formatName, boolean bulk) {
        List<String> skipped = new ArrayList<>();
        List<Path> files = expand(paths, skipped, formatName != null);
        if (files.size() == 1 && (bulk || isLargeLineFormat(files.get(0), formatName)))
            return bulkLoad(files.get(0), formatName, skipped);
        if (bulk)
            throw new InvalidInputException(SourceLocation.of("--bulk"),
                "a bulk load takes exactly one N-Triples or N-Quads file, " + files.size() + " given");
        List<RdfDocument> docs = new ArrayList<>();
        List<FileBatch> batches = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = readBytes(f, nameOf(f));
            RdfDocument doc = parse(f, bytes, formatName);
            docs.add(doc);
            batches.add(batchOf(bytes, doc));
        }
        store.apply(Change.files(batches, Set.of()).locatedBy(focus -> locate(focus, docs)));
        return new LoadResult(docs.stream().map(RdfDocument::source).toList(), skipped, List.of(),
            batches.stream().mapToLong(FileBatch::tripleCount).sum());
    }

    /**
     * Brings the store in line with the RDF files under {@code dirs}: loads new and changed files,
     * drops graphs of files that are gone, and does nothing when everything is current.
     */
    public LoadResult sync(List<Path> dirs) {
        List<String> skipped = new ArrayList<>();
        List<Path> files = expand(dirs, skipped, false);
        Map<String, String> loaded = store.loadedFiles();
        Set<String> present = new TreeSet<>();
        Map<Path, byte[]> changed = new LinkedHashMap<>();
        for (Path f : files) {
            String name = nameOf(f);
            present.add(name);
            byte[] bytes = readBytes(f, name);
            if (!("sha256:" + hashOf(f, bytes)).equals(loaded.get(name))) changed.put(f, bytes);
        }
        Set<String> removed = new TreeSet<>();
        for (String name : loaded.keySet()) {
            boolean underDirs = dirs.stream().anyMatch(d -> name.startsWith(nameOf(d) + "/") || name.equals(nameOf(d)));
            if (underDirs && !present.contains(name)) removed.add(name);
        }
        if (changed.isEmpty() && removed.isEmpty()) return new LoadResult(List.of(), skipped, List.of(), 0);
        List<RdfDocument> docs = new ArrayList<>();
        List<FileBatch> batches = new ArrayList<>();
        for (Map.Entry<Path, byte[]> e : changed.entrySet()) {
            if (isDerived(e.getKey())) {
                String name = nameOf(e.getKey());
                Graph g = derived.derive(e.getKey(), name, progress);
                batches.add(new FileBatch(name, hashOf(e.getKey(), e.getValue()), Map.of(NodeFactory.createURI(graphIri(name)), g)));
                continue;
            }
            RdfDocument doc = parse(e.getKey(), e.getValue(), null);
            docs.add(doc);
            batches.add(batchOf(e.getValue(), doc));
        }
        store.apply(Change.files(batches, removed).locatedBy(focus -> locate(focus, docs)));
        return new LoadResult(docs.stream().map(RdfDocument::source).toList(), skipped, List.copyOf(removed),
            batches.stream().mapToLong(FileBatch::tripleCount).sum());
    }

    /** Files from this size on are bulk loaded when they are N-Triples or N-Quads (about 600k triples). */
    public static final long BULK_THRESHOLD_BYTES = 100L << 20;

    private boolean isLargeLineFormat(Path f, String formatName) {
        try {
            return isLineFormat(RdfFileReader.formatFor(f, nameOf(f), formatName)) && Files.size(f) >= BULK_THRESHOLD_BYTES;
        } catch (IOException e) {
            return false; // the normal path reports the unreadable file
        }
    }

    private static boolean isLineFormat(RDFFormat f) {
        return f.equals(RDFFormat.NTRIPLES) || f.equals(RDFFormat.NQUADS);
    }

    /**
     * The bulk path. One pass: the parser streams the file into the store's bulk write
     * ({@link Change#bulk}: a new storage generation on disk), so a syntax error anywhere aborts
     * it; after the last quad the store validates the nodes the file changed, as it does for
     * every write ({@link org.alignkg.store.ShapeValidator}), and any violation aborts.
     */
    private LoadResult bulkLoad(Path f, String formatName, List<String> skipped) {
        String name = nameOf(f);
        RDFFormat format = RdfFileReader.formatFor(f, name, formatName);
        if (!isLineFormat(format))
            throw new InvalidInputException(SourceLocation.of(name),
                "bulk loading reads N-Triples or N-Quads only, not " + format.getName());
        Node fileGraph = NodeFactory.createURI(graphIri(name));
        Node system = NodeFactory.createURI(AKG.SYSTEM_GRAPH);
        long added = store.apply(Change.bulk(name,
            sink -> reader.stream(f, name, format, graphIri(name), (g, s, p, o) -> {
                if (g == null) g = fileGraph;
                else if (!g.isURI())
                    throw new InvalidInputException(SourceLocation.of(name), "named graphs must have IRIs, found a blank node graph name");
                else if (g.equals(system))
                    throw new InvalidInputException(SourceLocation.of(name), "the graph <" + AKG.SYSTEM_GRAPH + "> is reserved for the store's bookkeeping");
                sink.add(g, s, p, o);
            }),
            progress)).quadsAdded();
        return new LoadResult(List.of(name), skipped, List.of(), added);
    }

    private RdfDocument parse(Path f, byte[] bytes, String formatName) {
        String name = nameOf(f);
        return reader.parse(bytes, name, RdfFileReader.formatFor(f, name, formatName), graphIri(name));
    }

    private static FileBatch batchOf(byte[] bytes, RdfDocument doc) {
        String name = doc.source();
        Map<Node, Graph> graphs = new LinkedHashMap<>();
        // Quads with no graph of their own go to the file's graph; named ones keep their names.
        if (!doc.defaultGraph().isEmpty() || doc.namedGraphs().isEmpty())
            graphs.put(NodeFactory.createURI(graphIri(name)), doc.defaultGraph());
        for (Map.Entry<Node, Graph> e : doc.namedGraphs().entrySet()) {
            if (!e.getKey().isURI())
                throw new InvalidInputException(SourceLocation.of(name), "named graphs must have IRIs, found a blank node graph name");
            if (e.getKey().getURI().equals(AKG.SYSTEM_GRAPH))
                throw new InvalidInputException(SourceLocation.of(name), "the graph <" + AKG.SYSTEM_GRAPH + "> is reserved for the store's bookkeeping");
            graphs.merge(e.getKey(), e.getValue(), (a, b) -> { b.find().forEachRemaining(a::add); return a; });
        }
        return new FileBatch(name, sha256(bytes), graphs);
    }

    /** Where a violating node was written: the first file and line that has it as a subject. */
    private static SourceLocation locate(Node focus, List<RdfDocument> docs) {
        for (RdfDocument d : docs) {
            long line = d.lineOf(focus);
            if (line > 0) return SourceLocation.of(d.source(), line);
        }
        for (RdfDocument d : docs)
            if (d.defaultGraph().contains(focus, Node.ANY, Node.ANY)) return SourceLocation.of(d.source());
        return SourceLocation.of(docs.isEmpty() ? "store" : "store (already loaded data)");
    }

    /** Files and folders to a sorted list of RDF files; unknown extensions are skipped, not errors. */
    private List<Path> expand(List<Path> paths, List<String> skipped, boolean formatGiven) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                        if (RdfFileReader.isRdfFile(f) || isDerived(f)) out.add(f);
                        else skipped.add(nameOf(f));
                    });
                } catch (IOException e) {
                    throw new InvalidInputException(SourceLocation.of(nameOf(p)), "cannot list folder: " + e.getMessage(), e);
                } catch (UncheckedIOException e) {
                    throw new InvalidInputException(SourceLocation.of(nameOf(p)), "cannot list folder: " + e.getCause().getMessage(), e);
                }
            } else if (!Files.exists(p)) {
                throw new InvalidInputException(SourceLocation.of(nameOf(p)), "no such file or folder");
            } else if (formatGiven || RdfFileReader.isRdfFile(p)) {
                out.add(p);
            } else {
                throw new InvalidInputException(SourceLocation.of(nameOf(p)),
                    "unknown RDF format: the file name has no known RDF extension (use --format; known: "
                        + String.join(", ", RdfFileReader.formatNames()) + ")");
            }
        }
        return out;
    }

    /** A path as printed and recorded: relative to the root when under it, with forward slashes. */
    public String nameOf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path shown = abs.startsWith(root) ? root.relativize(abs) : abs;
        String s = shown.toString().replace('\\', '/');
        return s.isEmpty() ? "." : s;
    }

    /**
     * The named graph of a file: {@code https://w3id.org/alignkg/graph/<relative path>}, or
     * {@code .../graph/file/<absolute path>} for a file outside the root; one graph per path.
     */
    public static String graphIri(String name) {
        // A file outside the root keeps its whole absolute path: two files of the same name in
        // different folders are two graphs, never one replacing the other.
        String rel = name.startsWith("/") ? "file" + name : name;
        try {
            // URI's multi-argument constructor percent-encodes what is not allowed in a path.
            return AKG.GRAPH_BASE + new URI(null, null, rel, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException(SourceLocation.of(name), "cannot make a graph IRI from this path", e);
        }
    }

    private static byte[] readBytes(Path f, String name) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new InvalidInputException(SourceLocation.of(name), "cannot read: " + e.getMessage(), e);
        }
    }

    /** A file's recorded hash: of its bytes, and for a derived file also of the derivation. */
    private String hashOf(Path f, byte[] bytes) {
        if (!isDerived(f)) return sha256(bytes);
        byte[] fp = ("\n" + derived.fingerprint()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + fp.length);
        System.arraycopy(fp, 0, all, bytes.length, fp.length);
        return sha256(all);
    }

    static String sha256(byte[] bytes) {
        return DigestUtils.sha256Hex(bytes);
    }
}
