package org.alignkg.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.query.NamedQuery.Kind;
import org.alignkg.query.NamedQuery.Param;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/**
 * The named queries of {@code queries/}, parsed once at start-up so a broken file fails then,
 * not when somebody asks for it.
 */
public final class NamedQueries {
    private static final Pattern HEADER = Pattern.compile("^#\\s*(title|question|param):\\s*(.*)$");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** Parameter names the named-query API keeps for itself (result format and paging). */
    public static final java.util.Set<String> RESERVED_PARAMS = java.util.Set.of("format", "limit", "offset");

    private final Map<String, NamedQuery> byId;

    private NamedQueries(Map<String, NamedQuery> byId) {
        this.byId = byId;
    }

    /** Reads every {@code *.rq} file of a folder, in file-name order. */
    public static NamedQueries load(Path dir, String shownAs) {
        Map<String, NamedQuery> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) return new NamedQueries(out);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted().toList()) {
                String name = shownAs + "/" + f.getFileName();
                String text = Files.readString(f, StandardCharsets.UTF_8);
                NamedQuery q = parse(idOf(f), text, name);
                out.put(q.id(), q);
            }
        } catch (IOException e) {
            throw new InvalidInputException(SourceLocation.of(shownAs), "cannot read queries: " + e.getMessage(), e);
        }
        return new NamedQueries(out);
    }

    /**
     * The queries of {@code dir} when it exists (so edits take effect at once), else the copy
     * shipped inside the jar, so the jar answers named queries from any working directory.
     */
    public static NamedQueries loadOrShipped(Path dir) {
        if (Files.isDirectory(dir)) return load(dir, dir.toString());
        java.net.URL url = NamedQueries.class.getResource("/queries");
        if (url == null) return new NamedQueries(new LinkedHashMap<>());
        try {
            java.net.URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
                    return load(fs.getPath("/queries"), "queries (shipped)");
                }
            }
            return load(Path.of(uri), "queries (shipped)");
        } catch (java.net.URISyntaxException | IOException e) {
            throw new InvalidInputException(SourceLocation.of("queries"), "cannot read the shipped queries: " + e.getMessage(), e);
        }
    }

    /** Builds from texts already in memory (id to text), e.g. from the class path. */
    public static NamedQueries of(Map<String, String> texts) {
        Map<String, NamedQuery> out = new LinkedHashMap<>();
        texts.forEach((id, text) -> out.put(id, parse(id, text, "queries/" + id + ".rq")));
        return new NamedQueries(out);
    }

    private static String idOf(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - ".rq".length());
    }

    static NamedQuery parse(String id, String text, String source) {
        if (!ID.matcher(id).matches())
            throw new InvalidInputException(SourceLocation.of(source), "query file names must be kebab-case (a-z, 0-9, -)");
        String title = null;
        String question = null;
        List<Param> params = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("#")) break;
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) continue;
            String value = m.group(2).strip();
            switch (m.group(1)) {
                case "title" -> title = value;
                case "question" -> question = value;
                default -> params.add(param(value, new SourceLocation(source, i + 1, -1)));
            }
        }
        if (title == null)
            throw new InvalidInputException(SourceLocation.of(source, 1), "missing '# title: ...' header line");
        var query = Sparql.parseQuery(text, source);
        for (Param p : params)
            if (!Pattern.compile("[?$]" + Pattern.quote(p.name()) + "\\b").matcher(text).find())
                throw new InvalidInputException(SourceLocation.of(source), "parameter '" + p.name() + "' is not a variable of the query");
        return new NamedQuery(id, title, question == null ? "" : question, params, text, query);
    }

    private static Param param(String value, SourceLocation where) {
        String[] parts = value.split("\\s+", 3);
        if (parts.length < 2)
            throw new InvalidInputException(where, "a param line needs '<name> <iri|literal|integer> [example]'");
        Kind kind;
        try {
            kind = Kind.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where, "unknown parameter kind '" + parts[1] + "' (iri, literal or integer)", e);
        }
        if (RESERVED_PARAMS.contains(parts[0]))
            throw new InvalidInputException(where, "'" + parts[0] + "' is reserved for the API (" + String.join(", ", new java.util.TreeSet<>(RESERVED_PARAMS)) + "); rename the parameter");
        return new Param(parts[0], kind, parts.length > 2 ? parts[2] : "");
    }

    public Optional<NamedQuery> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<NamedQuery> all() {
        return byId.values();
    }

    /**
     * Turns a parameter's text into an RDF term of the declared kind. The value becomes one term
     * bound to the variable, so no text can change the query around it.
     */
    public static Node toNode(Param p, String value) {
        SourceLocation where = SourceLocation.of("parameter '" + p.name() + "'");
        return switch (p.kind()) {
            case IRI -> {
                try {
                    IRIx iri = IRIx.create(value);
                    if (!iri.isAbsolute()) throw new InvalidInputException(where, "not an absolute IRI: '" + value + "'");
                    yield NodeFactory.createURI(iri.str());
                } catch (IRIException e) {
                    throw new InvalidInputException(where, "not a valid IRI: '" + value + "' (" + e.getMessage() + ")", e);
                }
            }
            case INTEGER -> {
                try {
                    yield NodeFactory.createLiteralDT(Long.toString(Long.parseLong(value.strip())),
                        org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(where, "not an integer: '" + value + "'", e);
                }
            }
            case LITERAL -> NodeFactory.createLiteralString(value);
        };
    }
}
